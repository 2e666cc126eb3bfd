import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../shared/domain.ts';
import { TIMELINE_FILE_NAME } from './journal/timeline-journal.ts';
import { FAST_POLL, eventsAddedSince, incidentIn, isRinging, journaledSteps, typesOf, writeRotation } from '../test-fixtures/fault-checks.ts';
import { createFakeClock } from '../test-fixtures/fake-clock.ts';
import { createJournalDiskFault } from '../test-fixtures/journal-disk-fault.ts';
import { waitFor } from '../test-fixtures/managed-process.ts';
import { pushAlerts, type PushedAlert } from '../test-fixtures/push-alerts.ts';
import { startAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { startCore, type CoreHandle } from '../test-fixtures/start-core.ts';
import { withWallClockJumps } from '../test-fixtures/wall-clock-jumps.ts';

// Fault suite: the machine Vigil runs on misbehaves. Its data disk fills up; its wall clock
// jumps an hour forward (sleep and resume) and back. Alarms keep ringing, nothing journaled is
// lost, no false event.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function track<T extends { stop(): Promise<void> }>(started: Promise<T>): Promise<T> {
  const value = await started;
  cleanups.push(() => value.stop());
  return value;
}

const critical = (alertname: string, service = 'api'): PushedAlert => ({ labels: { alertname, severity: 'critical', service, cluster: 'prod' }, annotations: { summary: `${alertname} fires` } });

/** The journal as it is on disk, read the way a post-mortem would. */
function journalOnDisk(vigil: CoreHandle): TimelineEvent[] {
  const text = readFileSync(join(vigil.dataDir, 'timeline', TIMELINE_FILE_NAME), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TimelineEvent);
}

const NO_TIMELINE = /timeline cannot be written/;

describe('fault: the machine Vigil runs on', () => {
  it('the data disk full: events are kept in memory (the window says so), alarms and acks go on, and every event reaches the disk in order once there is space', async ({ annotate }) => {
    const am = await track(startAlertmanager());
    const disk = createJournalDiskFault();
    const vigil = await track(startCore({ config: { me: { id: 'alex.chen' }, ...FAST_POLL, sources: [{ id: 'prod', urls: [am.url] }] }, engineJournal: disk.wrap }));
    await pushAlerts(am.url, [critical('DiskAcked')]);
    await vigil.waitFor((s) => isRinging(s, 'DiskAcked'), 'DiskAcked ringing');
    const ackedKey = vigil.incident('DiskAcked')!.key;
    // Let the notification outcome be journaled too, so the disk holds all of the first incident's events.
    await vigil.waitFor(() => journalOnDisk(vigil).some((e) => e.type === 'notification-shown'), 'the first events on disk');
    const onDiskBefore = journalOnDisk(vigil);

    disk.setFull(true);
    await pushAlerts(am.url, [critical('DiskNew', 'db')]);
    await vigil.waitFor((s) => isRinging(s, 'DiskNew'), 'a new alarm while the disk is full');
    expect(await vigil.core.handlers.ackIncident({ incidentKey: ackedKey, via: 'keyboard' })).toMatchObject({ ok: true });
    const full = await vigil.waitFor((s) => incidentIn(s, 'DiskAcked')?.state === 'acked', 'acked while the disk is full');
    const newKey = vigil.incident('DiskNew')!.key;
    expect(disk.refused).toBeGreaterThan(0);
    expect(journalOnDisk(vigil)).toEqual(onDiskBefore);
    expect(vigil.notifications.map((n) => n.incidentKey)).toEqual([ackedKey, newKey]);

    await annotate(`${disk.refused} appends refused (ENOSPC) while the disk was full`);
    const freedAt = Date.now();
    disk.setFull(false);
    await vigil.waitFor((s) => !s.warnings.some((w) => NO_TIMELINE.test(w)), 'the warning gone once the disk has space');
    const onDisk = journalOnDisk(vigil);
    const added = eventsAddedSince(onDiskBefore, onDisk);
    expect(typesOf(added.filter((e) => e.incidentKey === newKey))).toEqual(['first-seen', 'alarm-raised', 'notification-shown']);
    expect(typesOf(added.filter((e) => e.incidentKey === ackedKey))).toEqual(['ack-requested', 'acked']);
    // In the order they happened, stamped when they happened (not when the disk took them).
    const times = onDisk.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(added.every((e) => e.at < freedAt)).toBe(true);
    // The window's timeline reads the same events.
    expect((await vigil.timeline(newKey)).map((e) => e.id)).toEqual(onDisk.filter((e) => e.incidentKey === newKey).map((e) => e.id));
    // While the disk was full, the window said so.
    expect(full.warnings.find((w) => NO_TIMELINE.test(w))).toMatch(/ENOSPC.*event\(s\) are kept in memory/);
  });

  it('the wall clock jumps 1 h forward (sleep/resume) and back: one re-ring a level higher, each passed step journaled once in order, nothing false', async () => {
    const am = await track(startAlertmanager());
    await pushAlerts(am.url, [critical('SleepyOutage')]);
    const fake = createFakeClock(Date.now());
    const clock = withWallClockJumps(fake);
    // The playbook's ladder: primary (me) at 0, secondary at 15 min, manager at 30 min, status page at 2 h; ack within 2 min.
    const rotation = writeRotation({ secondaryAfter: '15m', managerAfter: '30m', ackWithin: '2m' });
    const config = { me: { id: 'alex.chen' }, poll_interval: '10s', sources: [{ id: 'prod', urls: [am.url] }], rotation: { file: rotation } };
    const vigil = await track(startCore({ config, clock }));
    /**
     * Polls on fake time: each is a real request; wait until the core recorded it (read from its
     * state: a poll whose answer did not change publishes no snapshot).
     */
    const polls = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        await fake.advanceAsync(10_000);
        await waitFor(async () => vigil.snapshot().sources[0]?.lastAttemptAt === clock.now(), 'the poll to be recorded', 10_000, 5);
      }
    };
    await vigil.waitFor((s) => isRinging(s, 'SleepyOutage'), 'ringing');
    const key = vigil.incident('SleepyOutage')!.key;
    const atStart = await vigil.timeline(key);
    expect(journaledSteps(atStart)).toEqual([0]);

    // Suspended for an hour: on resume the wall clock is 1 h later, every timer still has its delay left.
    clock.jump(60 * 60_000);
    await polls(3);
    const resumed = vigil.snapshot();
    expect(resumed.sources[0]?.state).toBe('ok');
    expect(incidentIn(resumed, 'SleepyOutage')?.alarm?.level).toBe(1);
    const afterResume = eventsAddedSince(atStart, await vigil.timeline(key));
    // One re-ring, not one per missed minute; the steps passed while asleep, once each, in order.
    expect(typesOf(afterResume)).toEqual(['escalation-step', 'escalation-step', 'deadline-missed', 'notification-shown']);
    expect(journaledSteps(afterResume)).toEqual([1, 2]);
    expect(vigil.notifications).toHaveLength(2);

    // Back an hour (the clock corrected): nothing is journaled, the alarm stays.
    clock.jump(-60 * 60_000);
    await polls(3);
    const back = await vigil.timeline(key);
    expect(eventsAddedSince([...atStart, ...afterResume], back)).toEqual([]);
    expect(incidentIn(vigil.snapshot(), 'SleepyOutage')?.alarm).toMatchObject({ level: 1 });
    expect(vigil.notifications).toHaveLength(2);
    // And it keeps ringing: within one re-alarm interval (2 min) it rings again, a level higher.
    await polls(13);
    expect(incidentIn(vigil.snapshot(), 'SleepyOutage')?.alarm?.level).toBe(2);
    expect(vigil.notifications).toHaveLength(3);
    expect(typesOf(eventsAddedSince(back, await vigil.timeline(key)))).toEqual(['deadline-missed', 'notification-shown']);
    expect(journaledSteps(await vigil.timeline(key))).toEqual([0, 1, 2]);
    expect(vigil.history.some((s) => s.incidents.some((i) => i.state === 'resolved'))).toBe(false);
  });
});
