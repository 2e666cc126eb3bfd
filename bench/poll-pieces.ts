import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertItemCache } from '../core/alertmanager/alert-item-cache.ts';
import { ArrayAnswerStream } from '../core/alertmanager/array-answer-stream.ts';
import { openTimelineJournal } from '../core/journal/timeline-journal.ts';
import { amAlertSchema } from '../shared/alertmanager-schemas.ts';
import { fullPollQuery } from './core-poll-cost.ts';
import { ALL_RECEIVERS, tierFilter } from './fleet-alerts.ts';
import { timeRuns, type Summary } from './stats.ts';

// Pieces of a poll, in this process, on the same 10k-alert answer cut into 64 KiB chunks as the
// socket delivers it: the whole-answer JSON.parse (the reference), what a poll does with it
// (core/alertmanager: the streaming splitter, the item cache, the repeat check), the zod schema
// over every item (why the one-pass reader exists), and timeline journal appends.

export interface PollPieces {
  alerts: number;
  jsonParseCpuMs: Summary;
  /** Splitting, parsing and reading every item: a first answer, or one where every alert changed. */
  firstReadCpuMs: Summary;
  /** The same answer with one alert's annotation changed: split, compare, parse one item. */
  oneChangedCpuMs: Summary;
  /** The same answer as Prometheus's re-send makes it: every alert's endsAt and updatedAt new. */
  resentCpuMs?: Summary;
  /** The same bytes again: a byte comparison per chunk. */
  repeatCpuMs: Summary;
  validateCpuMs: Summary;
  journalAppendMs: Summary;
  /** One evaluation's worth of events (300 new incidents: first seen + alarm) in one write and fsync. */
  journalBatchMs: Summary;
  batch: number;
  appends: number;
}

function chunked(bytes: Buffer, size = 65_536): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** What a poll does with an answer's chunks (am-http and am-client): streamed against the last answer. */
function readThrough(cache: AlertItemCache, chunks: readonly Buffer[]): void {
  const reading = cache.begin();
  const stream = new ArrayAnswerStream(reading, cache.bytes);
  for (const chunk of chunks) stream.write(chunk);
  if (stream.end().kind === 'repeated') cache.repeated();
  else reading.finish();
}

export async function measurePollPieces(options: { amUrl: string; alerts: number; runs: number }): Promise<PollPieces> {
  const response = await fetch(`${options.amUrl.replace(/\/+$/, '')}/api/v2/alerts${fullPollQuery(ALL_RECEIVERS, tierFilter(options.alerts))}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  const items = JSON.parse(text) as Array<{ annotations: Record<string, string> }>;
  const chunks = chunked(bytes);
  // The same answer with one alert's annotation changed (its text differs, same length).
  const middle = JSON.stringify(items[Math.floor(items.length / 2)]);
  const changedMiddle = middle.replace(/"summary":"(.)/, (_, c: string) => `"summary":"${c === 'X' ? 'Y' : 'X'}`);
  const oneChanged = chunked(Buffer.from(text.replace(middle, changedMiddle), 'utf8'));
  // Every alert re-sent: its endsAt and updatedAt one millisecond later (same length), nothing else.
  const resentText = text.replace(/"(endsAt|updatedAt)":"([^"]*?)(\d)Z"/g, (_, key: string, head: string, digit: string) => `"${key}":"${head}${(Number(digit) + 1) % 10}Z"`);
  if (resentText === text || resentText.length !== text.length) throw new Error('the re-sent answer was not made: no endsAt/updatedAt ending in a digit and Z');
  const resent = chunked(Buffer.from(resentText, 'utf8'));

  const parsed = await timeRuns(options.runs, () => JSON.parse(text));
  const firstRead = await timeRuns(options.runs, () => readThrough(new AlertItemCache(), chunks));
  const warm = new AlertItemCache();
  readThrough(warm, chunks);
  let run = 0;
  // Alternating between the two answers: every run reads one changed alert.
  const changed = await timeRuns(options.runs, () => readThrough(warm, run++ % 2 === 0 ? oneChanged : chunks));
  run = 0;
  const resends = await timeRuns(options.runs, () => readThrough(warm, run++ % 2 === 0 ? resent : chunks));
  // The same answer again and again: compared chunk by chunk as they arrive, nothing read.
  readThrough(warm, chunks);
  const repeated = await timeRuns(options.runs, () => readThrough(warm, chunks));
  const validated = await timeRuns(options.runs, () => items.map((item) => amAlertSchema.safeParse(item)));

  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-journal-'));
  const journal = openTimelineJournal(dir);
  const appends = 200;
  const batch = 600;
  try {
    let i = 0;
    const appended = await timeRuns(appends, () => journal.append({ incidentKey: `bench-${i % 10}`, at: Date.now(), type: 'note', message: `bench event ${(i += 1)}` }));
    const batched = await timeRuns(5, () => journal.appendAll(Array.from({ length: batch }, (_, k) => ({ incidentKey: `bench-${k % 300}`, at: Date.now(), type: k % 2 === 0 ? ('first-seen' as const) : ('alarm-raised' as const), message: `bench event ${k}` }))));
    return {
      alerts: items.length,
      jsonParseCpuMs: parsed.cpuMs,
      firstReadCpuMs: firstRead.cpuMs,
      oneChangedCpuMs: changed.cpuMs,
      resentCpuMs: resends.cpuMs,
      repeatCpuMs: repeated.cpuMs,
      validateCpuMs: validated.cpuMs,
      journalAppendMs: appended.wallMs,
      journalBatchMs: batched.wallMs,
      batch,
      appends,
    };
  } finally {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
