import { afterEach, describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { createAlertmanagerClient } from './am-client.ts';
import { createResolutionGuard } from './resolution-guard.ts';

// The guard on a real Alertmanager that restarts without its data between two of its polls.

let am: RunningAlertmanager | null = null;
afterEach(async () => {
  await am?.stop();
  am = null;
});

describe('the resolution guard', () => {
  it('holds an alert that vanished in a restart even when another took its place in an answer of the same size', async () => {
    am = await startAlertmanager();
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url] }] });
    const guard = createResolutionGuard({ api: createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) }), now: () => Date.now(), holdMs: 60_000 });
    await pushAlerts(am.url, [{ labels: { alertname: 'BeforeRestart', severity: 'critical' } }]);
    expect((await guard.fetch()).alerts.map((a) => a.labels.alertname)).toEqual(['BeforeRestart']);

    await am.restart({ keepData: false, kill: true, downMs: 0 });
    await pushAlerts(am.url, [{ labels: { alertname: 'AfterRestart', severity: 'critical' } }]);
    const after = await guard.fetch();
    expect(after.alerts.map((a) => a.labels.alertname).sort()).toEqual(['AfterRestart', 'BeforeRestart']);
    expect(after.held).toBe(1);
    expect(after.heldReason).toMatch(/restarted/);
  });
});
