import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { createAlertmanagerClient } from '../alertmanager/am-client.ts';
import { createSourceFetch } from '../alertmanager/source-fetch.ts';
import { openTimelineJournal } from '../journal/timeline-journal.ts';
import type { KeyValueStore, Notifier, NotificationRequest } from '../ports.ts';
import { createConfStore } from '../settings/conf-store.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { createFakeClock } from '../../test-fixtures/fake-clock.ts';
import { pushAlerts, resolveAlerts } from '../../test-fixtures/push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { noRotation } from './engine-ports.ts';
import { VigilEngine } from './vigil-engine.ts';

// The engine's own wiring on a real Alertmanager with a fake clock: the deadline timer it sets
// re-alarms without any poll, a failed notification is journaled and the alarm keeps ringing,
// and an ack stops the timer.

function recordingNotifier(fail = false): Notifier & { shown: NotificationRequest[] } {
  const shown: NotificationRequest[] = [];
  return {
    shown,
    async show(request) {
      shown.push(request);
      return fail ? { shown: false, error: 'daemon gone' } : { shown: true, error: null };
    },
    onAction: () => () => undefined,
  };
}

let am: RunningAlertmanager;
beforeAll(async () => {
  am = await startAlertmanager();
  await pushAlerts(am.url, [{ labels: { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' } }]);
});
afterAll(() => am.stop());

function makeEngine(notifier: Notifier) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-engine-'));
  const clock = createFakeClock(Date.now());
  const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url] }], policy: { critical: { ack_within: '2m', realarm_every: '1m', loud: true } } });
  const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
  const journal = openTimelineJournal(join(dir, 'timeline'), { clock });
  // The real file store, its writes counted.
  const confStore = createConfStore({ cwd: dir });
  const stateWrites: unknown[] = [];
  const store: KeyValueStore = { get: (key) => confStore.get(key), set: (key, value) => (stateWrites.push(structuredClone(value)), confStore.set(key, value)) };
  const engine = new VigilEngine({
    clock, config, groupBy: ['alertname', 'cluster', 'service'], notifier, journal, rotation: noRotation,
    sources: [{ id: 'am', name: 'am', urls: config.sources[0]!.urls, api }],
    store,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    onChange: () => undefined,
  });
  const fetchSource = createSourceFetch({ api, now: () => clock.now(), holdMs: config.resolution_hold, watchdogAlertname: null });
  const poll = async () => engine.applyPoll('am', { ok: true, fetch: await fetchSource(), at: clock.now() });
  return { engine, clock, journal, poll, stateWrites, confStore };
}

describe('VigilEngine on a real Alertmanager with a fake clock', () => {
  it('re-alarms from its own deadline timer, with rising level, without another poll', async () => {
    const notifier = recordingNotifier();
    const { engine, clock, poll } = makeEngine(notifier);
    await poll();
    const [incident] = engine.incidents();
    // The ack clock counts from when the alert started, not from when this Vigil saw it.
    expect(incident?.alarm).toMatchObject({ level: 0, pagedAt: incident!.startsAt, ackDeadline: incident!.startsAt + 120_000 });
    await clock.advanceAsync(119_000);
    expect(engine.incidents()[0]?.alarm?.level).toBe(0);
    await clock.advanceAsync(1_000);
    expect(engine.incidents()[0]?.alarm?.level).toBe(1);
    await clock.advanceAsync(60_000);
    expect(engine.incidents()[0]?.alarm?.level).toBe(2);
    expect(notifier.shown.map((n) => n.urgency)).toEqual(['critical', 'critical', 'critical']);
    expect(notifier.shown[1]?.body).toContain('Still unacknowledged (level 1)');
    engine.dispose();
  });

  it('journals a notification the daemon refused and keeps the alarm ringing', async () => {
    const { engine, journal, poll } = makeEngine(recordingNotifier(true));
    await poll();
    const [incident] = engine.incidents();
    await new Promise((r) => setImmediate(r));
    expect(incident?.alarm).not.toBeNull();
    expect(journal.forIncident(incident!.key).some((e) => e.type === 'note' && e.message.includes('daemon gone'))).toBe(true);
    engine.dispose();
  });

  it('an ack makes a silence on the real Alertmanager and stops the timer', async () => {
    const notifier = recordingNotifier();
    const { engine, clock, poll } = makeEngine(notifier);
    await poll();
    const key = engine.incidents()[0]!.key;
    const result = await engine.ack(key, 'keyboard');
    expect(result.ok).toBe(true);
    await poll();
    expect(engine.incidents()[0]).toMatchObject({ state: 'acked', alarm: null, ack: { by: 'alex.chen', mine: true } });
    await clock.advanceAsync(10 * 60_000);
    expect(notifier.shown).toHaveLength(1);
    const silences = (await (await fetch(new URL(`/api/v2/silence/${result.silenceId}`, am.url))).json()) as { createdBy: string };
    expect(silences.createdBy).toBe('alex.chen');
    engine.dispose();
  });

  it('knows the fingerprints of the last answer, also when one alert gave way to another in an answer of the same size', async () => {
    const { engine, poll } = makeEngine(recordingNotifier());
    const givesWay = { alertname: 'GivesWay', severity: 'warning', service: 'api', cluster: 'prod' };
    await pushAlerts(am.url, [{ labels: givesWay }]);
    await poll();
    const before = new Set(engine.knownFingerprints('am'));
    await resolveAlerts(am.url, [givesWay]);
    await pushAlerts(am.url, [{ labels: { ...givesWay, alertname: 'TakesOver' } }]);
    await poll();
    const after = engine.knownFingerprints('am');
    expect(after.size).toBe(before.size);
    expect([...after].filter((fp) => !before.has(fp))).toHaveLength(1);
    expect([...before].filter((fp) => !after.has(fp))).toHaveLength(1);
    engine.dispose();
  });

  it('writes its state to the store when it changed, not on every evaluation', async () => {
    const { engine, clock, poll, stateWrites, confStore } = makeEngine(recordingNotifier());
    const labels = { alertname: 'Chatty', severity: 'warning', service: 'api', cluster: 'prod' };
    await pushAlerts(am.url, [{ labels, annotations: { summary: 'first' } }]);
    await poll();
    const afterFirst = stateWrites.length;
    expect(afterFirst).toBeGreaterThan(0);
    // New bytes, the same incidents: evaluated again, nothing kept changes.
    for (const summary of ['second', 'third']) {
      await pushAlerts(am.url, [{ labels, annotations: { summary } }]);
      await poll();
      await clock.advanceAsync(1_000);
      await engine.tick();
    }
    expect(engine.incidents().find((i) => i.alertname === 'Chatty')).toBeDefined();
    expect(stateWrites).toHaveLength(afterFirst);
    // A change is written, and what the store holds is the engine's state now.
    const key = engine.incidents().find((i) => i.alertname === 'Chatty')!.key;
    const acked = await engine.ack(key, 'window');
    expect(acked.ok).toBe(true);
    expect(stateWrites.length).toBeGreaterThan(afterFirst);
    expect(confStore.get('engineState')).toEqual(stateWrites.at(-1));
    expect(JSON.stringify(confStore.get('engineState'))).toContain(acked.silenceId!);
    engine.dispose();
  });

  it('journals a resolved-then-refiring incident as a second occurrence with its own timeline', async () => {
    const { engine, journal, poll, clock } = makeEngine(recordingNotifier());
    const labels = { alertname: 'Recurring', severity: 'critical', service: 'api', cluster: 'prod' };
    await pushAlerts(am.url, [{ labels }]);
    await poll();
    const first = engine.incidents().find((i) => i.alertname === 'Recurring')!;
    await resolveAlerts(am.url, [labels]);
    await poll();
    expect(engine.incidents().find((i) => i.key === first.key)?.state).toBe('resolved');
    await clock.advanceAsync(60_000);
    await pushAlerts(am.url, [{ labels }]);
    await poll();
    const second = engine.incidents().find((i) => i.key === first.key && i.state !== 'resolved')!;
    expect(second.occurrenceId).not.toBe(first.occurrenceId);
    // One key, one row: the resolved predecessor leaves the list when the incident fires again.
    expect(engine.incidents().filter((i) => i.key === first.key)).toHaveLength(1);
    const events = journal.forIncident(first.key);
    const typesOf = (occurrenceId: string) => events.filter((e) => e.occurrenceId === occurrenceId).map((e) => e.type);
    expect(typesOf(first.occurrenceId)).toEqual(expect.arrayContaining(['first-seen', 'alarm-raised', 'resolved']));
    expect(typesOf(second.occurrenceId)).toEqual(['first-seen', 'alarm-raised', 'notification-shown']);
    engine.dispose();
  });
});
