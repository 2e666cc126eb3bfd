import { chmodSync, closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import type { TimelineEvent } from '../../shared/domain.ts';
import { timelineEventInputSchema, timelineEventSchema } from '../../shared/timeline-schema.ts';
import { fsyncDirectory, fsyncPath, writeAllSync } from './fs-durable.ts';

// The incident timeline journal: an append-only JSON Lines file. Each append is written and
// fsync'ed before it returns, so whatever the core was told "journalled" survives kill -9 and
// power loss; on open the file is replayed and a torn tail from a crash is set aside, never
// taking earlier events with it.

export const TIMELINE_FILE_NAME = 'timeline.jsonl';

export type TimelineEventInput = Omit<TimelineEvent, 'id'> & { id?: string };

export interface JournalRecovery {
  /** Torn last lines (no newline, not a valid event) moved aside on open: 0 or 1. */
  tornLines: number;
  /** Complete lines that are not valid events (left in place, skipped, counted on every open). */
  invalidLines: number;
  /** Where the torn tail was copied, if there was one. */
  corruptFile: string | null;
  /** A last line that was complete but lacked its newline, and was repaired in place. */
  repairedNewline: boolean;
}

export interface TimelineJournal {
  readonly path: string;
  readonly recovery: JournalRecovery;
  append(event: TimelineEventInput): TimelineEvent;
  /**
   * Several events in one write and one fsync (a poll that finds 300 new incidents journals 600
   * events: one fsync each kept the event loop busy for seconds). All or none: an invalid event
   * is refused before anything is written, and a failed write is cut off again.
   */
  appendAll(events: readonly TimelineEventInput[]): TimelineEvent[];
  forIncident(incidentKey: string): TimelineEvent[];
  all(): TimelineEvent[];
  close(): void;
}

export interface TimelineJournalOptions {
  clock?: Pick<Clock, 'now'>;
}

const NEWLINE = 0x0a;

export function openTimelineJournal(dir: string, opts: TimelineJournalOptions = {}): TimelineJournal {
  const clock = opts.clock ?? { now: () => Date.now() };
  // Owner only: the timeline names incidents, labels and who acked (no credentials, but not the
  // business of other local users either).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, TIMELINE_FILE_NAME);
  const created = !existsSync(path);

  const events: TimelineEvent[] = [];
  const byIncident = new Map<string, TimelineEvent[]>();
  const ids = new Set<string>();
  const index = (event: TimelineEvent) => {
    events.push(event);
    ids.add(event.id);
    const list = byIncident.get(event.incidentKey);
    if (list) list.push(event);
    else byIncident.set(event.incidentKey, [event]);
  };

  const recovery = created ? emptyRecovery() : replay(path, clock.now(), index);

  // O_APPEND: every write lands at the current end even if the file was truncated above.
  let fd: number | null = openSync(path, 'a', 0o600);
  // A journal an older version created with the default umask is made owner-only too.
  chmodSync(path, 0o600);
  if (created) fsyncDirectory(dir);

  const idPrefix = randomBytes(3).toString('hex');
  let counter = 0;
  const newId = (at: number) => {
    counter += 1;
    // Time orders ids roughly; the counter keeps them unique within this process, the random
    // part across processes (a restarted Vigil appending in the same millisecond).
    return `${at.toString(36)}-${counter.toString(36)}-${idPrefix}${randomBytes(2).toString('hex')}`;
  };

  return {
    path,
    recovery,
    append(input) {
      return this.appendAll([input])[0]!;
    },
    appendAll(inputs) {
      if (fd === null) throw new Error(`timeline journal ${path} is closed`);
      const batch: TimelineEvent[] = [];
      const batchIds = new Set<string>();
      for (const input of inputs) {
        const parsed = timelineEventInputSchema.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Error(`invalid timeline event: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
        }
        const { id: givenId, ...rest } = parsed.data;
        const id = givenId ?? newId(rest.at);
        if (ids.has(id) || batchIds.has(id)) throw new Error(`timeline event id ${id} is already in the journal`);
        batchIds.add(id);
        batch.push(Object.freeze({ id, ...rest }) as TimelineEvent);
      }
      if (batch.length === 0) return batch;
      // One write, then fsync: the lines are on disk before the caller hears "appended".
      const before = fstatSync(fd).size;
      try {
        writeAllSync(fd, Buffer.from(batch.map((event) => `${JSON.stringify(event)}\n`).join(''), 'utf8'));
        fsyncSync(fd);
      } catch (error) {
        // A disk that fills mid-line leaves half a line; cut it off, or the next append would be
        // glued to it. The caller keeps the events and retries.
        try {
          ftruncateSync(fd, before);
        } catch {
          // The next open sets a torn tail aside anyway.
        }
        throw error;
      }
      for (const event of batch) index(event);
      return batch;
    },
    forIncident(incidentKey) {
      return [...(byIncident.get(incidentKey) ?? [])];
    },
    all() {
      return [...events];
    },
    close() {
      if (fd === null) return;
      closeSync(fd);
      fd = null;
    },
  };
}

function emptyRecovery(): JournalRecovery {
  return { tornLines: 0, invalidLines: 0, corruptFile: null, repairedNewline: false };
}

function parseLine(line: string): TimelineEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = timelineEventSchema.safeParse(raw);
  return parsed.success ? (Object.freeze(parsed.data) as TimelineEvent) : null;
}

function replay(path: string, now: number, index: (event: TimelineEvent) => void): JournalRecovery {
  const recovery = emptyRecovery();
  const bytes = readFileSync(path);
  const lastNewline = bytes.lastIndexOf(NEWLINE);
  const completeEnd = lastNewline + 1;
  const seen = new Set<string>();
  const accept = (event: TimelineEvent | null) => {
    // A duplicated id can only come from a hand-edited or concatenated file: keep the first.
    if (event === null || seen.has(event.id)) {
      recovery.invalidLines += 1;
      return;
    }
    seen.add(event.id);
    index(event);
  };

  const complete = bytes.subarray(0, completeEnd).toString('utf8');
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    accept(parseLine(line));
  }

  const tail = bytes.subarray(completeEnd);
  if (tail.length === 0) return recovery;
  const tailEvent = parseLine(tail.toString('utf8'));
  if (tailEvent !== null && !seen.has(tailEvent.id)) {
    // A whole event whose newline never made it: keep it and finish the line.
    accept(tailEvent);
    const fd = openSync(path, 'a');
    try {
      writeAllSync(fd, Buffer.from('\n'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    recovery.repairedNewline = true;
    return recovery;
  }

  // A torn write from a crash: copy the fragment aside for inspection, then cut the file back
  // to the last complete line so new appends start on a clean line.
  const corruptFile = uniqueCorruptPath(path, now);
  writeFileSync(corruptFile, tail, { flag: 'wx', mode: 0o600 });
  fsyncPath(corruptFile);
  truncateSync(path, completeEnd);
  fsyncPath(path);
  recovery.tornLines = 1;
  recovery.corruptFile = corruptFile;
  return recovery;
}

function uniqueCorruptPath(path: string, now: number): string {
  let candidate = `${path}.corrupt-${now}`;
  for (let n = 1; existsSync(candidate); n += 1) candidate = `${path}.corrupt-${now}-${n}`;
  return candidate;
}

