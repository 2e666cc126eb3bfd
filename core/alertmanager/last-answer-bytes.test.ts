import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import type { FaultProxy } from '../../test-fixtures/fault-proxy.ts';
import { startProxiedAlertmanager } from '../../test-fixtures/proxied-alertmanager.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import type { RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { createAlertmanagerClient } from './am-client.ts';
import { requestJson } from './am-http.ts';
import { LastAnswerBytes } from './last-answer-bytes.ts';

// A poll whose answer repeats the last one byte for byte reads nothing; any other answer, or one
// cut short, must never be taken for a repeat (real Alertmanager, faults from the proxy).

let am: RunningAlertmanager;
let proxy: FaultProxy;
let stop: () => Promise<void>;
beforeAll(async () => void ({ am, proxy, stop } = await startProxiedAlertmanager()));
afterAll(() => stop());

describe('an answer that repeats the last one', () => {
  it('is recognised without reading it, and a different or broken answer in between is not', async () => {
    await pushAlerts(am.url, [
      { labels: { alertname: 'Repeat', severity: 'critical', service: 'api' }, annotations: { summary: 'original' } },
      { labels: { alertname: 'Other', severity: 'warning', service: 'db' } },
    ]);
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [proxy.url] }] });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    const summary = (alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }>) => alerts.find((a) => a.labels.alertname === 'Repeat')?.annotations.summary;

    const first = await api.fetchAlerts();
    const again = await api.fetchAlerts();
    expect(again.unchanged).toBe(true);
    expect(again.alerts).toEqual(first.alerts);
    expect(again.alerts[0]).toBe(first.alerts[0]);

    // A different answer of the same length in between: read, and kept as the one to compare with.
    proxy.setFault({
      kind: 'rewrite',
      pathPrefix: '/api/v2/alerts',
      rewrite: (items) => items.map((item) => (JSON.stringify(item).includes('"original"') ? JSON.parse(JSON.stringify(item).replace('"original"', '"rewrite!"')) : item)),
    });
    const rewritten = await api.fetchAlerts();
    expect(summary(rewritten.alerts)).toBe('rewrite!');
    expect(rewritten.unchanged).toBe(false);
    proxy.setFault(null);
    const back = await api.fetchAlerts();
    expect(summary(back.alerts)).toBe('original');
    expect(back.unchanged).toBe(false);

    // Cut short halfway: an error, and the next complete answer is read, not taken for a repeat.
    proxy.setFault({ kind: 'truncate', pathPrefix: '/api/v2/alerts' });
    await expect(api.fetchAlerts()).rejects.toThrow(/truncated|closed/);
    proxy.setFault(null);
    await pushAlerts(am.url, [{ labels: { alertname: 'Repeat', severity: 'critical', service: 'api' }, annotations: { summary: 'changed' } }]);
    const after = await api.fetchAlerts();
    expect(summary(after.alerts)).toBe('changed');
    expect(after.alerts).toHaveLength(2);
  });

  it('the same bytes again are not read at all; other bytes are, item by item', async () => {
    await pushAlerts(am.url, [{ labels: { alertname: 'Bytes', severity: 'warning' } }]);
    const lastBytes = new LastAnswerBytes();
    const ask = async () => {
      const items: string[] = [];
      const response = await requestJson({ baseUrl: am.url, path: '/api/v2/alerts', timeoutMs: 10_000, maxBytes: 2 ** 24, arrayItems: { lastBytes, reader: { item: (text) => items.push(text), sameAsLast: () => false } } });
      return { repeated: response.repeated === true, items: items.length };
    };
    const first = await ask();
    expect(first.repeated).toBe(false);
    expect(first.items).toBeGreaterThan(0);
    expect(await ask()).toEqual({ repeated: true, items: 0 });
    await pushAlerts(am.url, [{ labels: { alertname: 'BytesToo', severity: 'warning' } }]);
    expect(await ask()).toEqual({ repeated: false, items: first.items + 1 });
  });
});
