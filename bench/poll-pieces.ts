import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTimelineJournal } from '../core/journal/timeline-journal.ts';
import { amAlertSchema } from '../shared/alertmanager-schemas.ts';
import { fullPollQuery } from './core-poll-cost.ts';
import { ALL_RECEIVERS, tierFilter } from './fleet-alerts.ts';
import { timeRuns, type Summary } from './stats.ts';

// Pieces of a poll, in this process, on the same 10k-alert answer: the parse, the schema
// validation of every item (zod, shared/alertmanager-schemas.ts), and a timeline journal append
// (written and fsynced before it returns, on the caller's thread).

export interface PollPieces {
  alerts: number;
  jsonParseCpuMs: Summary;
  validateCpuMs: Summary;
  journalAppendMs: Summary;
  appends: number;
}

export async function measurePollPieces(options: { amUrl: string; alerts: number; runs: number }): Promise<PollPieces> {
  const response = await fetch(`${options.amUrl.replace(/\/+$/, '')}/api/v2/alerts${fullPollQuery(ALL_RECEIVERS, tierFilter(options.alerts))}`);
  const text = await response.text();
  const parsed = await timeRuns(options.runs, () => JSON.parse(text));
  const items = JSON.parse(text) as unknown[];
  const validated = await timeRuns(options.runs, () => items.map((item) => amAlertSchema.safeParse(item)));
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-journal-'));
  const journal = openTimelineJournal(dir);
  const appends = 200;
  try {
    let i = 0;
    const appended = await timeRuns(appends, () => journal.append({ incidentKey: `bench-${i % 10}`, at: Date.now(), type: 'note', message: `bench event ${(i += 1)}` }));
    return { alerts: items.length, jsonParseCpuMs: parsed.cpuMs, validateCpuMs: validated.cpuMs, journalAppendMs: appended.wallMs, appends };
  } finally {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
