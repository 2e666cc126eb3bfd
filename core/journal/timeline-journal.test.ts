import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIMELINE_FILE_NAME, openTimelineJournal } from './timeline-journal.ts';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const fixedClock = { now: () => T0 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('timeline journal', () => {
  it('is readable by its owner only, also when an older version left it world-readable', () => {
    const sub = join(dir, 'timeline');
    openTimelineJournal(sub, { clock: fixedClock }).close();
    expect(statSync(join(sub, TIMELINE_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(statSync(sub).mode & 0o777).toBe(0o700);
    chmodSync(join(sub, TIMELINE_FILE_NAME), 0o644);
    openTimelineJournal(sub, { clock: fixedClock }).close();
    expect(statSync(join(sub, TIMELINE_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('appends a batch in order, or nothing of it when one event is invalid', () => {
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    const batch = journal.appendAll([
      { incidentKey: 'A', at: T0, type: 'first-seen', message: 'seen' },
      { incidentKey: 'B', at: T0, type: 'first-seen', message: 'seen' },
      { incidentKey: 'A', at: T0 + 1, type: 'alarm-raised', message: 'ringing' },
    ]);
    expect(batch.map((e) => e.incidentKey)).toEqual(['A', 'B', 'A']);
    const sizeBefore = statSync(join(dir, TIMELINE_FILE_NAME)).size;
    expect(() => journal.appendAll([{ incidentKey: 'C', at: T0 + 2, type: 'first-seen', message: 'seen' }, { incidentKey: 'C', at: T0 + 3, type: 'no-such-type' as 'note', message: 'x' }])).toThrow(/invalid timeline event/);
    expect(statSync(join(dir, TIMELINE_FILE_NAME)).size).toBe(sizeBefore);
    expect(journal.forIncident('C')).toEqual([]);
    journal.close();
    expect(openTimelineJournal(dir, { clock: fixedClock }).all()).toEqual(batch);
  });

  it('appends, indexes by incident and replays after reopening', () => {
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    const a1 = journal.append({ incidentKey: 'HighApiErrorRate|prod', at: T0, type: 'alarm-raised', message: 'ringing' });
    journal.append({ incidentKey: 'WeaviateDown|prod', at: T0 + 1, type: 'first-seen', message: 'seen' });
    const a2 = journal.append({ incidentKey: 'HighApiErrorRate|prod', at: T0 + 2, type: 'acked', message: 'acked', by: 'alex.chen', data: { silenceId: 's-1', level: 0, mine: true, sourceId: null } });
    expect(journal.forIncident('HighApiErrorRate|prod').map((e) => e.id)).toEqual([a1.id, a2.id]);
    expect(journal.forIncident('nope')).toEqual([]);
    journal.close();

    const reopened = openTimelineJournal(dir, { clock: fixedClock });
    expect(reopened.all()).toEqual([a1, expect.objectContaining({ incidentKey: 'WeaviateDown|prod' }), a2]);
    expect(reopened.forIncident('HighApiErrorRate|prod')[1]).toEqual(a2);
    expect(reopened.recovery).toEqual({ tornLines: 0, invalidLines: 0, corruptFile: null, repairedNewline: false });
    reopened.close();
  });

  it('gives unique ids even when the clock stands still', () => {
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    const ids = new Set<string>();
    for (let i = 0; i < 500; i += 1) ids.add(journal.append({ incidentKey: 'k', at: T0, type: 'note', message: String(i) }).id);
    journal.close();
    const other = openTimelineJournal(dir, { clock: fixedClock });
    for (let i = 0; i < 500; i += 1) ids.add(other.append({ incidentKey: 'k', at: T0, type: 'note', message: String(i) }).id);
    other.close();
    expect(ids.size).toBe(1000);
  });

  it('refuses an invalid event or a duplicate id and writes nothing for it', () => {
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    const first = journal.append({ incidentKey: 'k', at: T0, type: 'note', message: 'ok' });
    expect(() => journal.append({ incidentKey: 'k', at: T0, type: 'exploded' as 'note', message: 'bad' })).toThrow(/invalid timeline event: type/);
    expect(() => journal.append({ incidentKey: '', at: T0, type: 'note', message: 'bad' })).toThrow(/incidentKey/);
    expect(() => journal.append({ id: first.id, incidentKey: 'k', at: T0, type: 'note', message: 'dup' })).toThrow(/already in the journal/);
    journal.close();
    expect(() => journal.append({ incidentKey: 'k', at: T0, type: 'note', message: 'late' })).toThrow(/closed/);
    const lines = readFileSync(join(dir, TIMELINE_FILE_NAME), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
  });

  it('sets a torn last line aside, keeps every earlier event and appends cleanly after it', () => {
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    const kept = [0, 1, 2].map((i) => journal.append({ incidentKey: 'k', at: T0 + i, type: 'note', message: `event ${i}` }));
    journal.close();
    const fragment = '{"id":"torn","incidentKey":"k","at":17';
    appendFileSync(join(dir, TIMELINE_FILE_NAME), fragment);

    const reopened = openTimelineJournal(dir, { clock: fixedClock });
    expect(reopened.all()).toEqual(kept);
    expect(reopened.recovery.tornLines).toBe(1);
    expect(reopened.recovery.corruptFile).toBe(join(dir, `${TIMELINE_FILE_NAME}.corrupt-${T0}`));
    expect(readFileSync(reopened.recovery.corruptFile!, 'utf8')).toBe(fragment);
    const after = reopened.append({ incidentKey: 'k', at: T0 + 9, type: 'resolved', message: 'after the crash' });
    reopened.close();

    const third = openTimelineJournal(dir, { clock: fixedClock });
    expect(third.all()).toEqual([...kept, after]);
    expect(third.recovery.tornLines).toBe(0);
    third.close();
  });

  it('skips and counts a corrupted line in the middle without losing the lines after it', () => {
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    const before = journal.append({ incidentKey: 'k', at: T0, type: 'note', message: 'before' });
    journal.close();
    appendFileSync(join(dir, TIMELINE_FILE_NAME), 'not json at all\n{"id":"x","incidentKey":"k","at":-1,"type":"note","message":""}\n');
    const again = openTimelineJournal(dir, { clock: fixedClock });
    const after = again.append({ incidentKey: 'k', at: T0 + 1, type: 'note', message: 'after' });
    again.close();
    const last = openTimelineJournal(dir, { clock: fixedClock });
    expect(last.all()).toEqual([before, after]);
    expect(last.recovery.invalidLines).toBe(2);
    last.close();
  });

  it('keeps a complete last event whose newline was lost and finishes the line', () => {
    const event = { id: 'e1', incidentKey: 'k', at: T0, type: 'note', message: 'no newline' };
    writeFileSync(join(dir, TIMELINE_FILE_NAME), JSON.stringify(event));
    const journal = openTimelineJournal(dir, { clock: fixedClock });
    expect(journal.all()).toEqual([event]);
    expect(journal.recovery.repairedNewline).toBe(true);
    journal.append({ incidentKey: 'k', at: T0 + 1, type: 'note', message: 'next' });
    journal.close();
    expect(readFileSync(join(dir, TIMELINE_FILE_NAME), 'utf8').split('\n')).toHaveLength(3);
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('keeps every event a process reported as appended when that process is killed with SIGKILL', async () => {
    const moduleUrl = pathToFileURL(join(import.meta.dirname, 'timeline-journal.ts')).href;
    const childScript = join(dir, 'append-forever.mjs');
    // The child prints an id only after append() returned, i.e. after write + fsync.
    writeFileSync(
      childScript,
      `import { openTimelineJournal } from ${JSON.stringify(moduleUrl)};
const journal = openTimelineJournal(process.argv[2]);
for (let i = 0; ; i += 1) {
  const event = journal.append({ incidentKey: 'incident-' + (i % 7), at: Date.now(), type: 'note', message: 'event ' + i + ' ' + 'x'.repeat(i % 300) });
  process.stdout.write(event.id + '\\n');
}
`,
    );
    const journalDir = join(dir, 'journal');
    const child = spawn(process.execPath, [childScript, journalDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let buffered = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        reported.push(...lines);
        if (reported.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited before being killed: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const journal = openTimelineJournal(journalDir);
    const stored = new Set(journal.all().map((event) => event.id));
    const missing = reported.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // The child may have appended more than the parent read before the signal landed; never fewer.
    expect(stored.size).toBeGreaterThanOrEqual(reported.length);
    expect(journal.recovery.invalidLines).toBe(0);
    journal.append({ incidentKey: 'incident-0', at: Date.now(), type: 'note', message: 'after kill -9' });
    journal.close();
  });
});
