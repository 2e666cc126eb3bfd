import { closeSync, openSync, writeSync } from 'node:fs';
import type { TimelineJournal } from '../core/journal/timeline-journal.ts';

// The data disk filling up and being freed again, under the journal the engine writes through
// (createVigilCore's `engineJournal` seam). While full, an append fails exactly as on a full
// disk: the line is written to /dev/full and the kernel's ENOSPC is what the engine gets; the
// real journal file is not touched. Once freed, appends reach the real journal unchanged.

export interface JournalDiskFault {
  wrap(journal: TimelineJournal): Pick<TimelineJournal, 'appendAll'>;
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
      appendAll(events) {
        if (full) {
          refused += events.length;
          writeToFullDevice(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
          throw new Error('/dev/full accepted a write'); // unreachable: the kernel refuses every write there
        }
        return journal.appendAll(events);
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
