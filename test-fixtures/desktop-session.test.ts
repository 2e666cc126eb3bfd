import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesktopSession } from './desktop-session.ts';
import type { DesktopSession } from './desktop-session.ts';

const run = promisify(execFile);
let desktop: DesktopSession;

beforeAll(async () => {
  desktop = await startDesktopSession({ lifetimeMs: 120_000 });
});
afterAll(async () => {
  await desktop?.stop();
});

describe('desktop session fixture', () => {
  it('runs a private dunst that receives notify-send notifications, with urgency', async () => {
    expect(desktop.env.DISPLAY).toMatch(/^:\d+$/);
    expect(desktop.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:path=/);
    expect(await desktop.notificationCount()).toBe(0);
    const env = { ...process.env, ...desktop.env };
    await run('notify-send', ['--app-name=fixture', '--urgency=critical', 'hello', 'world'], { env });
    await run('notify-send', ['--urgency=low', 'second', 'quiet'], { env });
    expect(await desktop.notificationCount()).toBe(2);
    const history = await desktop.notificationHistory();
    expect(history).toEqual([
      { summary: 'second', body: 'quiet', appname: 'notify-send', urgency: 'low' },
      { summary: 'hello', body: 'world', appname: 'fixture', urgency: 'critical' },
    ]);
  });

  it('stops its processes and refuses connections afterwards', async () => {
    const session = await startDesktopSession({ lifetimeMs: 60_000 });
    const env = { ...process.env, ...session.env };
    await session.stop();
    await expect(run('notify-send', ['gone'], { env, timeout: 5_000 })).rejects.toThrow();
  });
});
