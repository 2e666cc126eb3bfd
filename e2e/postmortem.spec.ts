import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pushAlerts, resolveAlerts } from '../test-fixtures/push-alerts.ts';
import type { TimelineEvent } from '../shared/domain.ts';
import { formatDuration } from '../shared/duration.ts';
import type { OccurrenceListItem } from '../shared/ipc-contract.ts';
import type { PostMortemDraftView } from '../shared/postmortem/draft-schema.ts';
import { PLAYBOOK_POSTMORTEM_TEMPLATE } from '../shared/postmortem/playbook-template.ts';
import { zonedStamp } from '../shared/postmortem/zoned-stamp.ts';
import { expect, hostConfig, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';
import type { Page } from '@playwright/test';

// The post-mortem on real parts: a real Alertmanager, the real headless host (killed with -9 and
// restarted), Chromium. An incident fires, is acked from the window, gets two checklist steps and two
// notes, and resolves;
// "Write post-mortem" drafts it from the journal; typing survives kill -9; the same incident firing
// again is a second occurrence with its own post-mortem; with Alertmanager gone the draft still
// opens, edits and exports (Markdown download, PDF printed by Chromium and read back with pdftotext).

const ZONE = 'Europe/Berlin';
const EXAMPLE_RUNBOOKS = resolve(import.meta.dirname, '..', 'examples', 'runbooks');
test.use({ timezoneId: ZONE, acceptDownloads: true });

const LABELS = { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod<img src=x onerror="window.__pwned=1">' };
const HOSTILE_TEMPLATE = '<img src=x onerror="window.__pwned=4">';
const HOSTILE_NOTE = '<script>window.__pwned=2</script> [click](javascript:window.__pwned=3) rolled back to blue';

async function openOccurrence(page: Page, occurrenceId: string) {
  await page.getByTestId('tab-history').click();
  await page.locator(`[data-testid="occurrence-row"][data-occurrence-id="${occurrenceId}"] button`).click();
  await expect(page.getByTestId('occurrence-view')).toHaveAttribute('data-occurrence-id', occurrenceId);
}

test('post-mortem: drafted from the timeline, survives kill -9, one per occurrence, edits and exports offline', async ({ page, alertmanager, launchHost }) => {
  test.setTimeout(180_000);
  // The team's own template: the playbook's plus a section with hostile markup and a placeholder Vigil does not know.
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-pm-'));
  writeFileSync(join(dataDir, 'team-postmortem.md'), `${PLAYBOOK_POSTMORTEM_TEMPLATE}\n## Owner team\n{{owner_team}} ${HOSTILE_TEMPLATE}\n`);
  const config = hostConfig(alertmanager.url, { id: 'alex.chen', name: 'Alex Chen' }, { resolution_hold: '1s', postmortem: { template: 'team-postmortem.md' }, runbooks: { dir: EXAMPLE_RUNBOOKS } });
  const host = await launchHost({ config, dataDir });
  await openVigil(page, host);
  await pushAlerts(alertmanager.url, [{ labels: LABELS, annotations: { summary: 'Weaviate cluster unreachable' } }]);
  const incident = await waitForIncident(host, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'the alarm');

  // Acked from the window; two runbook checklist steps checked and two notes written in the incident view.
  await page.getByTestId('alarm-banner').filter({ hasText: 'WeaviateDown' }).getByTestId('ack-button').click();
  await waitForIncident(host, (i) => i.key === incident.key && i.state === 'acked', 'acked');
  await page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' }).click();
  const toggles = page.getByTestId('runbook-checklist').getByTestId('runbook-step-toggle');
  for (const n of [0, 1]) {
    await toggles.nth(n).click();
    await expect(toggles.nth(n)).toHaveAttribute('aria-checked', 'true');
  }
  for (const note of ['Weaviate pod OOMKilled', HOSTILE_NOTE]) {
    await page.getByTestId('note-input').fill(note);
    await page.getByTestId('note-input').press('Control+Enter');
    await expect(page.getByTestId('note-input')).toHaveValue('');
  }
  await expect(page.getByTestId('timeline-event').filter({ hasText: 'Weaviate pod OOMKilled' })).toBeVisible();

  await resolveAlerts(alertmanager.url, [LABELS]);
  await waitForIncident(host, (i) => i.key === incident.key && i.state === 'resolved', 'resolved');
  const events = await host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key, occurrenceId: incident.occurrenceId });
  const at = (type: TimelineEvent['type']) => events.find((e) => e.type === type)!.at;

  // "Write post-mortem" opens a draft: Summary with the real start, end and duration; the Timeline in order with times.
  await page.getByTestId('write-postmortem').click();
  await expect(page.getByTestId('postmortem-editor')).toBeVisible();
  await expect(page.getByTestId('postmortem-input')).toContainText('# Incident Post-Mortem');
  const draft = (await host.rpc<PostMortemDraftView>('getPostMortem', { occurrenceId: incident.occurrenceId }))!;
  const start = at('first-seen');
  const end = at('resolved');
  expect(draft.text).toContain(`- **Duration**: ${zonedStamp(start, ZONE)} - ${zonedStamp(end, ZONE)} (${formatDuration(end - start)})`);
  const timeline = draft.text.slice(draft.text.indexOf('## Timeline'), draft.text.indexOf('## Root Cause Analysis'));
  expect(events.filter((e) => e.type === 'step-checked')).toHaveLength(2);
  const order = ['First seen: WeaviateDown', 'Alarm raised', 'Acknowledged by alex.chen via window, silence ', 'Checked "', '(by alex.chen)', 'Note by alex.chen: Weaviate pod OOMKilled', 'Note by alex.chen: \\<script\\>', '** Resolved'].map((text) => timeline.indexOf(text));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(timeline).toContain(`- **${zonedStamp(at('acked'), ZONE)}** Acknowledged by alex.chen`);
  expect(draft.text).toContain('- [ ] [Action item] - owner: [@owner], due: [YYYY-MM-DD]');

  // Hostile text in labels and notes stays text in the preview.
  const preview = page.getByTestId('postmortem-preview');
  await expect(preview).toContainText('<script>window.__pwned=2</script> [click](javascript:window.__pwned=3) rolled back to blue');
  await expect(preview).toContainText('cluster="prod<img src=x onerror=\\"window.__pwned=1\\">"');
  await expect(preview).toContainText(`{{owner_team}} ${HOSTILE_TEMPLATE}`);
  expect(await preview.locator('img, script, a').count()).toBe(0);
  await expect(preview.locator('input[type="checkbox"]')).toHaveCount(1);

  // Typing, then kill -9 one second later: after the restart the text is there.
  await page.getByTestId('postmortem-input').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nRoot cause: OOM in weaviate-0.');
  await page.waitForTimeout(1000); // the acceptance criterion: at most 1 s of typing may be lost
  await host.kill9();
  const again = await host.restart();
  await openVigil(page, again);
  await openOccurrence(page, incident.occurrenceId);
  // CodeMirror renders only the lines in view: read the document through the preview and the core.
  await expect(page.getByTestId('postmortem-preview')).toContainText('Root cause: OOM in weaviate-0.');
  await page.screenshot({ path: 'docs/images/vigil-postmortem.png' });
  const firstDraft = (await again.rpc<PostMortemDraftView>('getPostMortem', { occurrenceId: incident.occurrenceId }))!;
  expect(firstDraft.text).toContain('\nRoot cause: OOM in weaviate-0.');
  expect(readFileSync(firstDraft.file, 'utf8')).toBe(firstDraft.text);

  // The same incident firing again later is a second occurrence with its own, empty post-mortem.
  await pushAlerts(alertmanager.url, [{ labels: LABELS }]);
  const second = await waitForIncident(again, (i) => i.key === incident.key && i.state === 'firing' && i.occurrenceId !== incident.occurrenceId, 'the second occurrence');
  expect(await again.rpc('getPostMortem', { occurrenceId: second.occurrenceId })).toBeNull();
  await page.getByTestId('occurrence-back').click();
  await expect(page.locator(`[data-testid="occurrence-row"][data-occurrence-id="${second.occurrenceId}"]`)).toBeVisible();
  await openOccurrence(page, second.occurrenceId);
  await page.getByTestId('create-postmortem').click();
  await expect(page.getByTestId('postmortem-preview')).toContainText('[End time: not resolved yet]');
  await expect(page.getByTestId('postmortem-preview')).not.toContainText('Root cause: OOM');
  // Version history: an edit, then the created version restored (as a new revision; the edit stays in the history).
  await page.getByTestId('postmortem-input').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Second time.');
  const secondDraft = () => again.rpc<PostMortemDraftView>('getPostMortem', { occurrenceId: second.occurrenceId });
  await expect.poll(async () => (await secondDraft()).text).toContain('Second time.');
  const edited = await secondDraft();
  await page.getByTestId('postmortem-versions-toggle').click();
  await page.locator('[data-testid="postmortem-version"][data-rev="1"]').getByTestId('postmortem-restore').click();
  await expect(page.getByTestId('postmortem-save-status')).toHaveAttribute('data-rev', String(edited.rev + 1));
  await expect(page.getByTestId('postmortem-preview')).not.toContainText('Second time.');
  expect((await secondDraft()).text).not.toContain('Second time.');
  expect((await again.rpc<{ rev: number; text: string }>('getPostMortemRevision', { occurrenceId: second.occurrenceId, rev: edited.rev })).text).toBe(edited.text);
  expect(await again.rpc<PostMortemDraftView>('getPostMortem', { occurrenceId: incident.occurrenceId })).toMatchObject({ text: firstDraft.text, rev: firstDraft.rev });
  const listed = await again.rpc<{ occurrences: OccurrenceListItem[] }>('listOccurrences', { alertname: 'WeaviateDown' });
  expect(listed.occurrences.map((o) => o.occurrenceId)).toEqual([second.occurrenceId, incident.occurrenceId]);

  // Offline: Alertmanager stopped, the first draft still opens, edits and exports.
  await alertmanager.stop();
  await page.getByTestId('occurrence-back').click();
  await openOccurrence(page, incident.occurrenceId);
  await page.getByTestId('postmortem-input').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nOffline draft, a calm day.');
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByTestId('postmortem-save-status')).toHaveAttribute('data-status', 'saved');
  await expect.poll(async () => (await again.rpc<PostMortemDraftView>('getPostMortem', { occurrenceId: incident.occurrenceId }))!.text).toContain('Offline draft, a calm day.\n- [ ] [Action item]');
  // Typing "a" in the editor is text, never the app's "a" (acknowledge) shortcut: the second occurrence still fires unacked.
  expect((await snapshotOf(again)).incidents.find((i) => i.occurrenceId === second.occurrenceId)).toMatchObject({ state: 'firing', ack: null });

  // The disk fills up: the kernel refuses the journal write (its log now leads to /dev/full). The UI
  // says so loudly, keeps the text, and the retry lands once there is space again.
  const log = join(dirname(firstDraft.file), 'revisions.jsonl');
  renameSync(log, `${log}.kept`);
  symlinkSync('/dev/full', log);
  await page.keyboard.type('Full disk.');
  await expect(page.getByTestId('postmortem-not-saved')).toContainText('ENOSPC');
  await expect(page.getByTestId('postmortem-preview')).toContainText('Full disk.');
  unlinkSync(log);
  renameSync(`${log}.kept`, log);
  await expect(page.getByTestId('postmortem-not-saved')).toHaveCount(0);
  await expect(page.getByTestId('postmortem-save-status')).toHaveAttribute('data-status', 'saved');
  const saved = (await again.rpc<PostMortemDraftView>('getPostMortem', { occurrenceId: incident.occurrenceId }))!;
  expect(saved.text).toContain('[YYYY-MM-DD]\nFull disk.');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^postmortem-\d{4}-\d{2}-\d{2}-WeaviateDown\.md$/);
  const exported = readFileSync((await file.path())!, 'utf8');
  expect(exported).toBe(saved.text.endsWith('\n') ? saved.text : `${saved.text}\n`);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-markdown').click();
  await expect(page.getByTestId('postmortem-notice')).toHaveText('Copied as Markdown.');
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(exported);

  // PDF: Chromium prints the page through the print stylesheet (only the post-mortem), read back as text.
  const pdfPath = join(mkdtempSync(join(tmpdir(), 'vigil-pdf-')), 'postmortem.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4' }));
  const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdfText).toContain('Incident Post-Mortem');
  expect(pdfText).toContain('WeaviateDown');
  expect(pdfText).toContain('Weaviate pod OOMKilled');
  expect(pdfText).toContain('<script>window.__pwned=2</script>');
  expect(pdfText).toContain('prod<img src=x onerror=');
  expect(pdfText).toContain(`{{owner_team}} ${HOSTILE_TEMPLATE}`);
  expect(pdfText).toContain(zonedStamp(start, ZONE).slice(0, 19));
  expect(pdfText).toContain('Offline draft, a calm day.');
  expect(pdfText).not.toContain('All occurrences'); // the app around the post-mortem is not printed
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
});
