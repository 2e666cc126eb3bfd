import Conf from 'conf';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { createVigilCore } from '../core/create-vigil-core.ts';
import { systemClock } from '../core/runtime/system-clock.ts';
import { startFaultProxy, type FaultProxy } from '../test-fixtures/fault-proxy.ts';
import { startAlertmanager, type RunningAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import type { VigilCore } from '../core/vigil-core.ts';
import type { SettingsView } from '../shared/ipc-contract.ts';
import { ipcChannel, VIGIL_REQUEST_NAMES } from '../shared/ipc-contract.ts';
import { openElectronKvStore, type BackingStoreOptions } from './electron-kv-store.ts';
import { registerIpcHandlers, type IpcMainLike } from './ipc-handlers.ts';
import { createSafeStorageSecretStore } from './safe-storage-secrets.ts';
import * as fake from '../test-fixtures/electron/fake-electron.ts';
import { createFakeKeychain } from '../test-fixtures/electron/fake-keychain.ts';
import { createSenderTrust } from './trusted-sender.ts';

// The desktop app's write-only path for a credential typed in Settings, wired as main.ts wires it:
// IPC (sender check, argument schema) -> core -> SecretStore on safeStorage (the fake electron's,
// with a keychain stand-in) over electron-store's engine (conf) in a temp user-data directory,
// polling a real Alertmanager through recording proxies.

const APP_URL = 'app://vigil/index.html';
const TOKEN = 'tok-typed-in-settings';
const ourWindow = { id: 1 };
let alertmanager: RunningAlertmanager;
let proxy: FaultProxy;
let elsewhere: FaultProxy;
let userData: string;
let core: VigilCore;

const invoke = (name: string, args: unknown) => {
  const handler = fake.ipcMain.handlers.get(ipcChannel(name as 'getSettings'));
  if (!handler) throw new Error(`no handler for ${name}`);
  return Promise.resolve(handler({ sender: ourWindow, senderFrame: { url: APP_URL, parent: null } }, args));
};

async function nextPolls(target: FaultProxy) {
  target.requests.length = 0;
  await vi.waitFor(() => expect(target.requests.filter((r) => r.path.startsWith('/api/v2/alerts')).length).toBeGreaterThan(1), { timeout: 15_000 });
  return target.requests;
}

beforeAll(async () => {
  alertmanager = await startAlertmanager();
  proxy = await startFaultProxy(alertmanager.url);
  elsewhere = await startFaultProxy(alertmanager.url);
  userData = mkdtempSync(path.join(tmpdir(), 'vigil-user-data-'));
  const configPath = path.join(userData, 'vigil.yaml');
  writeFileSync(configPath, stringify({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [proxy.url] }], poll_interval: '200ms' }));

  fake.safeStorage.keychain = createFakeKeychain().safeStorage;
  const open = ({ name, ...options }: BackingStoreOptions) => new Conf<Record<string, unknown>>({ ...options, configName: name, cwd: userData });
  core = createVigilCore({
    clock: systemClock,
    notifier: { show: async () => ({ shown: true, error: null }), onAction: () => () => undefined },
    secrets: createSafeStorageSecretStore({ safeStorage: fake.safeStorage, store: openElectronKvStore(open, 'vigil-secrets').kv, platform: process.platform }),
    store: openElectronKvStore(open, 'vigil-state').kv,
    dataDir: userData,
    configPath,
    env: {},
    homeDir: path.join(userData, 'home'),
    appRoot: path.resolve(import.meta.dirname, '..'),
    openExternal: async () => undefined,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  registerIpcHandlers({
    // The fake records listeners loosely typed, as Electron's own ipcMain does.
    ipcMain: fake.ipcMain as unknown as IpcMainLike,
    handlers: core.handlers,
    isTrustedSender: createSenderTrust({ isAppUrl: (url) => url === APP_URL, isOwnWebContents: (contents) => contents === ourWindow }),
  });
  await core.start();
}, 60_000);

afterAll(async () => {
  await core.stop();
  fake.safeStorage.keychain = null;
  await proxy.stop();
  await elsewhere.stop();
  await alertmanager.stop();
  rmSync(userData, { recursive: true, force: true });
});

describe('setting a source credential in the desktop app', () => {
  it('stores it encrypted, answers only that one is set, and sends it to the source', async () => {
    expect((await nextPolls(proxy)).every((r) => r.headers.authorization === undefined)).toBe(true);

    const view = (await invoke('setSourceCredential', { sourceId: 'am', credential: { bearer: TOKEN } })) as SettingsView;
    expect(view.sources[0]).toMatchObject({ id: 'am', hasAuth: true, authKind: 'bearer' });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect((await nextPolls(proxy)).every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);

    // On disk: ciphertext in the secrets file, a reference in the settings; both owner-only.
    const secretsFile = path.join(userData, 'vigil-secrets.json');
    const stateFile = path.join(userData, 'vigil-state.json');
    for (const file of [secretsFile, stateFile]) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(Object.keys(JSON.parse(readFileSync(secretsFile, 'utf8')))).toContain('secret:source.am.bearer');
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).settingsOverlay.sources).toEqual([{ id: 'am', urls: [proxy.url], filter: [], auth: { bearer: { secret: 'source.am.bearer' } } }]);
  });

  it('offers no way to read a secret back', async () => {
    expect(VIGIL_REQUEST_NAMES.filter((name) => /secret|credential|password|token/i.test(name))).toEqual(['setSourceCredential']);
    for (const name of ['getSettings', 'getSnapshot'] as const) expect(JSON.stringify(await invoke(name, {}))).not.toContain(TOKEN);
    // The request may not name the key: the core picks it from the source id.
    await expect(invoke('setSourceCredential', { sourceId: 'am', key: 'source.other.bearer', credential: { bearer: 'x' } })).rejects.toThrow('invalid arguments for setSourceCredential');
  });

  it('forgets the credential when the source moves to another origin, and takes a basic password', async () => {
    await expect(invoke('updateSettings', { sources: [{ id: 'am', urls: [elsewhere.url], auth: { bearer: { secret: 'source.am.bearer' } } }] })).rejects.toThrow(
      'invalid arguments for updateSettings: sources.0: Unrecognized key: "auth"',
    );
    const moved = (await invoke('updateSettings', { sources: [{ id: 'am', urls: [elsewhere.url] }] })) as SettingsView;
    expect(moved.sources[0]).toMatchObject({ hasAuth: false, authKind: null });
    expect((await nextPolls(elsewhere)).every((r) => r.headers.authorization === undefined)).toBe(true);

    await invoke('setSourceCredential', { sourceId: 'am', credential: { basic: { username: 'vigil', password: 'pw-typed' } } });
    expect((await nextPolls(elsewhere)).every((r) => r.headers.authorization === `Basic ${Buffer.from('vigil:pw-typed').toString('base64')}`)).toBe(true);
    await expect(invoke('setSourceCredential', { sourceId: 'nope', credential: { bearer: 'x' } })).rejects.toThrow('no saved source "nope"');
  });
});
