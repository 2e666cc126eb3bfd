import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AmPostableSilence } from '../../shared/alertmanager-schemas.ts';
import { sourceSchema, type SourceConfig } from '../../shared/config-schema.ts';
import type { SecretStore } from '../ports.ts';
import { startFaultProxy, type FaultProxy } from '../../test-fixtures/fault-proxy.ts';
import { freePort } from '../../test-fixtures/free-port.ts';
import { waitFor } from '../../test-fixtures/managed-process.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import { createSelfSignedCert } from '../../test-fixtures/self-signed-cert.ts';
import { startAlertmanager, startAlertmanagerPair, type AlertmanagerPair, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { createAlertmanagerClient } from './am-client.ts';
import { AmHttpError } from './am-http.ts';

// The client against real Alertmanager 0.25 processes; faults come from the proxy in front of one.
// Every test labels its alerts with its own `run` so tests sharing an Alertmanager stay apart.

let am: RunningAlertmanager;
let pair: AlertmanagerPair;
let proxy: FaultProxy;
let deadUrl: string;

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
}
const secrets = new MemorySecrets();

beforeAll(async () => {
  [am, pair] = await Promise.all([startAlertmanager(), startAlertmanagerPair()]);
  proxy = await startFaultProxy(am.url);
  deadUrl = `http://127.0.0.1:${await freePort()}`;
});

afterAll(async () => {
  await Promise.all([proxy?.stop(), am?.stop(), pair?.stop()]);
});

beforeEach(() => {
  proxy.setFault(null);
  proxy.requests.length = 0;
});

function newRun(): string {
  return randomUUID().slice(0, 8);
}

function source(urls: string[], run: string, extra: Record<string, unknown> = {}): SourceConfig {
  return sourceSchema.parse({ id: 'test-am', urls, receiver: 'vigil-oncall', filter: [`run="${run}"`], timeout: '5s', ...extra });
}

function client(urls: string[], run: string, extra: Record<string, unknown> = {}) {
  return createAlertmanagerClient(source(urls, run, extra), { secrets });
}

function silenceFor(run: string, alertname: string, comment = `vigil ack ${run}`): AmPostableSilence {
  const now = Date.now();
  return {
    matchers: [
      { name: 'alertname', value: alertname, isRegex: false, isEqual: true },
      { name: 'run', value: run, isRegex: false, isEqual: true },
    ],
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 30 * 60_000).toISOString(),
    createdBy: 'alex.chen',
    comment,
  };
}

async function rejection(promise: Promise<unknown>): Promise<AmHttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AmHttpError);
  return error as AmHttpError;
}

async function rawJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  expect(response.ok).toBe(true);
  return response.json();
}

describe('fetchAlerts filters server-side', () => {
  it('sees my receiver only, drops inhibited alerts and keeps silenced ones with silencedBy', async () => {
    const run = newRun();
    await pushAlerts(am.url, [
      { labels: { alertname: 'VigilPage', severity: 'critical', service: 'api', cluster: 'prod', team: 'platform', run } },
      { labels: { alertname: 'VigilOther', severity: 'critical', team: 'other', run } },
      { labels: { alertname: 'VigilPage', severity: 'warning', instance: 'i-2', run } },
      { labels: { alertname: 'VigilSilenced', severity: 'critical', run } },
    ]);
    const post = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(silenceFor(run, 'VigilSilenced', 'maintenance')),
    });
    const { silenceID } = (await post.json()) as { silenceID: string };

    const api = client([proxy.url], run);
    const names = (alerts: Array<{ labels: Record<string, string> }>) => alerts.map((a) => `${a.labels.alertname}/${a.labels.severity}`).sort();
    const fetched = await waitFor(
      async () => {
        const result = await api.fetchAlerts();
        const silenced = result.alerts.find((a) => a.labels.alertname === 'VigilSilenced');
        return names(result.alerts).join() === 'VigilPage/critical,VigilSilenced/critical' && silenced?.status.silencedBy.length ? result : null;
      },
      'the receiver/inhibition/silence filters to apply',
    );
    const silenced = fetched.alerts.find((a) => a.labels.alertname === 'VigilSilenced')!;
    expect(silenced.status.silencedBy).toEqual([silenceID]);
    expect(silenced.status.state).toBe('suppressed');
    expect(fetched.quarantined).toBe(0);

    // The query the client sent carries every filter, one `filter` per matcher.
    const query = new URL(proxy.requests.at(-1)!.path, 'http://x').searchParams;
    expect(query.get('active')).toBe('true');
    expect(query.get('silenced')).toBe('true');
    expect(query.get('inhibited')).toBe('false');
    expect(query.get('unprocessed')).toBe('true');
    expect(query.get('receiver')).toBe('vigil-oncall');
    expect(query.getAll('filter')).toEqual([`run="${run}"`]);

    // Controls: the excluded alerts exist, so it is the filters that kept them out.
    const everyReceiver = await client([am.url], run, { receiver: undefined }).fetchAlerts();
    expect(names(everyReceiver.alerts)).toContain('VigilOther/critical');
    const withInhibited = (await rawJson(`${am.url}/api/v2/alerts?inhibited=true&filter=${encodeURIComponent(`run="${run}"`)}`)) as Array<{
      labels: Record<string, string>;
      status: { inhibitedBy: string[] };
    }>;
    const warning = withInhibited.find((a) => a.labels.severity === 'warning');
    expect(warning?.status.inhibitedBy.length).toBeGreaterThan(0);
  });

  it('passes every configured matcher as its own filter', async () => {
    const run = newRun();
    await pushAlerts(am.url, [
      { labels: { alertname: 'VigilMatch', severity: 'critical', team: 'platform', run } },
      { labels: { alertname: 'VigilMatch', severity: 'info', team: 'platform', run } },
      { labels: { alertname: 'VigilMatch', severity: 'critical', team: 'data', run } },
    ]);
    const api = client([am.url], run, { filter: [`run="${run}"`, 'team="platform"', 'severity=~"critical|warning"'] });
    const result = await waitFor(async () => {
      const r = await api.fetchAlerts();
      return r.alerts.length > 0 ? r : null;
    }, 'matching alerts');
    expect(result.alerts.map((a) => [a.labels.team, a.labels.severity])).toEqual([['platform', 'critical']]);
  });

  it('handles a storm of 500 alerts, and rejects the same answer over max_response_bytes', async () => {
    const run = newRun();
    await pushAlerts(
      am.url,
      Array.from({ length: 500 }, (_, i) => ({ labels: { alertname: 'VigilStorm', severity: 'critical', instance: `node-${i}`, run }, annotations: { summary: `node ${i} down` } })),
    );
    const result = await client([am.url], run).fetchAlerts();
    expect(result.alerts).toHaveLength(500);
    expect(new Set(result.alerts.map((a) => a.fingerprint)).size).toBe(500);
    const capped = await rejection(client([am.url], run, { max_response_bytes: 20_000 }).fetchAlerts());
    expect(capped.kind).toBe('too-large');
    expect(capped.message).toContain('answer larger than 20000 bytes');
  });
});

describe('silences', () => {
  it('creates, confirms, reads, lists and expires an ack silence', async () => {
    const run = newRun();
    await pushAlerts(am.url, [{ labels: { alertname: 'VigilAck', severity: 'critical', run } }]);
    const api = client([am.url], run);
    const created = await api.createSilence(silenceFor(run, 'VigilAck'));
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.status.state).toBe('active');
    expect(created.createdBy).toBe('alex.chen');
    expect(created.matchers.map((m) => m.name).sort()).toEqual(['alertname', 'run']);

    expect((await api.getSilence(created.id))?.comment).toBe(`vigil ack ${run}`);
    expect((await api.listSilences()).map((s) => s.id)).toContain(created.id);
    const silencedAlert = await waitFor(async () => (await api.fetchAlerts()).alerts.find((a) => a.status.silencedBy.includes(created.id)), 'the alert to be silenced');
    expect(silencedAlert.labels.alertname).toBe('VigilAck');

    await api.expireSilence(created.id);
    expect((await api.getSilence(created.id))?.status.state).toBe('expired');
    await waitFor(async () => (await api.fetchAlerts()).alerts.find((a) => a.labels.alertname === 'VigilAck' && a.status.silencedBy.length === 0), 'the alert to be unsilenced');
    // Expiring twice, or expiring an unknown silence, reaches the goal already: no error.
    await api.expireSilence(created.id);
    await api.expireSilence(randomUUID());
    expect(await api.getSilence(randomUUID())).toBeNull();
  });

  it('refuses an invalid silence before sending anything', async () => {
    const api = client([proxy.url], newRun());
    const invalid = { ...silenceFor('x', 'VigilAck'), matchers: [] };
    await expect(api.createSilence(invalid)).rejects.toThrow(/invalid silence: matchers/);
    expect(proxy.requests).toHaveLength(0);
  });

  it('reads the status', async () => {
    const status = await client([am.url], newRun()).getStatus();
    expect(status.versionInfo?.version).toBe('0.25.0');
    expect(status.cluster?.status).toBe('disabled');
  });
});

describe('HA pair', () => {
  it('merges both members by fingerprint and sees a silence made on one member', async () => {
    const run = newRun();
    const both = { labels: { alertname: 'VigilHA', severity: 'critical', run } };
    // Prometheus sends every alert to every member; one alert only reached member A.
    await Promise.all([pushAlerts(pair.a.url, [both, { labels: { alertname: 'VigilOnlyA', severity: 'critical', run } }]), pushAlerts(pair.b.url, [both])]);
    const api = client(pair.urls, run);
    const fetched = await api.fetchAlerts();
    expect(fetched.partialErrors).toEqual([]);
    expect(fetched.alerts.map((a) => a.labels.alertname).sort()).toEqual(['VigilHA', 'VigilOnlyA']);

    const silence = await api.createSilence(silenceFor(run, 'VigilHA'));
    // Gossip: member B learns the silence made through member A.
    await waitFor(async () => (await fetch(`${pair.b.url}/api/v2/silence/${silence.id}`)).ok, 'the silence to reach member B');
    const merged = await waitFor(async () => {
      const r = await api.fetchAlerts();
      const ha = r.alerts.filter((a) => a.labels.alertname === 'VigilHA');
      return ha.length === 1 && ha[0]!.status.silencedBy.length > 0 ? ha[0] : null;
    }, 'the merged alert to show the silence');
    expect(merged!.status.silencedBy).toEqual([silence.id]);
    expect(await client([pair.b.url], run).getSilence(silence.id)).not.toBeNull();
  });

  it('answers from the members that work and names the one that failed', async () => {
    const run = newRun();
    await pushAlerts(pair.a.url, [{ labels: { alertname: 'VigilPartial', severity: 'critical', run } }]);
    const result = await client([pair.a.url, deadUrl], run).fetchAlerts();
    expect(result.alerts.map((a) => a.labels.alertname)).toEqual(['VigilPartial']);
    expect(result.partialErrors).toHaveLength(1);
    expect(result.partialErrors[0]).toContain(deadUrl);
  });

  it('rejects, naming each URL, when every member fails', async () => {
    const otherDead = `http://127.0.0.1:${await freePort()}`;
    const error = await rejection(client([deadUrl, otherDead], newRun()).fetchAlerts());
    expect(error.message).toContain(deadUrl);
    expect(error.message).toContain(otherDead);
    expect(error.kind).toBe('network');
  });
});

describe('credentials and headers', () => {
  it('sends a bearer token from the environment and custom headers, resolved per request', async () => {
    process.env.VIGIL_TEST_AM_TOKEN = 'tok-1';
    await secrets.set('tenant-extra', 's3cret');
    const api = client([proxy.url], newRun(), {
      auth: { bearer: { env: 'VIGIL_TEST_AM_TOKEN' } },
      headers: { 'X-Scope-OrgID': 'tenant-a', 'X-Extra': { secret: 'tenant-extra' } },
    });
    await api.fetchAlerts();
    const first = proxy.requests.at(-1)!.headers;
    expect(first.authorization).toBe('Bearer tok-1');
    expect(first['x-scope-orgid']).toBe('tenant-a');
    expect(first['x-extra']).toBe('s3cret');
    process.env.VIGIL_TEST_AM_TOKEN = 'tok-2';
    await api.fetchAlerts();
    expect(proxy.requests.at(-1)!.headers.authorization).toBe('Bearer tok-2');
  });

  it('sends basic auth with the password from the secret store', async () => {
    await secrets.set('am-password', 'pa:ss');
    await client([proxy.url], newRun(), { auth: { basic: { username: 'vigil', password: { secret: 'am-password' } } } }).fetchAlerts();
    expect(proxy.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('vigil:pa:ss').toString('base64')}`);
  });

  it('fails clearly, without sending anything, when a secret is missing', async () => {
    delete process.env.VIGIL_TEST_AM_MISSING;
    const error = await rejection(client([proxy.url], newRun(), { auth: { bearer: { env: 'VIGIL_TEST_AM_MISSING' } } }).fetchAlerts());
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('VIGIL_TEST_AM_MISSING');
    expect(proxy.requests).toHaveLength(0);
  });

  it('trusts the ca_file of an https source', async () => {
    const { key, cert } = createSelfSignedCert();
    const tlsProxy = await startFaultProxy(am.url, { tls: { key, cert } });
    try {
      const readFile = async (path: string) => {
        if (path !== '/etc/vigil/am-ca.pem') throw new Error(`unexpected path ${path}`);
        return cert;
      };
      const run = newRun();
      const withCa = createAlertmanagerClient(source([tlsProxy.url], run, { ca_file: '/etc/vigil/am-ca.pem' }), { secrets, readFile });
      expect((await withCa.fetchAlerts()).partialErrors).toEqual([]);
      expect(tlsProxy.requests).toHaveLength(1);
      const withoutCa = await rejection(client([tlsProxy.url], run).fetchAlerts());
      expect(withoutCa.kind).toBe('network');
    } finally {
      await tlsProxy.stop();
    }
  });
});

describe('faults', () => {
  it('rejects a truncated answer', async () => {
    const run = newRun();
    await pushAlerts(am.url, [{ labels: { alertname: 'VigilTrunc', severity: 'critical', run } }]);
    proxy.setFault({ kind: 'truncate' });
    const error = await rejection(client([proxy.url], run).fetchAlerts());
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(`truncated or malformed JSON answer from ${proxy.url}/api/v2/alerts`);
  });

  it('rejects a 500 and reads a 401 as an auth error', async () => {
    proxy.setFault({ kind: 'status', status: 500, body: 'upstream\u001b exploded' });
    const server = await rejection(client([proxy.url], newRun()).fetchAlerts());
    expect(server.kind).toBe('http');
    expect(server.status).toBe(500);
    expect(server.message).toContain('HTTP 500');
    expect(server.message).toContain('upstream exploded');
    proxy.setFault({ kind: 'status', status: 401, body: 'Unauthorized' });
    const auth = await rejection(client([proxy.url], newRun()).fetchAlerts());
    expect(auth.kind).toBe('auth');
    expect(auth.status).toBe(401);
  });

  it("asks again when Alertmanager's GET limit is reached (a 503, twice), never for a POST", async () => {
    // Alertmanager 0.25's own answer when more GETs run at once than --web.get-concurrency allows.
    const busy = { kind: 'status', status: 503, body: 'Limit of concurrent GET requests reached (8), try again later.\n', pathPrefix: '/api/v2/silences' } as const;
    const api = client([proxy.url], newRun());
    proxy.setFault({ ...busy, times: 2 });
    expect(Array.isArray(await api.listSilences())).toBe(true);
    expect(proxy.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/silences')).toHaveLength(3);

    // Still refused on the third try: the 503 is the answer.
    proxy.setFault({ ...busy, times: 3 });
    expect((await rejection(api.listSilences())).status).toBe(503);

    // A POST is not sent twice: a silence may have been stored.
    proxy.requests.length = 0;
    proxy.setFault({ ...busy, times: 1 });
    const now = Date.now();
    const silence = { matchers: [{ name: 'alertname', value: 'Busy', isRegex: false, isEqual: true }], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 60_000).toISOString(), createdBy: 'alex.chen', comment: 'busy' };
    expect((await rejection(api.createSilence(silence))).status).toBe(503);
    expect(proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('times out a held answer', async () => {
    proxy.setFault({ kind: 'delay', ms: 3000 });
    const error = await rejection(client([proxy.url], newRun(), { timeout: '300ms' }).fetchAlerts());
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('timed out after 300 ms');
  });

  it('never reads a non-array answer as "no alerts"', async () => {
    proxy.setFault({ kind: 'status', status: 200, body: '{"alerts":[]}' });
    const error = await rejection(client([proxy.url], newRun()).fetchAlerts());
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('expected a JSON array of alerts');
  });

  it('quarantines schema-breaking items and keeps the good ones', async () => {
    const run = newRun();
    await pushAlerts(am.url, [{ labels: { alertname: 'VigilGood', severity: 'critical', run } }]);
    proxy.setFault({ kind: 'inject-bad-items', pathPrefix: '/api/v2/alerts' });
    const result = await client([proxy.url], run).fetchAlerts();
    expect(result.quarantined).toBe(2);
    expect(result.alerts.map((a) => a.labels.alertname)).toEqual(['VigilGood']);
  });

  it('caps an oversized streamed answer', async () => {
    proxy.setFault({ kind: 'huge', bytes: 2_000_000 });
    const error = await rejection(client([proxy.url], newRun(), { max_response_bytes: 65_536 }).fetchAlerts());
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('answer larger than 65536 bytes');
  });

  it('falls over to the next member when a silence POST fails outright, and confirms on that member', async () => {
    const run = newRun();
    proxy.setFault({ kind: 'fail-silence-post', mode: 'error' });
    await expect(client([proxy.url], run).createSilence(silenceFor(run, 'VigilFail'))).rejects.toThrow(/HTTP 500/);
    proxy.requests.length = 0;
    const created = await client([proxy.url, am.url], run).createSilence(silenceFor(run, 'VigilFail'));
    expect(created.status.state).toBe('active');
    // The proxy saw only the failed POST; the read-back went to the member that stored the silence.
    expect(proxy.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/silences']);
  });

  it('reports a timeout when the silence POST is stored but never answered, without posting a duplicate', async () => {
    const run = newRun();
    const comment = `vigil ack lost answer ${run}`;
    proxy.setFault({ kind: 'fail-silence-post', mode: 'timeout-after-forward' });
    const error = await rejection(client([proxy.url, am.url], run, { timeout: '500ms' }).createSilence(silenceFor(run, 'VigilLost', comment)));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('timed out after 500 ms');
    const stored = (await client([am.url], run).listSilences()).filter((s) => s.comment === comment);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status.state).toBe('active');
  });
});
