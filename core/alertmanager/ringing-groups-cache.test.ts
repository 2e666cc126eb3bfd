import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { createAlertmanagerClient } from './am-client.ts';
import { fingerprintsInText } from './ringing-groups-cache.ts';

let am: RunningAlertmanager;
beforeAll(async () => void (am = await startAlertmanager()));
afterAll(() => am.stop());

describe("the fast poll's answer", () => {
  it('finds every alert fingerprint in a group; quoted text inside values cannot add one', () => {
    const group = JSON.stringify({
      alerts: [
        { fingerprint: 'aa11', labels: { alertname: 'A', note: '"fingerprint":"fake"' } },
        { fingerprint: 'bb22', annotations: { summary: 'x\\"fingerprint\\":\\"fake2' } },
      ],
      labels: { alertname: 'A' },
    });
    expect(fingerprintsInText(group)).toEqual(['aa11', 'bb22']);
  });

  it("from a real Alertmanager: the ringing alerts' fingerprints, null while nothing changed, and a new alert at once", async () => {
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url] }] });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    await pushAlerts(am.url, [
      { labels: { alertname: 'RingA', severity: 'critical', service: 'api' } },
      { labels: { alertname: 'RingB', severity: 'warning', service: 'db' } },
    ]);
    const full = await api.fetchAlerts();
    const first = (await api.ringingFingerprints()).fingerprints;
    expect(new Set(first)).toEqual(new Set(full.alerts.map((a) => a.fingerprint)));
    const repeated = await api.ringingFingerprints();
    expect(repeated.fingerprints).toBeNull();
    expect(repeated.answerBytes).toBeGreaterThan(100);
    await pushAlerts(am.url, [{ labels: { alertname: 'RingC', severity: 'critical', service: 'api' } }]);
    const third = (await api.ringingFingerprints()).fingerprints;
    expect(third).toHaveLength(3);
    expect(third).toEqual(expect.arrayContaining(first!));
  });
});
