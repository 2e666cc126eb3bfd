import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { parseRequestArgs } from '../shared/ipc-contract.ts';
import { createVigilCore } from './create-vigil-core.ts';
import { systemClock } from './runtime/system-clock.ts';
import { createConfStore } from './settings/conf-store.ts';
import { createEnvSecretStore } from './settings/env-secret-store.ts';
import { startFaultProxy, type FaultProxy } from '../test-fixtures/fault-proxy.ts';
import { startAlertmanager, type RunningAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import type { VigilCore } from './vigil-core.ts';

// Settings changes against the real core of the headless host (conf store on a temp dir, secrets
// from the environment) and a real Alertmanager behind two recording proxies on different ports,
// i.e. two origins: what each one receives is what a thief at a new URL would receive.

const TOKEN = 'tok-from-the-environment';
const TENANT = 'tenant-literal-value';
let alertmanager: RunningAlertmanager;
let home: FaultProxy;
let elsewhere: FaultProxy;
let dir: string;
let core: VigilCore | null = null;

beforeAll(async () => {
  alertmanager = await startAlertmanager();
  home = await startFaultProxy(alertmanager.url);
  elsewhere = await startFaultProxy(alertmanager.url);
  // The Alertmanager client reads {env} refs from the process environment.
  process.env.VIGIL_TEST_SETTINGS_TOKEN = TOKEN;
}, 60_000);

afterAll(async () => {
  delete process.env.VIGIL_TEST_SETTINGS_TOKEN;
  await home.stop();
  await elsewhere.stop();
  await alertmanager.stop();
});

afterEach(async () => {
  await core?.stop();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

async function startHostCore(options: { storedOverlay?: unknown } = {}) {
  dir = mkdtempSync(join(tmpdir(), 'vigil-settings-'));
  const configPath = join(dir, 'vigil.yaml');
  writeFileSync(
    configPath,
    stringify({
      me: { id: 'alex.chen' },
      sources: [{ id: 'am', urls: [home.url], auth: { bearer: { env: 'VIGIL_TEST_SETTINGS_TOKEN' } }, headers: { 'X-Scope-OrgID': TENANT } }],
      poll_interval: '200ms',
    }),
  );
  const store = createConfStore({ cwd: dir });
  if (options.storedOverlay !== undefined) store.set('settingsOverlay', options.storedOverlay);
  core = createVigilCore({
    clock: systemClock,
    notifier: { show: async () => ({ shown: true, error: null }), onAction: () => () => undefined },
    secrets: createEnvSecretStore({}),
    store,
    dataDir: dir,
    configPath,
    env: {},
    homeDir: join(dir, 'home'),
    appRoot: join(import.meta.dirname, '..'),
    openExternal: async () => undefined,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  await core.start();
  return { core, store };
}

/** Polls that reached `proxy` from now on. */
async function nextRequests(proxy: FaultProxy) {
  proxy.requests.length = 0;
  await vi.waitFor(() => expect(proxy.requests.filter((r) => r.path.startsWith('/api/v2/alerts')).length).toBeGreaterThan(1), { timeout: 15_000 });
  return proxy.requests;
}

describe('settings saved from the UI (headless host)', () => {
  it('cannot carry credentials, and a source moved to another origin leaves its credentials behind', async () => {
    const { core } = await startHostCore();
    expect((await nextRequests(home)).every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);

    // The request boundary refuses a patch that names credentials at all.
    expect(() => parseRequestArgs('updateSettings', { sources: [{ id: 'am', urls: [elsewhere.url], auth: { bearer: { env: 'VIGIL_TEST_SETTINGS_TOKEN' } } }] })).toThrow(
      'invalid arguments for updateSettings: sources.0: Unrecognized key: "auth"',
    );

    // The same source id at another origin: polled without the token, still with the plain tenant header.
    const moved = await core.handlers.updateSettings(parseRequestArgs('updateSettings', { sources: [{ id: 'am', urls: [elsewhere.url] }] }));
    expect(moved.sources[0]).toMatchObject({ urls: [elsewhere.url], hasAuth: false, authKind: null });
    const there = await nextRequests(elsewhere);
    expect(there.map((r) => r.headers.authorization)).toEqual(there.map(() => undefined));
    expect(there.every((r) => r.headers['x-scope-orgid'] === TENANT)).toBe(true);

    // Back at the origin the file names (a path prefix makes no difference), the file's token applies again.
    await core.handlers.updateSettings(parseRequestArgs('updateSettings', { sources: [{ id: 'am', urls: [`${home.url}/`], receiver: 'vigil-oncall' }] }));
    const back = await nextRequests(home);
    expect(back.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(back.some((r) => r.path.includes('receiver=vigil-oncall'))).toBe(true);
  });

  it('are written owner-only, holding only what the UI shows: nothing copied from the config file', async () => {
    const { core, store } = await startHostCore();
    await core.handlers.updateSettings(parseRequestArgs('updateSettings', { sources: [{ id: 'am', urls: [home.url], receiver: 'vigil-oncall' }], poll_interval: '300ms' }));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const text = readFileSync(store.path, 'utf8');
    expect(text).not.toContain(TENANT);
    expect(text).not.toContain('VIGIL_TEST_SETTINGS_TOKEN');
    expect(JSON.parse(text).settingsOverlay).toEqual({ sources: [{ id: 'am', urls: [home.url], receiver: 'vigil-oncall', filter: [] }], poll_interval: '300ms' });
    // The file's header and token still apply: they are merged from the file, not stored.
    expect((await nextRequests(home)).every((r) => r.headers.authorization === `Bearer ${TOKEN}` && r.headers['x-scope-orgid'] === TENANT)).toBe(true);
  });

  it('written by an older version are cleaned at start: copied headers and auth leave the disk', async () => {
    const legacy = { sources: [{ id: 'am', urls: [home.url], filter: [], auth: { bearer: { env: 'VIGIL_TEST_SETTINGS_TOKEN' } }, headers: { Authorization: 'Bearer legacy-literal-token' }, timeout: 10_000 }] };
    await startHostCore({ storedOverlay: legacy });
    const text = readFileSync(join(dir, 'vigil-state.json'), 'utf8');
    expect(text).not.toContain('legacy-literal-token');
    expect(JSON.parse(text).settingsOverlay).toEqual({ sources: [{ id: 'am', urls: [home.url], filter: [] }] });
    expect(statSync(join(dir, 'vigil-state.json')).mode & 0o777).toBe(0o600);
    expect((await nextRequests(home)).every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('cannot save a secret: the host says it keeps secrets in environment variables, and changes nothing', async () => {
    const { core, store } = await startHostCore();
    // The store as settings see it: the engine saves its own state there after every poll (200 ms here),
    // so the file may first appear between the two reads; a file not yet written holds no settings.
    const stored = () => {
      if (!existsSync(store.path)) return { text: '', settings: {} };
      const text = readFileSync(store.path, 'utf8');
      const { engineState: _engine, ...settings } = JSON.parse(text) as Record<string, unknown>;
      return { text, settings };
    };
    const before = stored();
    const request = parseRequestArgs('setSourceCredential', { sourceId: 'am', credential: { bearer: 'typed-in-settings' } });
    await expect(core.handlers.setSourceCredential(request)).rejects.toThrow(
      'the headless host keeps secrets in environment variables only and cannot save secret "source.am.bearer": set the environment variable VIGIL_SECRET_SOURCE_AM_BEARER',
    );
    const after = stored();
    expect(after.settings).toEqual(before.settings);
    expect(after.text).not.toContain('typed-in-settings');
    expect((await core.handlers.getSettings({})).sources[0]).toMatchObject({ hasAuth: true, authKind: 'bearer' });
  });
});
