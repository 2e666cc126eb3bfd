import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfStore } from './conf-store.ts';
import { createEnvSecretStore, secretEnvName } from './env-secret-store.ts';
import { resolveSecretRef } from './resolve-secret-ref.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('conf-backed key-value store', () => {
  it('persists to <cwd>/vigil-state.json (as the app does) and reads back in a new instance', () => {
    const store = createConfStore({ cwd: dir });
    expect(store.get('settings.overlay')).toBeUndefined();
    store.set('settings.overlay', { poll_interval: '30s' });
    store.set('window', { width: 1200, height: 800 });
    expect(store.path).toBe(join(dir, 'vigil-state.json'));
    // Dotted keys stay flat, as in the app's electron-store: incident keys contain dots.
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ 'settings.overlay': { poll_interval: '30s' }, window: { width: 1200, height: 800 } });

    const again = createConfStore({ cwd: dir });
    expect(again.get('settings.overlay')).toEqual({ poll_interval: '30s' });
    again.set('window', undefined);
    expect(createConfStore({ cwd: dir }).get('window')).toBeUndefined();
  });

  it('refuses a corrupt file instead of wiping it, and refuses reserved keys', () => {
    writeFileSync(join(dir, 'vigil-state.json'), '{"half":');
    expect(() => createConfStore({ cwd: dir })).toThrow();
    expect(readFileSync(join(dir, 'vigil-state.json'), 'utf8')).toBe('{"half":');
    expect(() => createConfStore({ cwd: dir, name: 'other' }).set('__internal__', 1)).toThrow(/reserved/);
  });

  it('writes its file owner-only (0600), and makes a file an older version left readable owner-only at open', () => {
    const store = createConfStore({ cwd: dir });
    store.set('settingsOverlay', { me: { id: 'alex.chen' } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    chmodSync(store.path, 0o644);
    createConfStore({ cwd: dir });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('keeps separately named stores apart', () => {
    createConfStore({ cwd: dir, name: 'state' }).set('k', 1);
    expect(createConfStore({ cwd: dir }).get('k')).toBeUndefined();
    expect(createConfStore({ cwd: dir, name: 'state' }).get('k')).toBe(1);
  });
});

describe('environment secret store', () => {
  it('reads VIGIL_SECRET_<KEY> with the key upper-cased and non-alphanumerics as _', async () => {
    expect(secretEnvName('prod.am-token')).toBe('VIGIL_SECRET_PROD_AM_TOKEN');
    const secrets = createEnvSecretStore({ VIGIL_SECRET_PROD_AM_TOKEN: 's3cr3t', VIGIL_SECRET_EMPTY: '' });
    expect(await secrets.get('prod.am-token')).toBe('s3cr3t');
    expect(await secrets.get('empty')).toBeNull();
    expect(await secrets.get('other')).toBeNull();
  });

  it('refuses to store a secret and says which variable to set', async () => {
    await expect(createEnvSecretStore({}).set('prod token', 'x')).rejects.toThrow(
      'the headless host keeps secrets in environment variables only and cannot save secret "prod token": set the environment variable VIGIL_SECRET_PROD_TOKEN',
    );
  });
});

describe('resolveSecretRef', () => {
  const secrets = createEnvSecretStore({ VIGIL_SECRET_AM_PASSWORD: 'pw' });

  it('resolves {env} and {secret} references', async () => {
    expect(await resolveSecretRef({ env: 'VIGIL_AM_TOKEN' }, secrets, { VIGIL_AM_TOKEN: 'tok' })).toBe('tok');
    expect(await resolveSecretRef({ secret: 'am-password' }, secrets, {})).toBe('pw');
  });

  it('names the missing environment variable or secret key', async () => {
    await expect(resolveSecretRef({ env: 'VIGIL_AM_TOKEN' }, secrets, {})).rejects.toThrow('environment variable VIGIL_AM_TOKEN is not set');
    await expect(resolveSecretRef({ secret: 'grafana' }, secrets, {})).rejects.toThrow(/"grafana".*VIGIL_SECRET_GRAFANA/);
  });

  it('reads no environment variable outside VIGIL_', async () => {
    await expect(resolveSecretRef({ env: 'HOME' }, secrets, { HOME: '/root' })).rejects.toThrow('secret refused: environment variable HOME does not start with VIGIL_');
  });
});
