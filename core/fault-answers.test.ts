import { afterEach, describe, expect, it } from 'vitest';
import type { AppSnapshot, TimelineEvent } from '../shared/domain.ts';
import { FAST_POLL, eventsAddedSince, incidentIn, isRinging, typesOf } from '../test-fixtures/fault-checks.ts';
import { startFaultProxy } from '../test-fixtures/fault-proxy.ts';
import { waitFor } from '../test-fixtures/managed-process.ts';
import { pushAlerts, type PushedAlert } from '../test-fixtures/push-alerts.ts';
import { startAlertmanager, startAlertmanagerPair } from '../test-fixtures/start-alertmanager.ts';
import { startCore, type CoreHandle } from '../test-fixtures/start-core.ts';

// Fault suite: the answers go wrong while Alertmanager itself is fine. One empty answer, one HA
// member unreachable, a slow silence lookup. No rotation here: Vigil is always on call and
// alarms at each incident's start. In each: alarms keep ringing, nothing false is journaled.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function track<T extends { stop(): Promise<void> }>(started: Promise<T>): Promise<T> {
  const value = await started;
  cleanups.push(() => value.stop());
  return value;
}

const ME = { me: { id: 'alex.chen' } };
const critical = (alertname: string, service = 'api'): PushedAlert => ({ labels: { alertname, severity: 'critical', service, cluster: 'prod' }, annotations: { summary: `${alertname} fires` } });

/** Timelines and alarms of the incidents that ring now, to compare after the fault. */
async function ringingNow(vigil: CoreHandle, alertnames: readonly string[]): Promise<Map<string, { key: string; raisedAt: number; timeline: TimelineEvent[] }>> {
  const out = new Map<string, { key: string; raisedAt: number; timeline: TimelineEvent[] }>();
  for (const name of alertnames) {
    const incident = vigil.incident(name)!;
    out.set(name, { key: incident.key, raisedAt: incident.alarm!.raisedAt, timeline: await vigil.timeline(incident.key) });
  }
  return out;
}

/** Every snapshot since `since`: nothing resolved, and each of `before` ringing from the same alarm. Then: no event added to their timelines. */
async function expectUntouched(vigil: CoreHandle, since: number, before: Awaited<ReturnType<typeof ringingNow>>): Promise<void> {
  const during = vigil.history.slice(since);
  expect(during.length).toBeGreaterThan(0);
  for (const snap of during) {
    expect(snap.incidents.filter((i) => i.state === 'resolved').map((i) => i.alertname), 'incidents shown as resolved').toEqual([]);
    for (const [name, was] of before) expect(incidentIn(snap, name)?.alarm?.raisedAt, `${name} ringing from the same alarm in every snapshot`).toBe(was.raisedAt);
  }
  for (const [name, was] of before) expect(typesOf(eventsAddedSince(was.timeline, await vigil.timeline(was.key))), `events added to ${name}`).toEqual([]);
}

describe('fault: bad answers', () => {
  it('one empty answer (after 4 alerts): no false resolution, the alerts are there again on the next answer', async () => {
    const am = await track(startAlertmanager());
    const proxy = await track(startFaultProxy(am.url));
    const vigil = await track(startCore({ config: { ...ME, ...FAST_POLL, sources: [{ id: 'prod', urls: [proxy.url] }] } }));
    const names = ['EmptyA', 'EmptyB', 'EmptyC', 'EmptyD'];
    await pushAlerts(am.url, names.map((name) => critical(name)));
    await vigil.waitFor((s) => names.every((name) => isRinging(s, name)), 'all four ringing');
    const before = await ringingNow(vigil, names);
    const since = vigil.history.length;

    // Exactly one answer to GET /api/v2/alerts is [] (a proxy or a half-started Alertmanager can do that).
    let answers = 0;
    proxy.setFault({ kind: 'rewrite', pathPrefix: '/api/v2/alerts', rewrite: (items) => (++answers === 1 ? [] : items) });
    const sawEmpty = () => vigil.history.slice(since).some((s) => s.sources[0]?.alertCount === 0);
    await vigil.waitFor((s) => sawEmpty() && s.sources[0]?.alertCount === 4 && (s.sources[0].held ?? 0) === 0, 'the empty answer, then a full one');
    expect(answers).toBeGreaterThanOrEqual(2);
    await expectUntouched(vigil, since, before);
  });

  it('an HA member partitioned: alarms keep ringing from the other member, health says partly unreachable, a new alert still alarms', async ({ annotate }) => {
    const pair = await track(startAlertmanagerPair());
    // Vigil reaches member b through a proxy that can swallow its answers: a black hole, as a partition is.
    const proxyB = await track(startFaultProxy(pair.b.url));
    const vigil = await track(startCore({ config: { ...ME, ...FAST_POLL, sources: [{ id: 'prod', name: 'prod', urls: [pair.a.url, proxyB.url], timeout: '1s' }] } }));
    const names = ['HaOne', 'HaTwo'];
    // Prometheus sends every alert to every member (alerts are not gossiped).
    await Promise.all(pair.urls.map((url) => pushAlerts(url, names.map((name) => critical(name)))));
    await vigil.waitFor((s) => names.every((name) => isRinging(s, name)), 'both ringing');
    const before = await ringingNow(vigil, names);
    const since = vigil.history.length;

    const partitionedAt = Date.now();
    proxyB.setFault({ kind: 'delay', ms: 60_000 });
    await vigil.waitFor((s) => /partly unreachable/.test(s.sources[0]?.error ?? ''), 'health: partly unreachable');
    expect(vigil.snapshot().sources[0]).toMatchObject({ state: 'ok', error: expect.stringContaining(proxyB.url.replace('http://', '')) });
    // Only member a can hear Prometheus now; its new alert rings.
    await pushAlerts(pair.a.url, [critical('HaDuringPartition', 'queue')]);
    await vigil.waitFor((s) => isRinging(s, 'HaDuringPartition'), 'the new alert ringing during the partition');
    const fresh = vigil.incident('HaDuringPartition')!;

    proxyB.setFault(null);
    await vigil.waitFor((s) => s.sources[0]?.error === null && s.sources[0].alertCount === 3, 'member b reachable again');
    await annotate(`member b unreachable for ${Date.now() - partitionedAt} ms`);
    await expectUntouched(vigil, since, before);
    expect(typesOf(await vigil.timeline(fresh.key))).toEqual(['first-seen', 'alarm-raised', 'notification-shown']);
  });

  it('a slow Alertmanager (4 s silence lookups): a new critical alarm is raised while the lookups are still unanswered', async () => {
    const am = await track(startAlertmanager());
    const proxy = await track(startFaultProxy(am.url));
    // Two maintenance windows Vigil has never seen: each alert carries a silence id it must look up.
    for (const name of ['MaintA', 'MaintB']) {
      const response = await fetch(`${am.url}/api/v2/silences`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ matchers: [{ name: 'alertname', value: name, isRegex: false, isEqual: true }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'ops', comment: 'maintenance window' }),
      });
      expect(response.ok).toBe(true);
    }
    await pushAlerts(am.url, [critical('MaintA'), critical('MaintB', 'db')]);
    const SILENCE_LOOKUP = '/api/v2/silence/';
    proxy.setFault({ kind: 'delay', ms: 4000, pathPrefix: SILENCE_LOOKUP });
    const vigil = await track(startCore({ config: { ...ME, ...FAST_POLL, sources: [{ id: 'prod', urls: [proxy.url] }] } }));
    await waitFor(async () => proxy.inFlight(SILENCE_LOOKUP) > 0, 'a silence lookup held by the proxy', 10_000, 20);

    await pushAlerts(am.url, [critical('NewOutage', 'web')]);
    let lookupsPendingAtAlarm = -1;
    const snap = await vigil.waitFor((s: AppSnapshot) => {
      if (!isRinging(s, 'NewOutage')) return false;
      lookupsPendingAtAlarm = proxy.inFlight(SILENCE_LOOKUP);
      return true;
    }, 'the new alarm');
    // Ordering, not timing: the alarm was published while the proxy still held a lookup.
    expect(lookupsPendingAtAlarm).toBeGreaterThan(0);
    // The maintenance-muted alerts did not ring meanwhile (an unknown silence still mutes).
    expect(isRinging(snap, 'MaintA') || isRinging(snap, 'MaintB')).toBe(false);
    // Once the lookups answered, the windows still mute their alerts, and the new alarm rings on.
    await waitFor(async () => proxy.inFlight(SILENCE_LOOKUP) === 0, 'the lookups answered', 15_000, 50);
    const after = await vigil.waitFor((s) => s.generatedAt > Date.now() - 100, 'a fresh snapshot');
    expect([incidentIn(after, 'MaintA')?.state, incidentIn(after, 'MaintB')?.state]).toEqual(['silenced', 'silenced']);
    expect(isRinging(after, 'NewOutage')).toBe(true);
  });
});
