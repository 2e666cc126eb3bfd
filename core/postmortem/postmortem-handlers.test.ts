import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequestArgs } from '../../shared/ipc-contract.ts';
import { FIXTURE_EVENTS, FIXTURE_INCIDENT, FIXTURE_KEY, FIXTURE_OCCURRENCE, FIXTURE_START } from '../../shared/postmortem/postmortem-fixture.ts';
import { occurrenceIdOf } from '../../shared/timeline-schema.ts';
import { openTimelineJournal } from '../journal/timeline-journal.ts';
import { openDraftStore } from './draft-store.ts';
import type { PostMortemExporter } from './export-port.ts';
import { createPostMortemHandlers, type PostMortemDeps } from './postmortem-handlers.ts';

// The post-mortem requests on a real journal and real draft files (no source, no network).

const LATER = FIXTURE_START + 3 * 86_400_000;
const SECOND = occurrenceIdOf(FIXTURE_KEY, LATER);

function setup(over: Partial<PostMortemDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pm-'));
  let now = LATER + 60_000;
  const clock = { now: () => now };
  const journal = openTimelineJournal(join(dir, 'timeline'), { clock });
  for (const event of FIXTURE_EVENTS) journal.append(event);
  // The same incident fires again three days later: a second occurrence.
  journal.append({ incidentKey: FIXTURE_KEY, occurrenceId: SECOND, at: LATER, type: 'first-seen', message: 'First seen: WeaviateDown · prod', data: { severity: 'critical' } });
  journal.append({ incidentKey: 'HighLLMLatency-1', occurrenceId: occurrenceIdOf('HighLLMLatency-1', LATER + 5), at: LATER + 5, type: 'first-seen', message: 'First seen: HighLLMLatency', data: { severity: 'warning' } });
  const drafts = openDraftStore(join(dir, 'postmortems'), { clock });
  const handlers = createPostMortemHandlers({ clock, journal, drafts, me: () => 'alex.chen', ackWithinMs: () => 120_000, template: () => null, liveIncident: (id) => (id === FIXTURE_OCCURRENCE ? FIXTURE_INCIDENT : null), ...over });
  return { dir, journal, drafts, handlers, tick: (ms: number) => (now += ms) };
}

describe('post-mortem requests', () => {
  it('lists occurrences most recent first, filtered by alertname, severity and date', async () => {
    const { handlers } = setup();
    const all = await handlers.listOccurrences({});
    expect(all.occurrences.map((o) => [o.alertname, o.occurrenceId])).toEqual([
      ['HighLLMLatency', occurrenceIdOf('HighLLMLatency-1', LATER + 5)],
      ['WeaviateDown', SECOND],
      ['WeaviateDown', FIXTURE_OCCURRENCE],
    ]);
    expect(all.occurrences[2]).toMatchObject({ resolvedAt: FIXTURE_START + 1_449_000, ackedBy: 'alex.chen', severity: 'critical', hasPostMortem: false });
    expect((await handlers.listOccurrences({ alertname: 'weaviate' })).total).toBe(2);
    expect((await handlers.listOccurrences({ severity: 'warning' })).occurrences.map((o) => o.alertname)).toEqual(['HighLLMLatency']);
    expect((await handlers.listOccurrences({ from: FIXTURE_START, to: FIXTURE_START + 86_400_000 })).occurrences.map((o) => o.occurrenceId)).toEqual([FIXTURE_OCCURRENCE]);
  });

  it('adds a note to one occurrence, by me, now; refuses an occurrence of another incident or none', async () => {
    const { handlers, journal } = setup();
    const note = await handlers.addNote(parseRequestArgs('addNote', { incidentKey: FIXTURE_KEY, occurrenceId: SECOND, text: '  rolled back to blue ' }));
    expect(note).toMatchObject({ type: 'user-note', by: 'alex.chen', occurrenceId: SECOND, message: 'rolled back to blue', at: LATER + 60_000 });
    expect(journal.forIncident(FIXTURE_KEY).at(-1)).toEqual(note);
    await expect(handlers.addNote({ incidentKey: 'HighLLMLatency-1', occurrenceId: SECOND, text: 'x' })).rejects.toThrow(/not one of this incident/);
    await expect(handlers.addNote({ incidentKey: FIXTURE_KEY, occurrenceId: `${FIXTURE_KEY}@zzz`, text: 'x' })).rejects.toThrow(/no such occurrence/);
    expect(() => parseRequestArgs('addNote', { incidentKey: FIXTURE_KEY, occurrenceId: SECOND, text: '   ' })).toThrow(/text/);
  });

  it('creates the draft once from the journal; a second occurrence gets its own, and the first stays unchanged', async () => {
    const { handlers, drafts } = setup();
    const { draft } = await handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'Europe/Berlin' });
    expect(draft.text).toBe(readFileSync(join(import.meta.dirname, '..', '..', 'shared', 'postmortem', 'testdata', 'weaviate-down.postmortem.md'), 'utf8'));
    expect(readFileSync(draft.file, 'utf8')).toBe(draft.text);
    await handlers.savePostMortem({ occurrenceId: FIXTURE_OCCURRENCE, text: `${draft.text}\nRoot cause: OOM.\n` });
    // "Write post-mortem" again answers the existing draft, untouched.
    expect((await handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' })).draft.text).toContain('Root cause: OOM.');

    const second = (await handlers.createPostMortem({ occurrenceId: SECOND, zone: 'UTC' })).draft;
    expect(second.text).not.toContain('Root cause: OOM.');
    expect(second.text).toContain('[End time: not resolved yet]');
    expect(second.file).not.toBe(draft.file);
    expect(drafts.get(FIXTURE_OCCURRENCE)?.text).toContain('Root cause: OOM.');
    expect((await handlers.listOccurrences({ alertname: 'WeaviateDown' })).occurrences.map((o) => o.hasPostMortem)).toEqual([true, true]);
  });

  it("fills the team's template from config, relative to the config file, and falls back loudly when it cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-tpl-'));
    writeFileSync(join(dir, 'pm.md'), '# {{title}} <script>x</script>\n{{duration}} {{unknown_field}}\n{{timeline}}\n');
    const { handlers } = setup({ template: () => ({ path: 'pm.md', configFile: join(dir, 'vigil.yaml') }) });
    const made = await handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' });
    expect(made.warning).toBeNull();
    expect(made.draft.text.split('\n').slice(0, 2)).toEqual(['# WeaviateDown · prod · \\<img src=x onerror=alert(1)\\> <script>x</script>', '24m09s {{unknown_field}}']);

    const missing = setup({ template: () => ({ path: 'nope.md', configFile: join(dir, 'vigil.yaml') }) });
    const fallback = await missing.handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' });
    expect(fallback.warning).toMatch(/nope\.md could not be read .*playbook's template was used/);
    expect(fallback.draft.text).toContain('## Root Cause Analysis');
  });

  it('saves, lists and restores versions; a refused save answers the error and keeps the last good revision', async () => {
    let full = false;
    const { handlers } = setup();
    await handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' });
    expect(await handlers.savePostMortem({ occurrenceId: FIXTURE_OCCURRENCE, text: 'v2' })).toMatchObject({ ok: true, rev: 2 });
    expect(await handlers.restorePostMortemRevision({ occurrenceId: FIXTURE_OCCURRENCE, rev: 1 })).toMatchObject({ rev: 3 });
    expect((await handlers.listPostMortemRevisions({ occurrenceId: FIXTURE_OCCURRENCE })).map((r) => [r.rev, r.kind, r.by])).toEqual([[1, 'created', 'alex.chen'], [2, 'edit', 'alex.chen'], [3, 'restore', 'alex.chen']]);
    expect(await handlers.getPostMortemRevision({ occurrenceId: FIXTURE_OCCURRENCE, rev: 2 })).toEqual({ rev: 2, text: 'v2' });

    const dir = mkdtempSync(join(tmpdir(), 'vigil-pm-full-'));
    const journal = openTimelineJournal(join(dir, 'timeline'));
    for (const event of FIXTURE_EVENTS) journal.append(event);
    const drafts = openDraftStore(join(dir, 'postmortems'), { beforeWrite: () => { if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); } });
    const h = createPostMortemHandlers({ clock: { now: () => 1 }, journal, drafts, me: () => '', ackWithinMs: () => null, template: () => null });
    await h.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' });
    full = true;
    expect(await h.savePostMortem({ occurrenceId: FIXTURE_OCCURRENCE, text: 'typed while the disk was full' })).toEqual({ ok: false, error: 'ENOSPC: no space left on device, write', rev: 1 });
    full = false;
    expect(await h.savePostMortem({ occurrenceId: FIXTURE_OCCURRENCE, text: 'typed while the disk was full' })).toMatchObject({ ok: true, rev: 2 });
  });

  it('exports through the app exporter (normalized Markdown, a file name from date and alertname), or leaves it to the browser', async () => {
    const calls: unknown[] = [];
    const exporter: PostMortemExporter = {
      saveMarkdown: async (input) => (calls.push(input), { status: 'saved', path: '/home/alex/pm.md' }),
      savePdf: async (input) => (calls.push(input), { status: 'cancelled' }),
    };
    const { handlers } = setup({ exporter });
    await expect(handlers.exportPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, format: 'markdown' })).rejects.toThrow(/no post-mortem draft/);
    await handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' });
    await handlers.savePostMortem({ occurrenceId: FIXTURE_OCCURRENCE, text: '# T\r\nline\n\n\n' });
    expect(await handlers.exportPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, format: 'markdown' })).toEqual({ status: 'saved', path: '/home/alex/pm.md' });
    expect(await handlers.exportPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, format: 'pdf' })).toEqual({ status: 'cancelled' });
    expect(calls[0]).toEqual({ suggestedName: expect.stringMatching(/^postmortem-2025-03-0[45]-WeaviateDown\.md$/), markdown: '# T\nline\n' });
    expect(calls[1]).toEqual({ suggestedName: expect.stringMatching(/^postmortem-2025-03-0[45]-WeaviateDown\.pdf$/) });
    const host = setup();
    await host.handlers.createPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, zone: 'UTC' });
    expect(await host.handlers.exportPostMortem({ occurrenceId: FIXTURE_OCCURRENCE, format: 'pdf' })).toEqual({ status: 'browser' });
  });

  it('refuses ids that are not occurrence ids at the boundary', () => {
    expect(() => parseRequestArgs('getPostMortem', { occurrenceId: '../../etc/passwd' })).toThrow(/occurrence id/);
    expect(() => parseRequestArgs('savePostMortem', { occurrenceId: FIXTURE_OCCURRENCE, text: 'x'.repeat(400_001) })).toThrow(/text/);
  });
});
