import { closeSync, openSync, writeSync } from 'node:fs';
import type { TimelineJournal } from '../core/journal/timeline-journal.ts';

// The data disk filling up and being freed again, under the journal the engine writes through
// (createVigilCore's `engineJournal` seam). While full, an append fails exactly as on a full
// disk: the line is written to /dev/full and the kernel's ENOSPC is what the engine gets; the
// real journal file is not touched. Once freed, appends reach the real journal unchanged.

export interface JournalDiskFault {
  wrap(journal: TimelineJournal): Pick<TimelineJournal, 'append'>;
  setFull(full: boolean): void;
  /** Appends refused while full. */
  readonly refused: number;
}

function writeToFullDevice(line: string): void {
  const fd = openSync('/dev/full', 'w');
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

export function createJournalDiskFault(): JournalDiskFault {
  let full = false;
  let refused = 0;
  return {
    wrap: (journal) => ({
      append(event) {
        if (full) {
          refused += 1;
          writeToFullDevice(`${JSON.stringify(event)}\n`);
          throw new Error('/dev/full accepted a write'); // unreachable: the kernel refuses every write there
        }
        return journal.append(event);
      },
    }),
    setFull(next) {
      full = next;
    },
    get refused() {
      return refused;
    },
  };
}
