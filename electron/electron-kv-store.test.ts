import Conf from 'conf';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openElectronKvStore } from './electron-kv-store.ts';
import type { BackingStoreOptions } from './electron-kv-store.ts';

// electron-store is conf plus Electron's default directory; conf itself is the real engine here.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vigil-kv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (options: BackingStoreOptions) => {
  const { name, ...rest } = options;
  return new Conf<Record<string, unknown>>({ ...rest, configName: name, cwd: dir });
};

describe('openElectronKvStore', () => {
  it('persists values across instances in a JSON file', () => {
    openElectronKvStore(open, 'vigil-state').kv.set('settingsOverlay', { me: { id: 'alice' } });
    const reopened = openElectronKvStore(open, 'vigil-state').kv;
    expect(reopened.get('settingsOverlay')).toEqual({ me: { id: 'alice' } });
    expect(JSON.parse(readFileSync(path.join(dir, 'vigil-state.json'), 'utf8'))).toMatchObject({ settingsOverlay: { me: { id: 'alice' } } });
  });

  it('keeps the file owner-only (0600), also one an older version left readable', () => {
    const { kv } = openElectronKvStore(open, 'vigil-secrets');
    kv.set('secret:am', 'Y2lwaGVy');
    const file = path.join(dir, 'vigil-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    openElectronKvStore(open, 'vigil-secrets');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('treats dotted keys as opaque names, not paths', () => {
    const { kv } = openElectronKvStore(open, 'vigil-state');
    kv.set('incident.alertname="HighApiErrorRate"', 1);
    expect(kv.get('incident.alertname="HighApiErrorRate"')).toBe(1);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'vigil-state.json'), 'utf8')))).toContain('incident.alertname="HighApiErrorRate"');
  });

  it('forgets a key set to undefined and refuses bad keys', () => {
    const { kv } = openElectronKvStore(open, 'vigil-state');
    kv.set('a', 1);
    kv.set('a', undefined);
    expect(kv.get('a')).toBeUndefined();
    expect(() => kv.set('', 1)).toThrow('invalid store key');
    expect(() => kv.set('__internal__', 1)).toThrow('reserved');
  });

  it('reports a corrupt file and leaves it untouched rather than wiping it', () => {
    const file = path.join(dir, 'vigil-state.json');
    writeFileSync(file, '{"settingsOverlay": {"me": ');
    expect(() => openElectronKvStore(open, 'vigil-state')).toThrow(/cannot open the "vigil-state" store .*left untouched.*not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{"settingsOverlay": {"me": ');
  });
});
