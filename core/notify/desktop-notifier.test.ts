import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { TimerHandle } from '../../shared/clock.ts';
import { startDesktopSession } from '../../test-fixtures/desktop-session.ts';
import type { DesktopSession } from '../../test-fixtures/desktop-session.ts';
import { createDesktopNotifier, notificationTag } from './desktop-notifier.ts';
import type { NodeNotifierLike } from './desktop-notifier.ts';
import { interpretNotifierResponse } from './notifier-response.ts';

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

describe('desktop notifier through node-notifier -> notify-send -> dunst', () => {
  let desktop: DesktopSession;
  const saved = { DISPLAY: process.env.DISPLAY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS };

  beforeAll(async () => {
    desktop = await startDesktopSession({ lifetimeMs: 180_000 });
    // node-notifier starts notify-send with process.env: point it at the private desktop.
    Object.assign(process.env, desktop.env);
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await desktop?.stop();
  });

  it('shows hostile alert text as inert, capped, escaped literal text', async () => {
    const notifier = createDesktopNotifier({ platform: 'linux' });
    const before = await desktop.notificationCount();
    const canaryDir = mkdtempSync(join(tmpdir(), 'vigil-canary-'));
    onTestFinished(() => rmSync(canaryDir, { recursive: true, force: true }));
    // Shell metacharacters in alert text must reach notify-send as text, never run as commands.
    const canary = join(canaryDir, 'pwned');
    const result = await notifier.show({
      incidentKey: 'HighApiErrorRate|prod',
      title: `CRITICAL: \u202Eexe.tnemhcatta\u202C <b>bold?</b> $(touch ${canary})`,
      body: `<img src=x onerror=alert(1)><script>alert(2)</script> & \u2066isolated\u2069 "quoted" \`touch ${canary}\` ${'A'.repeat(5000)}`,
      urgency: 'critical',
      ackAction: true,
    });
    expect(result).toEqual({ shown: true, error: null });
    expect(await desktop.notificationCount()).toBe(before + 1);

    const [latest] = await desktop.notificationHistory();
    expect(latest).toBeDefined();
    expect(latest!.appname).toBe('Vigil');
    expect(latest!.urgency).toBe('critical');
    // The summary is plain text by the spec (dunst escapes it itself), so it arrives verbatim minus bidi controls;
    // the shell metacharacters reached notify-send as text, not as commands.
    expect(latest!.summary).toBe(`CRITICAL: exe.tnemhcatta <b>bold?</b> $(touch ${canary})`);
    expect(existsSync(canary)).toBe(false);
    expect(latest!.body.startsWith(`&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt; &amp; isolated "quoted" \`touch ${canary}\` AAAA`)).toBe(true);
    expect(latest!.body).not.toMatch(/<script|<img/);
    expect(`${latest!.summary}${latest!.body}`).not.toMatch(BIDI);
    expect(latest!.body.endsWith('A\u2026')).toBe(true);
    expect([...latest!.body.replace(/&(amp|lt|gt);/g, '_')]).toHaveLength(400);
  });

  it('replaces the notification of the same incident instead of stacking a second one', async () => {
    const notifier = createDesktopNotifier({ platform: 'linux' });
    const before = await desktop.notificationCount();
    const ring = (level: number) => notifier.show({ incidentKey: 'WeaviateDown|prod', title: `CRITICAL: WeaviateDown (level ${level})`, body: 'ack within 2m', urgency: 'critical', ackAction: true });
    expect(await ring(0)).toEqual({ shown: true, error: null });
    expect(await ring(1)).toEqual({ shown: true, error: null });
    expect(await desktop.notificationCount()).toBe(before + 1);
    const other = await notifier.show({ incidentKey: 'HighLLMLatency|prod', title: 'WARNING: HighLLMLatency', body: '', urgency: 'normal', ackAction: false });
    expect(other.shown).toBe(true);
    expect(await desktop.notificationCount()).toBe(before + 2);
    const history = await desktop.notificationHistory();
    expect(history.slice(0, 2).map((n) => [n.summary, n.urgency])).toEqual(
      expect.arrayContaining([
        ['CRITICAL: WeaviateDown (level 1)', 'critical'],
        ['WARNING: HighLLMLatency', 'normal'],
      ]),
    );
  });

  it('shows text that starts with a dash (notify-send would read it as an option)', async () => {
    const notifier = createDesktopNotifier({ platform: 'linux' });
    const result = await notifier.show({ incidentKey: 'dash', title: '--version', body: '-u low', urgency: 'low', ackAction: false });
    expect(result).toEqual({ shown: true, error: null });
    const [latest] = await desktop.notificationHistory();
    expect(latest).toMatchObject({ summary: ' --version', body: ' -u low', urgency: 'low' });
  });

  it('reports a notification that cannot be delivered instead of throwing', async () => {
    const notifier = createDesktopNotifier({ platform: 'linux' });
    const good = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/vigil-test-bus';
    try {
      const result = await notifier.show({ incidentKey: 'k', title: 'unreachable', body: 'no daemon', urgency: 'critical', ackAction: true });
      expect(result.shown).toBe(false);
      expect(result.error).toMatch(/notify-send/);
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = good;
    }
  });
});

/** Timers that fire only when the test says so. */
function manualTimers() {
  let pending: Array<{ at: number; fn: () => void; handle: TimerHandle }> = [];
  let now = 0;
  return {
    setTimeout(fn: () => void, ms: number): TimerHandle {
      const handle = {} as TimerHandle;
      pending.push({ at: now + ms, fn, handle });
      return handle;
    },
    clearTimeout(handle: TimerHandle) {
      pending = pending.filter((timer) => timer.handle !== handle);
    },
    advance(ms: number) {
      now += ms;
      const due = pending.filter((timer) => timer.at <= now);
      pending = pending.filter((timer) => timer.at > now);
      for (const timer of due) timer.fn();
    },
  };
}

describe('desktop notifier on platforms with actions (injected node-notifier)', () => {
  function recordingNotifier() {
    const calls: Array<{ options: Record<string, unknown>; callback: (error: Error | string | null, response?: unknown, metadata?: unknown) => void }> = [];
    const notifier: NodeNotifierLike = {
      notify(options, callback) {
        calls.push({ options, callback: callback! });
      },
    };
    return { notifier, calls };
  }

  it('offers Acknowledge on macOS, groups by incident and maps the answer to onAction', async () => {
    const timers = manualTimers();
    const { notifier, calls } = recordingNotifier();
    const desktopNotifier = createDesktopNotifier({ notifier, platform: 'darwin', clock: timers });
    const actions: Array<[string, string]> = [];
    const unsubscribe = desktopNotifier.onAction((key, action) => actions.push([key, action]));

    const shown = desktopNotifier.show({ incidentKey: 'HighApiErrorRate|prod', title: 'CRITICAL <x>', body: 'a & b', urgency: 'critical', ackAction: true });
    expect(calls[0]?.options).toMatchObject({ title: 'CRITICAL <x>', message: 'a & b', actions: ['Acknowledge'], wait: true, group: notificationTag('HighApiErrorRate|prod') });
    timers.advance(1_500);
    expect(await shown).toEqual({ shown: true, error: null });

    calls[0]!.callback(null, 'activate', { activationType: 'actionClicked', activationValue: 'Acknowledge' });
    expect(actions).toEqual([['HighApiErrorRate|prod', 'acknowledge']]);

    void desktopNotifier.show({ incidentKey: 'other', title: 't', body: 'b', urgency: 'normal', ackAction: false });
    expect(calls[1]?.options.actions).toBeUndefined();
    calls[1]!.callback(null, 'activate', { activationType: 'contentsClicked' });
    calls[1]!.callback(null, 'timeout', {});
    expect(actions).toEqual([
      ['HighApiErrorRate|prod', 'acknowledge'],
      ['other', 'clicked'],
    ]);
    unsubscribe();
    calls[1]!.callback(null, 'activate', {});
    expect(actions).toHaveLength(2);
  });

  it('resolves with the error when the helper fails, throws, or never answers', async () => {
    const timers = manualTimers();
    const failing: NodeNotifierLike = { notify: (_options, callback) => callback?.(new Error('SnoreToast not found')) };
    expect(await createDesktopNotifier({ notifier: failing, platform: 'win32', clock: timers }).show({ incidentKey: 'k', title: 't', body: 'b', urgency: 'normal', ackAction: true })).toEqual({ shown: false, error: 'SnoreToast not found' });

    const throwing: NodeNotifierLike = {
      notify() {
        throw new TypeError('bad options');
      },
    };
    expect(await createDesktopNotifier({ notifier: throwing, platform: 'linux', clock: timers }).show({ incidentKey: 'k', title: 't', body: 'b', urgency: 'low', ackAction: false })).toEqual({ shown: false, error: 'bad options' });

    const silent: NodeNotifierLike = { notify: () => undefined };
    const pending = createDesktopNotifier({ notifier: silent, platform: 'linux', clock: timers, showTimeoutMs: 10_000 }).show({ incidentKey: 'k', title: 't', body: 'b', urgency: 'low', ackAction: false });
    timers.advance(10_000);
    expect(await pending).toEqual({ shown: false, error: 'no answer from the notification helper within 10000 ms' });
  });

  it('passes notify-send urgency, app name, a per-incident tag and escaped body on Linux', async () => {
    const { notifier, calls } = recordingNotifier();
    const shown = createDesktopNotifier({ notifier, platform: 'linux', clock: manualTimers() }).show({ incidentKey: 'a|b', title: 'T & <t>', body: '<b>x</b>', urgency: 'critical', ackAction: true });
    calls[0]!.callback('', '');
    expect(await shown).toEqual({ shown: true, error: null });
    expect(calls[0]?.options).toEqual({
      title: 'T & <t>',
      message: '&lt;b&gt;x&lt;/b&gt;',
      urgency: 'critical',
      'app-name': 'Vigil',
      hint: `string:x-canonical-private-synchronous:${notificationTag('a|b')}`,
      timeout: 0,
    });
    expect(notificationTag('a|b')).not.toBe(notificationTag('a|c'));
  });
});

describe('interpretNotifierResponse', () => {
  it.each([
    ['activate', { activationType: 'actionClicked', activationValue: 'Acknowledge' }, 'acknowledge'],
    ['acknowledge', { button: 'Acknowledge' }, 'acknowledge'],
    ['activate', { activationType: 'contentsClicked' }, 'clicked'],
    ['timeout', {}, 'timeout'],
    ['dismissed', undefined, 'dismissed'],
    ['', undefined, null],
    [undefined, null, null],
  ])('%s %j -> %s', (response, metadata, expected) => {
    expect(interpretNotifierResponse(response, metadata)).toBe(expected);
  });
});
