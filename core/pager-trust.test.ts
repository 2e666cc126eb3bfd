import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledRotation } from '../e2e/fixtures/rotation-files.ts';
import type { AmSilence } from '../shared/alertmanager-schemas.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { createFakeClock, type FakeClock } from '../test-fixtures/fake-clock.ts';
import type { FaultProxy } from '../test-fixtures/fault-proxy.ts';
import { startProxiedAlertmanager } from '../test-fixtures/proxied-alertmanager.ts';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { startCore, type CoreHandle } from '../test-fixtures/start-core.ts';
import { startAlertmanager, type RunningAlertmanager } from '../test-fixtures/start-alertmanager.ts';

// Issue 6's findings, each on a real Alertmanager and the real core (pollers, engine, journal,
// store): one alert must not silence the pager, an ack must not mute a neighbour or be doubled,
// the sender's clock must not delay or rush the alarm, and a blind Vigil must say so loudly.

const FAST = { poll_interval: '300ms' };
const cores: CoreHandle[] = [];
async function core(config: Record<string, unknown>, extra: Parameters<typeof startCore>[0] = { config: {} }): Promise<CoreHandle> {
  const handle = await startCore({ ...extra, config });
  cores.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(cores.map((c) => c.stop()));
});

async function silences(amUrl: string): Promise<AmSilence[]> {
  return (await (await fetch(`${amUrl}/api/v2/silences`)).json()) as AmSilence[];
}
const liveAcks = (list: AmSilence[], key: string) => list.filter((s) => s.status.state === 'active' && s.comment.includes(`[vigil-ack incident=${key} `));

/** A config with the playbook's ladder (primary, secondary at 15 min, manager at 30 min), me = the primary. */
function withRotation(config: Record<string, unknown>): Record<string, unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-rotation-')), 'rotation.yaml');
  writeFileSync(file, scaledRotation({ secondaryAfter: '15m', managerAfter: '30m', ackWithin: '2m' }));
  return { ...config, me: { id: 'alex.chen' }, rotation: { file } };
}

/**
 * Runs fake time forward in 1 s steps. Each poll the core starts is a real request (counted by the
 * proxy); before going on, wait until the core has reported it, so fake time never outruns a poll.
 */
async function runFakeTime(handle: CoreHandle, clock: FakeClock, proxy: FaultProxy, totalMs: number): Promise<void> {
  // Full polls only (the fast poll asks for silenced=false and reports nothing by itself).
  const fullPolls = () => proxy.requests.filter((r) => r.path.startsWith('/api/v2/alerts?') && r.path.includes('silenced=true') && r.path.includes('inhibited=false')).length;
  for (let t = 0; t < totalMs; t += 1000) {
    const before = fullPolls();
    await clock.advanceAsync(1000);
    if (fullPolls() > before) {
      // A poll that changed nothing publishes no snapshot, so read the core's state until it reported.
      await expect.poll(() => handle.snapshot().sources[0]?.lastAttemptAt, { timeout: 10_000 }).toBe(clock.now());
    }
  }
}

const ringing = (s: AppSnapshot, alertname: string) => s.incidents.some((i) => i.alertname === alertname && i.alarm !== null);

describe('one alert cannot stop every alarm (finding 1)', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(() => am.stop());

  it('an alert whose severity names an Object.prototype member neither throws nor silences the others, with a rotation loaded', async () => {
    const config = withRotation({ ...FAST, sources: [{ id: 'am', urls: [am.url] }] });
    const vigil = await core(config);
    await pushAlerts(am.url, [
      { labels: { alertname: 'ProtoSeverity', severity: 'constructor', service: 'api' } },
      { labels: { alertname: 'ProtoOther', severity: '__proto__', service: 'api' } },
      { labels: { alertname: 'RealOutage', severity: 'critical', service: 'api' } },
    ]);
    const snap = await vigil.waitFor((s) => ringing(s, 'RealOutage') && ringing(s, 'ProtoSeverity') && ringing(s, 'ProtoOther'), 'every incident to ring');
    // The unknown severities count as the default one, visibly.
    expect(snap.incidents.find((i) => i.alertname === 'ProtoSeverity')).toMatchObject({ severity: 'warning', severityNote: expect.stringContaining('"constructor"') });
    expect(() => JSON.stringify(vigil.snapshot())).not.toThrow();
    expect((await vigil.core.handlers.getSnapshot({})).incidents.length).toBeGreaterThanOrEqual(3);
  });
});

describe('acks (findings 4 and 5)', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(() => am.stop());

  it('an ack never mutes a neighbouring incident that carries a grouping label the acked one lacks', async () => {
    const vigil = await core({ me: { id: 'alex.chen' }, ...FAST, sources: [{ id: 'am', urls: [am.url] }], grouping: { by: ['alertname', 'cluster'] } });
    await pushAlerts(am.url, [
      { labels: { alertname: 'NeighbourX', severity: 'critical' } },
      { labels: { alertname: 'NeighbourX', severity: 'critical', cluster: 'a' } },
    ]);
    const snap = await vigil.waitFor((s) => s.incidents.filter((i) => i.alertname === 'NeighbourX' && i.alarm).length === 2, 'both incidents ringing');
    const bare = snap.incidents.find((i) => i.alertname === 'NeighbourX' && !('cluster' in i.groupLabels))!;
    expect((await vigil.core.handlers.ackIncident({ incidentKey: bare.key, via: 'keyboard' })).ok).toBe(true);
    await vigil.waitFor((s) => s.incidents.find((i) => i.key === bare.key)?.state === 'acked', 'the bare one acked');
    // Alertmanager itself must not see the neighbour as silenced.
    const alerts = (await (await fetch(`${am.url}/api/v2/alerts?filter=alertname%3D%22NeighbourX%22`)).json()) as Array<{ labels: Record<string, string>; status: { silencedBy: string[] } }>;
    expect(alerts.find((a) => a.labels.cluster === 'a')?.status.silencedBy).toEqual([]);
    expect(alerts.find((a) => a.labels.cluster === undefined)?.status.silencedBy).toHaveLength(1);
    expect(vigil.snapshot().incidents.find((i) => i.alertname === 'NeighbourX' && i.groupLabels.cluster === 'a')).toMatchObject({ state: 'firing', alarm: expect.anything() });
  });

  it('two people acking within moments leave one silence, and both Vigils name the same acker', async () => {
    const config = (me: string) => ({ me: { id: me }, ...FAST, sources: [{ id: 'am', urls: [am.url] }] });
    const [alex, sarah] = await Promise.all([core(config('alex.chen')), core(config('sarah.johnson'))]);
    await pushAlerts(am.url, [{ labels: { alertname: 'DoubleAck', severity: 'critical', service: 'weaviate' } }]);
    await Promise.all([alex, sarah].map((v) => v.waitFor((s) => ringing(s, 'DoubleAck'), 'DoubleAck ringing')));
    const key = alex.incident('DoubleAck')!.key;
    const results = await Promise.all([alex.core.handlers.ackIncident({ incidentKey: key, via: 'keyboard' }), sarah.core.handlers.ackIncident({ incidentKey: key, via: 'tray' })]);
    expect(results.every((r) => r.ok)).toBe(true);
    const bothAcked = (s: AppSnapshot) => s.incidents.find((i) => i.key === key)?.state === 'acked';
    await Promise.all([alex.waitFor(bothAcked, 'alex sees it acked'), sarah.waitFor(bothAcked, 'sarah sees it acked')]);
    expect(liveAcks(await silences(am.url), key)).toHaveLength(1);
    const acker = liveAcks(await silences(am.url), key)[0]!.createdBy;
    // Each Vigil names the silence that stands, once the alerts carry it.
    const named = (s: AppSnapshot) => s.incidents.find((i) => i.key === key)?.ack?.by === acker;
    await Promise.all([alex.waitFor(named, `alex names ${acker}`), sarah.waitFor(named, `sarah names ${acker}`)]);
  });

  it('an incident on two Alertmanagers keeps the ack silence alive on both', async () => {
    const other = await startAlertmanager();
    try {
      const vigil = await core({ me: { id: 'alex.chen' }, ...FAST, sources: [{ id: 'am', urls: [am.url] }, { id: 'other', urls: [other.url] }], ack: { silence_for: '4s', extend_below: '3s' } });
      const alert = { labels: { alertname: 'TwoSources', severity: 'critical', service: 'api' } };
      await Promise.all([pushAlerts(am.url, [alert]), pushAlerts(other.url, [alert])]);
      await vigil.waitFor((s) => ringing(s, 'TwoSources') && s.incidents.find((i) => i.alertname === 'TwoSources')?.alerts[0]?.sources.length === 2, 'ringing, seen on both sources');
      const key = vigil.incident('TwoSources')!.key;
      expect((await vigil.core.handlers.ackIncident({ incidentKey: key, via: 'keyboard' })).ok).toBe(true);
      const first = [liveAcks(await silences(am.url), key)[0]!, liveAcks(await silences(other.url), key)[0]!];
      expect(first.every(Boolean)).toBe(true);
      // Past the first silences' end, each source still has a live ack: both were extended.
      const pastEnd = Math.max(...first.map((s) => Date.parse(s.endsAt))) + 500;
      // Snapshots follow every 300 ms poll, so this wait ends right after the first silences would have run out.
      await vigil.waitFor(() => Date.now() > pastEnd, 'the first silences to run out', 10_000);
      expect(liveAcks(await silences(am.url), key)).toHaveLength(1);
      expect(liveAcks(await silences(other.url), key)).toHaveLength(1);
      expect(vigil.snapshot().incidents.find((i) => i.key === key)?.state).toBe('acked');
    } finally {
      await other.stop();
    }
  });
});

describe("the sender's clock is not trusted (finding 6)", () => {
  let am: RunningAlertmanager;
  let proxy: FaultProxy;
  let stop: () => Promise<void>;
  beforeAll(async () => void ({ am, proxy, stop } = await startProxiedAlertmanager()));
  afterAll(() => stop());

  it('a startsAt in the future does not delay the alarm, and an unreadable one does not reach the whole ladder', async () => {
    const config = withRotation({ ...FAST, sources: [{ id: 'am', urls: [proxy.url] }] });
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    proxy.setFault({
      kind: 'rewrite',
      pathPrefix: '/api/v2/alerts',
      rewrite: (items) =>
        items.map((item) => {
          const alert = item as { labels: Record<string, string>; startsAt: string };
          if (alert.labels.alertname === 'SkewedFuture') return { ...alert, startsAt: future };
          if (alert.labels.alertname === 'SkewedGarbage') return { ...alert, startsAt: 'not a time' };
          return alert;
        }),
    });
    await pushAlerts(am.url, [
      { labels: { alertname: 'SkewedFuture', severity: 'critical', service: 'a' } },
      { labels: { alertname: 'SkewedGarbage', severity: 'critical', service: 'b' } },
    ]);
    const vigil = await core(config);
    const snap = await vigil.waitFor((s) => ringing(s, 'SkewedFuture') && ringing(s, 'SkewedGarbage'), 'both ring at once');
    for (const name of ['SkewedFuture', 'SkewedGarbage']) {
      const incident = snap.incidents.find((i) => i.alertname === name)!;
      expect(incident.startsAt).toBeLessThanOrEqual(snap.generatedAt);
      // Only the first step (primary) is reached: not the secondary, manager and status page at once.
      expect(incident.escalation?.steps.filter((step) => step.reached).length).toBe(1);
    }
    proxy.setFault(null);
  });
});

describe('one deadline (finding 10)', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(() => am.stop());

  it("the alarm's ack deadline is the escalation clock's, counted from when the incident started", async () => {
    const config = withRotation({ ...FAST, sources: [{ id: 'am', urls: [am.url] }] });
    await pushAlerts(am.url, [{ labels: { alertname: 'LateSeen', severity: 'critical' }, startsAt: new Date(Date.now() - 60_000).toISOString() }]);
    const vigil = await core(config);
    const snap = await vigil.waitFor((s) => ringing(s, 'LateSeen'), 'LateSeen ringing');
    const incident = snap.incidents.find((i) => i.alertname === 'LateSeen')!;
    expect(incident.alarm!.ackDeadline).toBe(incident.escalation!.ackDeadline);
    expect(incident.alarm!.ackDeadline - incident.startsAt).toBe(2 * 60_000);
  });
});

describe('a blind Vigil says so (finding 7)', () => {
  let am: RunningAlertmanager;
  let proxy: FaultProxy;
  let stop: () => Promise<void>;
  beforeAll(async () => void ({ am, proxy, stop } = await startProxiedAlertmanager()));
  afterAll(() => stop());

  it('warns at start when the configured receiver matches no receiver in Alertmanager', async () => {
    const vigil = await core({ me: { id: 'alex.chen' }, ...FAST, sources: [{ id: 'am', urls: [am.url], receiver: 'vigil-oncal' }] });
    const snap = await vigil.waitFor((s) => s.warnings.some((w) => w.includes('vigil-oncal')), 'a receiver warning');
    expect(snap.warnings.find((w) => w.includes('vigil-oncal'))).toMatch(/matches none of Alertmanager's receivers \(.*vigil-oncall/);
  });

  it('rings its own alarm when a source fails longer than blind_after while I am on call, and sees recovery within one poll interval', async () => {
    const clock = createFakeClock(Date.now());
    proxy.setFault({ kind: 'status', status: 503 });
    const config = { me: { id: 'alex.chen' }, poll_interval: '10s', blind_after: '2m', sources: [{ id: 'am', name: 'prod', urls: [proxy.url] }] };
    const blindCore = await core(config, { config, clock });
    // Ten minutes of failed polls, on the fake clock; every poll is a real request answered 503.
    await runFakeTime(blindCore, clock, proxy, 10 * 60_000);
    const blind = blindCore.snapshot().incidents.find((i) => i.kind === 'blind');
    expect(blind).toMatchObject({ title: 'Vigil cannot see prod', severity: 'critical', state: 'firing', alarm: expect.anything() });
    expect(blindCore.notifications.some((n) => n.title.includes('Vigil cannot see prod'))).toBe(true);
    // Back: seen within one poll interval (10 s, plus at most 20% jitter), not after minutes of backoff.
    proxy.setFault(null);
    await runFakeTime(blindCore, clock, proxy, 12_000);
    expect(blindCore.snapshot().sources[0]?.state).toBe('ok');
    expect(blindCore.snapshot().incidents.some((i) => i.kind === 'blind' && i.state !== 'resolved')).toBe(false);
  });

  it("rings when the source's dead man's switch goes missing", async () => {
    const clock = createFakeClock(Date.now());
    proxy.setFault(null);
    await pushAlerts(am.url, [{ labels: { alertname: 'Watchdog', severity: 'none' } }]);
    const config = { me: { id: 'alex.chen' }, poll_interval: '10s', blind_after: '1m', sources: [{ id: 'am', name: 'prod', urls: [proxy.url], dead_mans_switch: {} }] };
    const vigil = await core(config, { config, clock });
    await runFakeTime(vigil, clock, proxy, 20_000);
    expect(vigil.snapshot().sources[0]?.lastSuccessAt).not.toBeNull();
    expect(vigil.snapshot().incidents.some((i) => i.kind === 'blind')).toBe(false);
    await pushAlerts(am.url, [{ labels: { alertname: 'Watchdog', severity: 'none' }, endsAt: new Date(Date.now() - 1000).toISOString() }]);
    await runFakeTime(vigil, clock, proxy, 90_000);
    expect(vigil.snapshot().incidents.some((i) => i.kind === 'blind' && i.alarm !== null)).toBe(true);
    expect(vigil.snapshot().incidents.find((i) => i.kind === 'blind')?.summary).toMatch(/dead man's switch/);
  });
});
