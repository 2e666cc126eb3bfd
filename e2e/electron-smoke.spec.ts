import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDesktopSession } from '../test-fixtures/desktop-session.ts';
import type { DesktopSession } from '../test-fixtures/desktop-session.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { VIGIL_REQUEST_NAMES } from '../shared/ipc-contract.ts';
import type { VigilApi } from '../shared/ipc-contract.ts';
import type { VigilTestHook } from '../electron/e2e-hook.ts';
import { trayIconState } from '../electron/tray-icon-state.ts';
import { findElectronBinary } from '../scripts/electron-binary.ts';

// The real Electron app, end to end: built main + preload + renderer, the demo scenario (no config,
// an empty HOME), its own user-data dir and a private X/D-Bus desktop. Readiness is what the app
// says (body[data-vigil-ready]), never a sleep.
//
// The Electron binary is not on every machine: Electron downloads it on first start, which CI never
// does and an offline machine cannot. The test skips, saying why, when it is missing. It finds the
// binary the way `npm start` does (scripts/electron-binary.ts reads the electron package's
// path.txt), deliberately not through require('electron'), which would start that download.

const found = findElectronBinary();
const binary = found.found ? { path: found.path } : { missing: found.problem };
const mainBundle = path.resolve('dist/electron/main.js');

type VigilWindow = { vigil: VigilApi };

test.describe('Electron app', () => {
  test.skip('missing' in binary, `Electron binary not installed: ${'missing' in binary ? binary.missing : ''}`);

  let desktop: DesktopSession;
  let app: ElectronApplication;
  let profile: string;

  test.beforeEach(async () => {
    expect(existsSync(mainBundle), `${mainBundle} is missing: run \`npm run build\` first`).toBe(true);
    profile = mkdtempSync(path.join(tmpdir(), 'vigil-electron-'));
    desktop = await startDesktopSession();
    // Launch the project directory (as `electron .` does): package.json's main is the built
    // bundle, and app.getAppPath() is the project root where the demo's examples/ live.
    const args = [path.resolve('.'), `--user-data-dir=${path.join(profile, 'user-data')}`];
    // Chromium refuses to start as root with its OS sandbox (CI containers run as root).
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args,
      env: {
        ...process.env,
        ...desktop.env,
        // An empty HOME: no amtool config to discover, so the core runs the built-in demo.
        HOME: profile,
        XDG_CONFIG_HOME: path.join(profile, 'config'),
        VIGIL_CONFIG: '',
        VITE_DEV_SERVER_URL: '',
        VIGIL_E2E: '1',
      },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await desktop?.stop();
    rmSync(profile, { recursive: true, force: true });
  });

  async function mainWindow(): Promise<Page> {
    // The alarm window (#/alarm) may open too; the main window is the other one.
    await expect.poll(() => app.windows().some((w) => !w.url().includes('#/alarm'))).toBe(true);
    return app.windows().find((w) => !w.url().includes('#/alarm')) as Page;
  }

  const hook = <K extends keyof VigilTestHook>(name: K) =>
    app.evaluate((_electron, key) => (globalThis as unknown as Record<string, VigilTestHook>).__vigilTest?.[key as K](), name) as Promise<ReturnType<VigilTestHook[K]>>;

  const snapshot = (page: Page) => page.evaluate(() => (globalThis as unknown as VigilWindow).vigil.getSnapshot({})) as Promise<AppSnapshot>;

  test('opens a locked-down window and a tray, and acks an incident over IPC', async () => {
    const page = await mainWindow();
    await page.waitForSelector('body[data-vigil-ready="true"]', { state: 'attached' });
    expect(await hook('windowCount')).toBeGreaterThanOrEqual(1);
    // Served by the vigil:// scheme (electron/app-protocol.ts), not from file://.
    expect(page.url()).toBe('vigil://app/index.html');

    // The renderer reaches the core only through window.vigil: no Node, no require, no ipcRenderer.
    const surface = await page.evaluate(() => ({
      keys: Object.keys((globalThis as unknown as VigilWindow).vigil).sort(),
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
    }));
    expect(surface).toEqual({ keys: [...VIGIL_REQUEST_NAMES, 'on'].sort(), require: 'undefined', process: 'undefined' });

    // The demo's critical alerts ring; the tray shows what the snapshot says.
    await expect.poll(async () => (await snapshot(page)).incidents.some((i) => i.state === 'firing' && i.alarm !== null)).toBe(true);
    const before = await snapshot(page);
    expect(before.demo).toBe(true);
    await expect.poll(() => hook('trayState')).toBe(trayIconState(await snapshot(page)));
    // The demo's alarms are critical = loud, so the always-on-top alarm window is up.
    await expect.poll(() => hook('alarmWindowOpen')).toBe(true);

    const target = before.incidents.find((i) => i.state === 'firing' && i.alarm !== null);
    const result = await page.evaluate((incidentKey) => (globalThis as unknown as VigilWindow).vigil.ackIncident({ incidentKey, via: 'window' }), target?.key ?? '');
    expect(result).toMatchObject({ ok: true, error: null });
    await expect.poll(async () => (await snapshot(page)).incidents.find((i) => i.key === target?.key)?.state).toBe('acked');

    // Invalid arguments are refused in the main process with a message naming the field.
    const refused = await page.evaluate(() =>
      (globalThis as unknown as VigilWindow).vigil.ackIncident({ incidentKey: '', via: 'window' }).then(
        () => 'accepted',
        (error: Error) => error.message,
      ),
    );
    expect(refused).toContain('invalid arguments for ackIncident: incidentKey');
  });
});
