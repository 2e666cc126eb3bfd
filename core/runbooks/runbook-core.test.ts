import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/domain.ts';
import type { RunbookView } from '../../shared/runbooks/runbook-model.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import { startRunbookServer } from '../../test-fixtures/runbook-server.ts';
import { startAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { startCore } from '../../test-fixtures/start-core.ts';

// The runbook checklist through the real core: a real Alertmanager fires, the core fetches the
// alert's runbook_url from a real https server (its own CA), caches it on disk with its ETag,
// journals checks, and after a restart with the server gone still opens the runbook with its
// checked steps.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function track<T extends { stop(): Promise<void> }>(started: Promise<T>): Promise<T> {
  const value = await started;
  cleanups.push(() => value.stop());
  return value;
}

const V1 = '# WeaviateDown\n## Immediate Response (0-5 minutes)\n1. **Acknowledge the alert** in PagerDuty\n2. **Check Weaviate Status**:\n   ```bash\n   kubectl get pods -n gremlinsai -l app=weaviate\n   ```\n';
const V2 = `${V1}\n## Investigation & Mitigation (5-20 minutes)\n3. **If Pod Issues**:\n   \`\`\`bash\n   kubectl rollout restart deployment/weaviate -n gremlinsai\n   \`\`\`\n`;

describe('runbook checklist in the core', () => {
  it('fetches runbook_url over https with its ETag, journals checks, and opens the cached copy with its checks after a restart with the server gone', async () => {
    const wiki = await startRunbookServer();
    cleanups.push(() => wiki.stop());
    const am = await track(startAlertmanager());
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-runbook-core-'));
    const caFile = join(dataDir, 'wiki-ca.pem');
    writeFileSync(caFile, wiki.cert);
    const config = {
      me: { id: 'alex.chen' },
      sources: [{ id: 'am', urls: [am.url] }],
      poll_interval: '300ms',
      runbooks: { allowed_hosts: ['127.0.0.1'], ca_file: caFile, refresh: '0s', timeout: '3s' },
    };
    const path = '/runbooks/weaviate-down.md';
    wiki.set(path, { body: V1, etag: '"v1"' });
    await pushAlerts(am.url, [{ labels: { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' }, annotations: { runbook_url: `${wiki.origin}${path}` } }]);

    const vigil = await track(startCore({ config, dataDir }));
    await vigil.waitFor((s) => s.incidents.some((i) => i.alertname === 'WeaviateDown'), 'WeaviateDown');
    const incident = vigil.incident('WeaviateDown')!;
    const ask = { incidentKey: incident.key, occurrenceId: incident.occurrenceId };

    const first = await vigil.core.handlers.getRunbook(ask);
    expect(first.source).toMatchObject({ kind: 'url', location: `${wiki.origin}${path}`, offline: false });
    expect(first.checklist!.phases.map((p) => p.title)).toEqual(['Immediate Response (0-5 minutes)']);
    expect(first.checked).toEqual([]);
    const [ack, status] = first.checklist!.phases[0]!.steps;

    // Two checks, one of them twice: journaled once each, by me, in this occurrence.
    expect((await vigil.core.handlers.setChecklistStep({ ...ask, stepId: ack!.id, checked: true })).checked).toEqual([ack!.id]);
    await vigil.core.handlers.setChecklistStep({ ...ask, stepId: ack!.id, checked: true });
    expect((await vigil.core.handlers.setChecklistStep({ ...ask, stepId: status!.id, checked: true })).checked).toEqual([ack!.id, status!.id]);
    const stepEvents = (await vigil.timeline(incident.key)).filter((e) => e.type.startsWith('step-'));
    expect(stepEvents).toHaveLength(2);
    expect(stepEvents[0]).toMatchObject({ type: 'step-checked', by: 'alex.chen', occurrenceId: incident.occurrenceId, data: { step: ack!.id, text: 'Acknowledge the alert in PagerDuty', phase: 'Immediate Response (0-5 minutes)' } });
    expect(stepEvents[0]!.message).toBe('Checked "1. Acknowledge the alert in PagerDuty" (Immediate Response (0-5 minutes))');

    // Not for another occurrence, not a step the runbook lacks.
    await expect(vigil.core.handlers.setChecklistStep({ ...ask, occurrenceId: `${incident.key}@zzz`, stepId: ack!.id, checked: false })).rejects.toThrow('occurrence of the incident is over');
    await expect(vigil.core.handlers.setChecklistStep({ ...ask, stepId: 'p9.s9.deadbeef', checked: true })).rejects.toThrow('not in the runbook');

    // Unchanged: a 304 keeps the copy. Changed: the new runbook replaces it (the checked steps keep their ids).
    await vigil.core.handlers.getRunbook(ask);
    wiki.set(path, { body: V2, etag: '"v2"' });
    const changed = await vigil.core.handlers.getRunbook(ask);
    expect(changed.checklist!.phases.map((p) => p.title)).toEqual(['Immediate Response (0-5 minutes)', 'Investigation & Mitigation (5-20 minutes)']);
    expect(changed.checked).toEqual([ack!.id, status!.id]);
    // (refresh: 0s, so every request revalidates; checks read the runbook too.)
    const asked = wiki.requests.map((r) => `${r.ifNoneMatch ?? '-'} ${r.status}`);
    expect(asked[0]).toBe('- 200');
    expect(asked.at(-1)).toBe('"v1" 200');
    expect(new Set(asked.slice(1, -1))).toEqual(new Set(['"v1" 304']));
    await vigil.core.handlers.setChecklistStep({ ...ask, stepId: status!.id, checked: false });

    // Restart with the wiki gone: the runbook opens from the disk cache, the checks from the journal.
    await vigil.stop();
    await wiki.stop();
    const again = await track(startCore({ config, dataDir }));
    await again.waitFor((s) => s.incidents.some((i) => i.key === incident.key), 'the incident after the restart');
    const offline: RunbookView = await again.core.handlers.getRunbook(ask);
    expect(offline.source).toMatchObject({ kind: 'url', offline: true });
    expect(offline.problem).toContain('showing the copy cached on this machine');
    expect(offline.checklist!.phases).toHaveLength(2);
    expect(offline.checked).toEqual([ack!.id]);
    const types = (await again.timeline(incident.key)).filter((e: TimelineEvent) => e.type.startsWith('step-')).map((e) => e.type);
    expect(types).toEqual(['step-checked', 'step-checked', 'step-unchecked']);
  });

  it('a runbook folder answers for the alertname; without a runbook there is no checklist (the link stays)', async () => {
    const am = await track(startAlertmanager());
    const vigil = await track(startCore({ config: { me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url] }], poll_interval: '300ms', runbooks: { dir: join(import.meta.dirname, '..', '..', 'examples', 'runbooks') } } }));
    await pushAlerts(am.url, [
      { labels: { alertname: 'HighApiErrorRate', severity: 'critical', service: 'api', cluster: 'prod' } },
      { labels: { alertname: 'NoRunbookHere', severity: 'warning', service: 'api', cluster: 'prod' }, annotations: { runbook_url: 'https://wiki.company.com/x' } },
    ]);
    await vigil.waitFor((s) => s.incidents.length === 2, 'both incidents');
    const api = vigil.incident('HighApiErrorRate')!;
    const view = await vigil.core.handlers.getRunbook({ incidentKey: api.key, occurrenceId: api.occurrenceId });
    expect(view.source).toMatchObject({ kind: 'file', location: expect.stringMatching(/examples\/runbooks\/HighApiErrorRate\.md$/) });
    expect(view.checklist!.phases.filter((p) => p.timeBox).map((p) => p.title)).toEqual(['Immediate Response (0-5 minutes)', 'Investigation (5-15 minutes)', 'Mitigation (15-30 minutes)']);
    const none = vigil.incident('NoRunbookHere')!;
    expect(await vigil.core.handlers.getRunbook({ incidentKey: none.key, occurrenceId: none.occurrenceId })).toEqual({ checklist: null, source: null, problem: null, sizeChars: null, checked: [] });
  });
});
