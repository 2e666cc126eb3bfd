import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../shared/domain.ts';
import { demoConfig } from '../config/demo-config.ts';
import { openTimelineJournal } from '../journal/timeline-journal.ts';
import { systemClock } from '../runtime/system-clock.ts';
import { createRunbookHandlers } from './runbook-handlers.ts';

// The demo (no configuration at all) shows the playbook's runbooks from examples/runbooks, found
// relative to the app's folder, as checklists.

const appRoot = resolve(import.meta.dirname, '..', '..');
let dispose: (() => void) | null = null;
afterEach(() => dispose?.());

function demoIncident(alertname: string): IncidentView {
  const labels = { alertname, severity: 'critical', cluster: 'prod' };
  return {
    key: `demo-${alertname}`,
    occurrenceId: `demo-${alertname}@1`,
    kind: 'alert',
    title: alertname,
    alertname,
    severity: 'critical',
    groupLabels: labels,
    alerts: [],
    runbookUrl: `https://wiki.company.com/gremlinsai/runbooks/${alertname}`,
    startsAt: 1,
  } as unknown as IncidentView;
}

describe('the demo uses the playbook runbooks', () => {
  it.each([
    ['HighApiErrorRate', 3],
    ['HighLLMLatency', 3],
    ['WeaviateDown', 2],
  ])('%s: a checklist from examples/runbooks with %i time-boxed phases', async (alertname, timeBoxed) => {
    const config = demoConfig();
    const incident = demoIncident(alertname);
    const journal = openTimelineJournal(mkdtempSync(join(tmpdir(), 'vigil-demo-runbooks-')));
    const runbooks = createRunbookHandlers({ clock: systemClock, journal, cacheDir: mkdtempSync(join(tmpdir(), 'vigil-demo-cache-')), appRoot, config: () => config, incident: () => incident });
    dispose = () => {
      runbooks.dispose();
      journal.close();
    };
    const view = await runbooks.handlers.getRunbook({ incidentKey: incident.key, occurrenceId: incident.occurrenceId });
    expect(view.source).toEqual({ kind: 'file', location: join(appRoot, 'examples', 'runbooks', `${alertname}.md`), fetchedAt: null, offline: false });
    expect(view.checklist!.title).toBe(alertname);
    expect(view.checklist!.phases.filter((p) => p.timeBox !== null)).toHaveLength(timeBoxed);
    expect(view.checklist!.phases.flatMap((p) => p.steps).flatMap((s) => s.commands).join('\n')).toContain('kubectl');
  });
});
