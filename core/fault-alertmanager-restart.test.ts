import { afterEach, describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../shared/domain.ts';
import { FAST_POLL, eventsAddedSince, incidentIn, isRinging, journaledSteps, liveAckSilences, typesOf, writeRotation } from '../test-fixtures/fault-checks.ts';
import { waitFor } from '../test-fixtures/managed-process.ts';
import { pushAlerts, type PushedAlert } from '../test-fixtures/push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { startCore, type CoreHandle } from '../test-fixtures/start-core.ts';

// Fault suite: the Alertmanager restarts under a Vigil that holds an ack and a ringing alarm.
// Alertmanager keeps alerts in memory only, so after any restart it answers "no alerts" until
// Prometheus re-sends them (here: pushed again once Vigil has seen the empty answer); its
// silences survive only with its data dir. In both cases: no false event in the journal, the
// ack stands (re-created when it was lost), the ladder is neither restarted nor re-journaled,
// and the unacknowledged alarm never stops ringing.

let am: RunningAlertmanager | null = null;
let vigil: CoreHandle | null = null;
afterEach(async () => {
  await vigil?.stop();
  await am?.stop();
  vigil = null;
  am = null;
});

/** Started 5 s ago: the first two steps (primary = me at 0 s, secondary at 1 s) are reached at once. Re-sent unchanged, as Prometheus does. */
function outageAlerts(): PushedAlert[] {
  const startsAt = new Date(Date.now() - 5000).toISOString();
  return [
    { labels: { alertname: 'AckedOutage', severity: 'critical', service: 'api', cluster: 'prod' }, annotations: { summary: 'acked before the restart' }, startsAt },
    { labels: { alertname: 'RingingOutage', severity: 'critical', service: 'db', cluster: 'prod' }, annotations: { summary: 'nobody acks this one' }, startsAt },
  ];
}

/** Two incidents firing, both past two escalation steps; AckedOutage acknowledged by me with its silence on Alertmanager. */
async function ackedAndRinging(running: RunningAlertmanager, alerts: PushedAlert[]): Promise<{ vigil: CoreHandle; ackedKey: string; ringingKey: string; silenceId: string }> {
  const rotation = writeRotation({ secondaryAfter: '1s', managerAfter: '30m', ackWithin: '2m' });
  const handle = await startCore({ config: { me: { id: 'alex.chen' }, ...FAST_POLL, sources: [{ id: 'prod', urls: [running.url] }], rotation: { file: rotation } } });
  vigil = handle;
  await pushAlerts(running.url, alerts);
  const reachedTwo = (s: AppSnapshot, name: string) => isRinging(s, name) && incidentIn(s, name)?.escalation?.steps.filter((step) => step.reached).length === 2;
  await handle.waitFor((s) => reachedTwo(s, 'AckedOutage') && reachedTwo(s, 'RingingOutage'), 'both ringing, two steps reached');
  const ackedKey = handle.incident('AckedOutage')!.key;
  const ringingKey = handle.incident('RingingOutage')!.key;
  const ack = await handle.core.handlers.ackIncident({ incidentKey: ackedKey, via: 'keyboard' });
  expect(ack).toMatchObject({ ok: true, silenceId: expect.any(String) });
  // Acked, and the alerts Alertmanager answers carry the silence.
  await handle.waitFor((s) => incidentIn(s, 'AckedOutage')?.state === 'acked' && incidentIn(s, 'AckedOutage')!.alerts.every((a) => a.silencedBy.includes(ack.silenceId!)), 'the ack on the alerts');
  return { vigil: handle, ackedKey, ringingKey, silenceId: ack.silenceId! };
}

/**
 * Restart, wait until Vigil has polled the restarted (empty) Alertmanager, then re-send the alerts
 * as Prometheus would. Returns how long Alertmanager was down and how long its alerts were missing.
 */
async function restartAndResend(running: RunningAlertmanager, handle: CoreHandle, alerts: PushedAlert[], keepData: boolean): Promise<string> {
  const down = Date.now();
  // Down for 3 s: about ten polls fail (the source turns unhealthy, its last alerts are kept).
  await running.restart({ keepData, kill: !keepData, downMs: 3000 });
  const back = Date.now();
  // alertCount counts what the answer held (held alerts apart): 0 means Vigil saw the empty answer.
  await handle.waitFor((s) => (s.sources[0]?.lastSuccessAt ?? 0) > back && s.sources[0]?.alertCount === 0, 'Vigil to see the restarted, empty Alertmanager');
  await pushAlerts(running.url, alerts);
  await handle.waitFor((s) => s.sources[0]?.state === 'ok' && s.sources[0].alertCount === alerts.length, 'Vigil to see the re-sent alerts');
  return `Alertmanager down ${back - down} ms, its alerts missing for ${Date.now() - down} ms`;
}

/** The invariants of every snapshot since the fault began: the acked incident stays acked, the other keeps ringing, from the same alarm. */
function checkThroughout(handle: CoreHandle, since: number, ringingRaisedAt: number): void {
  const during = handle.history.slice(since);
  // The outage was seen: polls failed while Alertmanager was down.
  expect(during.some((s) => s.sources[0]?.state === 'unhealthy')).toBe(true);
  for (const snap of during) {
    expect(snap.incidents.filter((i) => i.state === 'resolved').map((i) => i.alertname), 'incidents shown as resolved').toEqual([]);
    expect(incidentIn(snap, 'AckedOutage')?.state, 'AckedOutage in every snapshot').toBe('acked');
    expect(incidentIn(snap, 'RingingOutage')?.alarm?.raisedAt, 'the RingingOutage alarm, unchanged, in every snapshot').toBe(ringingRaisedAt);
  }
}

describe('fault: Alertmanager restarts', () => {
  it('killed and restarted WITHOUT its data: no false resolution, my ack silence is re-created, the ladder is not restarted', async ({ annotate }) => {
    am = await startAlertmanager();
    const alerts = outageAlerts();
    const { vigil: handle, ackedKey, ringingKey, silenceId } = await ackedAndRinging(am, alerts);
    const before = { acked: await handle.timeline(ackedKey), ringing: await handle.timeline(ringingKey) };
    const ringingRaisedAt = handle.incident('RingingOutage')!.alarm!.raisedAt;
    const since = handle.history.length;

    await annotate(await restartAndResend(am, handle, alerts, false));
    checkThroughout(handle, since, ringingRaisedAt);
    expect(eventsAddedSince(before.ringing, await handle.timeline(ringingKey))).toEqual([]);
    // My ack is still within its time, so Vigil posts it again on the new Alertmanager.
    const [recreated] = await waitFor(async () => {
      const live = await liveAckSilences(am!.url, ackedKey);
      return live.length > 0 ? live : null;
    }, 'the ack silence re-created on the new Alertmanager');
    expect(recreated).toMatchObject({ createdBy: 'alex.chen' });
    expect(recreated!.id).not.toBe(silenceId);
    // Vigil sees the alerts back, carrying the re-created silence, and nothing held any more.
    await handle.waitFor(
      (s) => incidentIn(s, 'AckedOutage')?.ack?.silenceId === recreated!.id && incidentIn(s, 'AckedOutage')!.alerts.every((a) => a.silencedBy.includes(recreated!.id)) && s.sources[0]?.held === 0,
      'the alerts back with the re-created ack',
    );
    checkThroughout(handle, since, ringingRaisedAt);
    expect(handle.incident('AckedOutage')).toMatchObject({ state: 'acked', alarm: null, ack: { by: 'alex.chen', mine: true } });

    const acked = eventsAddedSince(before.acked, await handle.timeline(ackedKey));
    // The one thing that happened: the lost silence was posted again, and the journal says so.
    expect(typesOf(acked)).toEqual(['note']);
    expect(acked[0]!.message).toMatch(/re-created/);
    expect(acked[0]!.data).toMatchObject({ lost: silenceId, silenceId: recreated!.id });
    expect(eventsAddedSince(before.ringing, await handle.timeline(ringingKey))).toEqual([]);
    for (const key of [ackedKey, ringingKey]) {
      const all = await handle.timeline(key);
      expect(journaledSteps(all)).toEqual([0, 1]);
      expect(typesOf(all).filter((t) => t === 'first-seen' || t === 'alarm-raised')).toEqual(['first-seen', 'alarm-raised']);
    }
    // One ack of mine on the new Alertmanager: the re-creation made no duplicate.
    expect(await liveAckSilences(am.url, ackedKey)).toHaveLength(1);
  });

  it('restarted WITH its data: no event at all, the same silence id continues', async ({ annotate }) => {
    am = await startAlertmanager();
    const alerts = outageAlerts();
    const { vigil: handle, ackedKey, ringingKey, silenceId } = await ackedAndRinging(am, alerts);
    const before = { acked: await handle.timeline(ackedKey), ringing: await handle.timeline(ringingKey) };
    const ringingRaisedAt = handle.incident('RingingOutage')!.alarm!.raisedAt;
    const since = handle.history.length;

    await annotate(await restartAndResend(am, handle, alerts, true));
    checkThroughout(handle, since, ringingRaisedAt);
    await handle.waitFor((s) => incidentIn(s, 'AckedOutage')?.alerts.every((a) => a.silencedBy.includes(silenceId)) === true && s.sources[0]?.held === 0, 'the alerts back, still carrying the same silence');
    checkThroughout(handle, since, ringingRaisedAt);
    expect(handle.incident('AckedOutage')).toMatchObject({ state: 'acked', ack: { by: 'alex.chen', silenceId } });
    expect((await liveAckSilences(am.url, ackedKey)).map((s) => s.id)).toEqual([silenceId]);
    expect(eventsAddedSince(before.acked, await handle.timeline(ackedKey))).toEqual([]);
    expect(eventsAddedSince(before.ringing, await handle.timeline(ringingKey))).toEqual([]);
  });
});
