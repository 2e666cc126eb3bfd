import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { ipcChannel, VIGIL_REQUEST_NAMES } from '../shared/ipc-contract.ts';
import type { VigilTestHook } from './e2e-hook.ts';
import * as fake from '../test-fixtures/electron/fake-electron.ts';

// The composition root, run for real under Node with the real core (demo scenario, no config) and
// a fake 'electron' module: does main.ts wire IPC, windows, tray and quit the way the unit-tested
// modules expect? The Electron binary itself is exercised by e2e/electron-smoke.spec.ts when present.

vi.mock('electron', async () => await import('../test-fixtures/electron/fake-electron.ts'));
// electron-store loads the real 'electron' from node_modules (outside vitest's module graph), so
// it is replaced by its engine, conf, in the fake user-data directory.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  const electronFake = await import('../test-fixtures/electron/fake-electron.ts');
  class ConfInUserData extends Conf<Record<string, unknown>> {
    constructor(options: { name: string; accessPropertiesByDotNotation: boolean; clearInvalidConfig: boolean }) {
      const { name, ...rest } = options;
      super({ ...rest, configName: name, cwd: electronFake.app.getPath('userData') });
    }
  }
  return { default: ConfInUserData };
});

const rendererUrl = 'vigil://app/index.html';
let home: string;
const saved = { argv: process.argv, env: { ...process.env } };

const mainWindow = () => fake.FakeBrowserWindow.instances[0] as fake.FakeBrowserWindow;
const hook = () => (globalThis as unknown as { __vigilTest: VigilTestHook }).__vigilTest;
const invoke = (name: string, args: unknown, event = { sender: mainWindow().webContents, senderFrame: { url: rendererUrl, parent: null } }) => {
  const handler = fake.ipcMain.handlers.get(ipcChannel(name as 'getSnapshot'));
  if (!handler) throw new Error(`no handler for ${name}`);
  return Promise.resolve(handler(event, args));
};
const snapshot = async () => (await invoke('getSnapshot', {})) as AppSnapshot;

type MenuItem = { label?: string; submenu?: MenuItem[]; click?: () => void };
function menuItem(items: MenuItem[], ...labels: Array<string | ((label: string) => boolean)>): MenuItem {
  let found: MenuItem | undefined;
  for (const label of labels) {
    found = items.find((i) => (typeof label === 'string' ? i.label === label : label(i.label ?? '')));
    if (!found) throw new Error(`no menu item ${String(label)} among ${items.map((i) => i.label).join(' | ')}`);
    items = found.submenu ?? [];
  }
  return found as MenuItem;
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'vigil-main-'));
  process.argv = ['electron', 'dist/electron/main.js', `--user-data-dir=${path.join(home, 'user-data')}`];
  // An empty home: no amtool config to discover, so the core runs the built-in demo.
  process.env.HOME = home;
  process.env.VIGIL_E2E = '1';
  delete process.env.VIGIL_CONFIG;
  // The real desktop notifier runs; keep it off any desktop session the developer has open.
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
  process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(home, 'no-bus')}`;
  await import('./main.ts');
  // main.ts has given vigil:// its privileges by now, before the app is ready (the fake, like
  // Electron, refuses it later); it may only serve it once ready.
  expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['vigil']);
  expect(fake.protocol.handlers.size).toBe(0);
  fake.app.makeReady();
  await vi.waitFor(() => expect(typeof hook()?.trayState).toBe('function'), { timeout: 20_000 });
});

afterAll(() => {
  process.argv = saved.argv;
  process.env = saved.env;
  rmSync(home, { recursive: true, force: true });
});

describe('main.ts wiring', () => {
  it('applies --user-data-dir before anything reads it', () => {
    expect(fake.app.getPath('userData')).toBe(path.join(home, 'user-data'));
  });

  it('registers one IPC handler per contract entry and hardens the session', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(VIGIL_REQUEST_NAMES.map((n) => ipcChannel(n)).sort());
    expect(fake.session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(fake.session.defaultSession.headersListener).toBeTypeOf('function');
  });

  it('opens a sandboxed main window on vigil://app/index.html and guards its webContents', () => {
    const window = mainWindow();
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.loads).toEqual([rendererUrl]);
    expect(window.webContents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    let prevented = false;
    window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('serves the renderer folder next to the main bundle under vigil://app/, with the CSP, and nothing outside it', async () => {
    // Under vitest the "main bundle" is electron/main.ts, so the renderer folder is the source renderer/.
    const serve = fake.protocol.handlers.get('vigil');
    expect(serve).toBeTypeOf('function');
    const page = await serve?.(new Request(rendererUrl));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page?.text()).toContain('<div id="root">');
    expect((await serve?.(new Request('vigil://app/..%2Fpackage.json')))?.status).toBe(404);
  });

  it('serves the demo snapshot to our renderer and refuses a foreign sender', async () => {
    await vi.waitFor(async () => expect((await snapshot()).demo).toBe(true), { timeout: 20_000 });
    await expect(invoke('getSnapshot', {}, { sender: mainWindow().webContents, senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow('untrusted sender');
    // The page the windows loaded before vigil:// is no longer trusted.
    await expect(invoke('getSnapshot', {}, { sender: mainWindow().webContents, senderFrame: { url: `file://${path.resolve('renderer/index.html')}`, parent: null } })).rejects.toThrow('untrusted sender');
    await expect(invoke('ackIncident', { incidentKey: '' })).rejects.toThrow('invalid arguments for ackIncident');
  });

  it('shows ringing demo alarms in the tray and the always-on-top alarm window, and pushes snapshots to windows', async () => {
    await vi.waitFor(async () => expect((await snapshot()).incidents.some((i) => i.state === 'firing' && i.alarm?.loud)).toBe(true), { timeout: 20_000 });
    await vi.waitFor(() => expect(hook().trayState()).toBe('unacked'));
    expect(hook().alarmWindowOpen()).toBe(true);
    const alarm = fake.FakeBrowserWindow.instances.find((w) => w.loads[0] === `${rendererUrl}?window=alarm#/alarm`);
    expect(alarm?.alwaysOnTop).toBe(true);
    expect(mainWindow().webContents.sent.some((m) => m.channel === 'vigil:snapshot')).toBe(true);
    // The alarm window is ours too: it may call the core.
    await expect(invoke('getSnapshot', {}, { sender: alarm?.webContents as fake.FakeWebContents, senderFrame: { url: `${rendererUrl}?window=alarm#/alarm`, parent: null } })).resolves.toMatchObject({ demo: true });
  });

  it('acknowledges an incident from the tray menu through the core', async () => {
    const tray = fake.FakeTray.instances[0] as fake.FakeTray;
    const target = (await snapshot()).incidents.find((i) => i.state === 'firing' && i.alarm !== null);
    expect(target).toBeDefined();
    const title = target?.title ?? '';
    menuItem(tray.menu?.template as MenuItem[], (label: string) => label.includes(title), 'Acknowledge').click?.();
    await vi.waitFor(async () => expect((await snapshot()).incidents.find((i) => i.key === target?.key)?.state).toBe('acked'), { timeout: 20_000 });
    expect((await snapshot()).incidents.find((i) => i.key === target?.key)?.ack?.via).toBe('tray');
  });

  it('hides the main window on close and stops the core before exiting on quit', async () => {
    const window = mainWindow();
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.app.quitCount).toBe(2);
  });
});
