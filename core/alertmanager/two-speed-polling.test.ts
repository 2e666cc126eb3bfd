import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { createFakeClock } from '../../test-fixtures/fake-clock.ts';
import type { FaultProxy } from '../../test-fixtures/fault-proxy.ts';
import { startProxiedAlertmanager } from '../../test-fixtures/proxied-alertmanager.ts';
import { silenceAlertname } from '../../test-fixtures/post-silence.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import type { RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { startCore } from '../../test-fixtures/start-core.ts';
import { createAlertmanagerClient } from './am-client.ts';
import { startRingWatch } from './ring-watch.ts';

// Two-speed polling on a real Alertmanager: an answer whose bytes did not change is not parsed
// again, and the fast "what can ring me" poll brings a new alert's alarm forward to the fast
// interval instead of the full poll's.

let am: RunningAlertmanager;
let proxy: FaultProxy;
let stop: () => Promise<void>;
beforeAll(async () => void ({ am, proxy, stop } = await startProxiedAlertmanager()));
afterAll(() => stop());

describe('two-speed polling', () => {
  it('reads only the alerts whose text changed: the others are the same objects as last time', async () => {
    await pushAlerts(am.url, [{ labels: { alertname: 'SameBytes', severity: 'warning' } }]);
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url] }] });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    const first = await api.fetchAlerts();
    const second = await api.fetchAlerts();
    expect(first.unchanged).toBe(false);
    expect(second.unchanged).toBe(true);
    expect(second.alerts).toHaveLength(1);
    expect(second.alerts[0]).toBe(first.alerts[0]);
    await pushAlerts(am.url, [{ labels: { alertname: 'SameBytesToo', severity: 'warning' } }]);
    const third = await api.fetchAlerts();
    expect(third.unchanged).toBe(false);
    const byName = new Map(third.alerts.map((a) => [a.labels.alertname, a]));
    expect(byName.get('SameBytes')).toBe(first.alerts[0]);
    expect(byName.get('SameBytesToo')?.labels.severity).toBe('warning');
    // A changed annotation is a changed text: read again, with what changed.
    await pushAlerts(am.url, [{ labels: { alertname: 'SameBytes', severity: 'warning' }, annotations: { summary: 'now with a summary' } }]);
    const fourth = await api.fetchAlerts();
    expect(fourth.unchanged).toBe(false);
    const changed = fourth.alerts.find((a) => a.labels.alertname === 'SameBytes')!;
    expect(changed).not.toBe(first.alerts[0]);
    expect(changed.annotations.summary).toBe('now with a summary');
    expect(fourth.alerts.find((a) => a.labels.alertname === 'SameBytesToo')).toBe(byName.get('SameBytesToo'));
  });

  it('a new alert rings at the next fast poll, long before the next full poll', async () => {
    const clock = createFakeClock(Date.now());
    const config = { me: { id: 'alex.chen' }, poll_interval: '60s', fast_poll_interval: '2s', sources: [{ id: 'am', urls: [proxy.url] }] };
    const vigil = await startCore({ config, clock });
    try {
      const fullPolls = () => proxy.requests.filter((r) => r.path.startsWith('/api/v2/alerts?') && r.path.includes('silenced=true')).length;
      await vigil.waitFor((s) => s.sources[0]?.lastSuccessAt !== null, 'the first full poll');
      const fullBefore = fullPolls();
      await pushAlerts(am.url, [{ labels: { alertname: 'FastRing', severity: 'critical', service: 'api' } }]);
      // One fast interval of fake time: the fast poll sees the new alert and asks for a full poll.
      await clock.advanceAsync(2_000);
      const snap = await vigil.waitFor((s) => s.incidents.some((i) => i.alertname === 'FastRing' && i.alarm !== null), 'FastRing ringing', 10_000);
      // One extra full poll, asked for by the fast one, 2 s of fake time in: not the 60 s schedule.
      expect(fullPolls()).toBe(fullBefore + 1);
      expect(snap.incidents.find((i) => i.alertname === 'FastRing')!.alarm!.raisedAt).toBe(clock.now());
    } finally {
      await vigil.stop();
    }
  });

  it("a teammate's ack stops the alarm at the next fast poll, too", async () => {
    const clock = createFakeClock(Date.now());
    const config = { me: { id: 'alex.chen' }, poll_interval: '60s', fast_poll_interval: '2s', sources: [{ id: 'am', urls: [proxy.url] }] };
    await pushAlerts(am.url, [{ labels: { alertname: 'AckedElsewhere', severity: 'critical', service: 'db' } }]);
    const vigil = await startCore({ config, clock });
    try {
      await vigil.waitFor((s) => s.incidents.some((i) => i.alertname === 'AckedElsewhere' && i.alarm !== null), 'ringing');
      await clock.advanceAsync(2_000);
      await expect.poll(() => proxy.requests.filter((r) => r.path.startsWith('/api/v2/alerts/groups')).length).toBeGreaterThan(0);
      // A teammate silences it on the shared Alertmanager.
      const silencedAt = clock.now();
      await silenceAlertname(am.url, 'AckedElsewhere', { createdBy: 'sarah.johnson', comment: 'maintenance' });
      // Fast-poll steps of 2 s, far fewer than the 60 s to the next full poll. Several, because on
      // a loaded machine the fast poll the first step started may still be answering when a single
      // step ends: its next one is then scheduled after it, and only the next step runs it.
      const stopped = () => vigil.snapshot().incidents.find((i) => i.alertname === 'AckedElsewhere')?.alarm === null;
      for (let step = 0; step < 5 && !stopped(); step++) {
        await clock.advanceAsync(2_000);
        await vi.waitFor(() => expect(stopped()).toBe(true), { timeout: 3_000 }).catch(() => undefined);
      }
      expect(stopped()).toBe(true);
      expect(clock.now() - silencedAt).toBeLessThanOrEqual(10_000);
    } finally {
      await vigil.stop();
    }
  });

  it('a poll that changes nothing sends no snapshot to the window', async () => {
    const clock = createFakeClock(Date.now());
    const config = { me: { id: 'alex.chen' }, poll_interval: '10s', fast_poll_interval: 0, sources: [{ id: 'am', urls: [proxy.url] }] };
    const vigil = await startCore({ config, clock });
    try {
      await vigil.waitFor((s) => s.sources[0]?.lastSuccessAt !== null, 'the first full poll');
      // One more poll first: the Alertmanager is shared with the tests above, whose silences may
      // still change what it answers once.
      await clock.advanceAsync(12_000);
      await expect.poll(() => vigil.snapshot().sources[0]?.lastAttemptAt).toBe(clock.now());
      let snapshots = 0;
      const off = vigil.core.on('snapshot', () => void (snapshots += 1));
      const polls = () => proxy.requests.filter((r) => r.path.startsWith('/api/v2/alerts?')).length;
      const before = polls();
      for (let i = 0; i < 3; i += 1) {
        await clock.advanceAsync(12_000);
        // The poll reported (its attempt time is now), whether or not it published anything.
        await expect.poll(() => vigil.snapshot().sources[0]?.lastAttemptAt).toBe(clock.now());
      }
      off();
      expect(polls() - before).toBeGreaterThanOrEqual(3);
      expect(snapshots).toBe(0);
    } finally {
      await vigil.stop();
    }
  });

  it('spaces the fast poll out while its answer is large (a storm), and comes back to the interval after', async () => {
    // 150 ringing alerts with long annotations: about 140 KiB an answer, as a 300-incident storm writes.
    const storm = Array.from({ length: 150 }, (_, i) => ({ labels: { alertname: 'StormSpacing', severity: 'critical', instance: `node-${i}` }, annotations: { description: `${'disk full on a busy node '.repeat(24)}${i}` } }));
    await pushAlerts(am.url, storm);
    const clock = createFakeClock(Date.now());
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [proxy.url] }] });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    const groupsAsked = () => proxy.requests.filter((r) => r.path.startsWith('/api/v2/alerts/groups')).length;
    const watch = startRingWatch({ api, clock, intervalMs: 2_000, known: () => new Set(), pollNow: () => undefined });
    /** Runs the next fast poll and gives the wait it then schedules. */
    const nextWait = async () => {
      const asked = groupsAsked();
      await clock.advanceAsync(clock.nextTimerAt()! - clock.now());
      await expect.poll(() => groupsAsked()).toBe(asked + 1);
      await expect.poll(() => clock.pendingTimers()).toBe(1);
      return clock.nextTimerAt()! - clock.now();
    };
    try {
      // During the storm: not every 2 s, but as long as the answer takes at the byte budget.
      expect(await nextWait()).toBeGreaterThan(4_000);
      expect(await nextWait()).toBeGreaterThan(4_000);
      // The storm acked (a silence): the answer is small again, and so is the wait.
      await silenceAlertname(am.url, 'StormSpacing', { createdBy: 'alex.chen', comment: 'storm handled' });
      expect(await nextWait()).toBe(2_000);
    } finally {
      watch.stop();
    }
  });
});
