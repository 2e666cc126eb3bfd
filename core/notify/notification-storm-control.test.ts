import nodeNotifier from 'node-notifier';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NotificationRequest } from '../ports.ts';
import { startDesktopSession } from '../../test-fixtures/desktop-session.ts';
import type { DesktopSession } from '../../test-fixtures/desktop-session.ts';
import { createFakeClock } from '../../test-fixtures/fake-clock.ts';
import { createDesktopNotifier } from './desktop-notifier.ts';
import type { NodeNotifierLike } from './desktop-notifier.ts';
import { createStormControlledNotifier } from './notification-storm-control.ts';

const HELD_BACK = 'held back by the notification rate limit (3 per 10 s); counted in the summary notification';

/** The real node-notifier (so notify-send really runs), counting how many helpers run at once. */
function countingNodeNotifier() {
  const real = nodeNotifier as unknown as NodeNotifierLike;
  const stats = { calls: 0, running: 0, maxRunning: 0 };
  const notifier: NodeNotifierLike = {
    notify(options, callback) {
      stats.calls += 1;
      stats.running += 1;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      return real.notify(options, (error, response, metadata) => {
        stats.running -= 1;
        callback?.(error, response, metadata);
      });
    },
  };
  return { notifier, stats };
}

/** The desktop notifier on the real daemon behind storm control, with a fake clock for the window. */
function stormControlled() {
  const clock = createFakeClock(1_000_000);
  const { notifier, stats } = countingNodeNotifier();
  const desktopNotifier = createStormControlledNotifier(createDesktopNotifier({ notifier, platform: 'linux' }), { clock });
  // Wait (on real time, notify-send is a real process) until exactly `calls` helpers ran and none runs.
  const settled = (calls: number) =>
    vi.waitFor(
      () => {
        expect(stats.running).toBe(0);
        expect(stats.calls).toBe(calls);
      },
      { timeout: 20_000, interval: 50 },
    );
  return { clock, stats, desktopNotifier, settled };
}

const incident = (name: string, urgency: NotificationRequest['urgency'] = 'critical', level = 0): NotificationRequest => ({
  incidentKey: `${name}-0123abcd`,
  title: `${urgency === 'critical' ? 'CRITICAL' : 'WARNING'}: ${name}${level > 0 ? ` (level ${level})` : ''}`,
  body: 'ack within 2m',
  urgency,
  ackAction: true,
});

describe('notification storm control on the real daemon (notify-send -> dunst)', () => {
  let desktop: DesktopSession;
  const saved = { DISPLAY: process.env.DISPLAY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS };

  beforeAll(async () => {
    desktop = await startDesktopSession({ lifetimeMs: 240_000 });
    Object.assign(process.env, desktop.env);
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await desktop?.stop();
  });

  it('shows 3 of a 50-incident storm, then one summary naming the rest; one helper at a time', async () => {
    const { clock, stats, desktopNotifier, settled } = stormControlled();
    const before = await desktop.notificationCount();

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => desktopNotifier.show(incident(`StormIncident${i}`))));
    await vi.waitFor(() => expect(stats.running).toBe(0), { timeout: 20_000, interval: 50 });
    expect({ shownByDaemon: (await desktop.notificationCount()) - before, helpersStarted: stats.calls, maxHelpersRunning: stats.maxRunning }).toEqual({ shownByDaemon: 3, helpersStarted: 3, maxHelpersRunning: 1 });
    expect(results.slice(0, 3)).toEqual(Array.from({ length: 3 }, () => ({ shown: true, error: null })));
    expect(results.slice(3)).toEqual(Array.from({ length: 47 }, () => ({ shown: false, error: HELD_BACK })));

    // Once the window has room, ONE summary names the count of what was held back.
    await clock.advanceAsync(10_000);
    await settled(4);
    expect(await desktop.notificationCount()).toBe(before + 4);

    // More incidents later in the storm: two fit the window, the rest update the same summary,
    // which replaces the first one on screen (same tag) instead of stacking a second.
    const later = await Promise.all(Array.from({ length: 10 }, (_, i) => desktopNotifier.show(incident(`StormIncident${50 + i}`))));
    expect(later.filter((r) => r.shown)).toHaveLength(2);
    await clock.advanceAsync(10_000);
    await settled(7);
    expect(await desktop.notificationCount()).toBe(before + 4 + 2);

    // Nothing more is pending: another minute brings no further notification.
    await clock.advanceAsync(60_000);
    expect(clock.pendingTimers()).toBe(0);
    expect(stats.calls).toBe(7);
    expect(stats.maxRunning).toBe(1);

    // dunst keeps a replaced notification's place (its id), so look the summary up by its text.
    const summaries = (await desktop.notificationHistory()).filter((n) => n.summary.endsWith('alarms ringing'));
    expect(summaries).toEqual([
      {
        summary: '55 more alarms ringing',
        body: 'CRITICAL: StormIncident3, CRITICAL: StormIncident4, CRITICAL: StormIncident5 and 52 more',
        appname: 'Vigil',
        urgency: 'critical',
      },
    ]);
  });

  it('lets a re-alarm replace its still-queued request; a summary of warnings is not critical', async () => {
    const { clock, desktopNotifier, settled } = stormControlled();
    // A runs, B waits for the one helper, B again (level 1) takes B's place in the queue.
    const [a, b, bAgain] = await Promise.all([desktopNotifier.show(incident('QueueA', 'normal')), desktopNotifier.show(incident('QueueB', 'normal')), desktopNotifier.show(incident('QueueB', 'normal', 1))]);
    expect(a).toEqual({ shown: true, error: null });
    expect(b).toEqual({ shown: false, error: 'replaced by a newer alarm of the same incident before it was shown' });
    expect(bAgain).toEqual({ shown: true, error: null });
    await settled(2);
    expect((await desktop.notificationHistory()).slice(0, 2).map((n) => n.summary)).toEqual(['WARNING: QueueB (level 1)', 'WARNING: QueueA']);

    // One slot left in this window; the two after it are held and summarised at normal urgency.
    const rest = await Promise.all(['QueueC', 'QueueD', 'QueueE'].map((name) => desktopNotifier.show(incident(name, 'normal'))));
    expect(rest.map((r) => r.shown)).toEqual([true, false, false]);
    await clock.advanceAsync(10_000);
    await settled(4);
    const [summary] = await desktop.notificationHistory();
    expect(summary).toMatchObject({ summary: '2 more alarms ringing', body: 'WARNING: QueueD and WARNING: QueueE', urgency: 'normal' });
  });

  it('reports failures while the daemon is gone and shows again once it is back', async () => {
    const { clock, desktopNotifier, settled } = stormControlled();
    await desktop.stopNotificationDaemon();
    try {
      const during = await Promise.all(['GoneA', 'GoneB', 'GoneC', 'GoneD', 'GoneE'].map((name) => desktopNotifier.show(incident(name))));
      for (const result of during.slice(0, 3)) {
        expect(result.shown).toBe(false);
        expect(result.error).toMatch(/org\.freedesktop\.Notifications|ServiceUnknown/);
      }
      expect(during.slice(3)).toEqual([
        { shown: false, error: HELD_BACK },
        { shown: false, error: HELD_BACK },
      ]);
      await settled(3);
      // The summary's turn comes while the daemon is still gone: tried, failed, kept for later.
      await clock.advanceAsync(10_000);
      await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1), { timeout: 20_000, interval: 50 });
    } finally {
      await desktop.startNotificationDaemon();
    }
    await clock.advanceAsync(10_000);
    await vi.waitFor(async () => expect((await desktop.notificationHistory())[0]).toMatchObject({ summary: '2 more alarms ringing', body: 'CRITICAL: GoneD and CRITICAL: GoneE' }), { timeout: 20_000, interval: 100 });

    // The next alarm after the daemon's return is shown, not stuck behind the outage.
    expect(await desktopNotifier.show(incident('BackAgain'))).toEqual({ shown: true, error: null });
    expect((await desktop.notificationHistory())[0]).toMatchObject({ summary: 'CRITICAL: BackAgain', urgency: 'critical' });
  });
});
