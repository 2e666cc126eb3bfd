import { describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { parseRequestArgs, settingsPatchSchema } from '../../shared/ipc-contract.ts';
import { keepHiddenSettings, scrubStoredOverlay, storedOverlaySchema, withFileSettings, withSourceCredential } from './settings-overlay.ts';

const current = vigilConfigSchema.parse({
  me: { id: 'alex.chen' },
  sources: [{ id: 'am', urls: ['https://am.example.com'], auth: { bearer: { env: 'VIGIL_AM_TOKEN' } }, headers: { 'X-Scope-OrgID': 'platform' }, ca_file: '/etc/ca.pem', timeout: '3s' }],
  policy: { critical: { ack_within: '2m', realarm_every: '30s', loud: true } },
});
const settingsAuth = { bearer: { secret: 'source.am.bearer' } };
const saved = storedOverlaySchema.parse({ sources: [{ id: 'am', urls: ['https://am.example.com'], auth: settingsAuth }] });

describe('a settings patch', () => {
  it('carries only what the settings UI shows: credentials, headers and CA files are refused at the boundary', () => {
    for (const hidden of [{ auth: { bearer: { env: 'VIGIL_AM_TOKEN' } } }, { headers: { Authorization: { secret: 'x' } } }, { ca_file: '/tmp/evil.pem' }, { timeout: '1s' }]) {
      expect(() => parseRequestArgs('updateSettings', { sources: [{ id: 'am', urls: ['https://attacker.example'], ...hidden }] })).toThrow(
        /^invalid arguments for updateSettings: sources\.0: Unrecognized key/,
      );
    }
    expect(parseRequestArgs('updateSettings', { sources: [{ id: 'am', name: 'AM', urls: ['https://am.example.com'], receiver: 'r', filter: ['a="b"'] }] })).toEqual({
      sources: [{ id: 'am', name: 'AM', urls: ['https://am.example.com'], receiver: 'r', filter: ['a="b"'] }],
    });
  });

  it('keeps a credential set in Settings while every URL keeps a known origin, and drops it otherwise', () => {
    const keep = (urls: string[]) => keepHiddenSettings(settingsPatchSchema.parse({ sources: [{ id: 'am', urls }] }), current, saved).sources?.[0]?.auth;
    expect(keep(['https://am.example.com/prefix'])).toEqual(settingsAuth);
    expect(keep(['https://am.example.com:443'])).toEqual(settingsAuth);
    expect(keep(['https://attacker.example'])).toBeUndefined();
    expect(keep(['https://am.example.com:8443'])).toBeUndefined();
    expect(keep(['http://am.example.com'])).toBeUndefined();
    expect(keep(['https://am.example.com', 'https://attacker.example'])).toBeUndefined();
    // A new source under another id gets nothing.
    expect(keepHiddenSettings(settingsPatchSchema.parse({ sources: [{ id: 'other', urls: ['https://am.example.com'] }] }), current, saved).sources?.[0]?.auth).toBeUndefined();
  });

  it('keeps the re-alarm interval the settings view does not show', () => {
    const patch = settingsPatchSchema.parse({ policy: { critical: { ack_within: '5m', loud: true } } });
    expect(keepHiddenSettings(patch, current, null).policy?.critical).toMatchObject({ ack_within: 300_000, realarm_every: 30_000 });
  });
});

describe('the stored settings', () => {
  it('take headers, CA, timeout and credentials from the file, credentials only for the same origin', () => {
    const fromFile = current.sources[0]!;
    expect(withFileSettings({ id: 'am', urls: ['https://am.example.com'], filter: [] }, fromFile)).toMatchObject({
      auth: { bearer: { env: 'VIGIL_AM_TOKEN' } },
      headers: { 'X-Scope-OrgID': 'platform' },
      ca_file: '/etc/ca.pem',
      timeout: 3000,
    });
    const moved = withFileSettings({ id: 'am', urls: ['https://attacker.example'], filter: [] }, { ...fromFile, headers: { 'X-Scope-OrgID': 'platform', 'X-Tenant-Key': { secret: 'k' } } });
    expect(moved.auth).toBeUndefined();
    expect(moved.headers).toEqual({ 'X-Scope-OrgID': 'platform' });
    // Auth set in Settings wins over the file's.
    expect(withFileSettings({ id: 'am', urls: ['https://am.example.com'], filter: [], auth: settingsAuth }, fromFile).auth).toEqual(settingsAuth);
  });

  it('are cleaned of copies older versions wrote and of any auth the settings UI did not make', () => {
    const legacy = {
      me: { id: 'jo' },
      sources: [
        { id: 'am', urls: ['https://am.example.com'], auth: { bearer: { env: 'VIGIL_AM_TOKEN' } }, headers: { Authorization: 'Bearer literal' }, ca_file: '/c.pem', timeout: 1, max_response_bytes: 9, filter: [] },
        { id: 'b', urls: ['https://b.example'], auth: { bearer: { secret: 'source.am.bearer' } } },
        { id: 'c', urls: ['https://c.example'], auth: { basic: { username: 'u', password: { secret: 'source.c.password' } } } },
      ],
    };
    expect(scrubStoredOverlay(legacy)).toEqual({
      me: { id: 'jo' },
      sources: [
        { id: 'am', urls: ['https://am.example.com'], filter: [] },
        // Another source's secret key is not this source's: dropped.
        { id: 'b', urls: ['https://b.example'] },
        { id: 'c', urls: ['https://c.example'], auth: { basic: { username: 'u', password: { secret: 'source.c.password' } } } },
      ],
    });
    expect(scrubStoredOverlay('garbage')).toBe('garbage');
  });
});

describe('withSourceCredential', () => {
  it('stores the secret under a key the core chooses and points the source at it', () => {
    const bearer = withSourceCredential(null, current, 'am', { bearer: 'tok' });
    expect(bearer).toEqual({ sources: [{ id: 'am', urls: ['https://am.example.com'], filter: [], auth: { bearer: { secret: 'source.am.bearer' } } }], secretKey: 'source.am.bearer', secretValue: 'tok' });
    const basic = withSourceCredential(saved, current, 'am', { basic: { username: 'vigil', password: 'hunter2' } });
    expect(basic.sources[0]?.auth).toEqual({ basic: { username: 'vigil', password: { secret: 'source.am.password' } } });
    expect(basic.secretKey).toBe('source.am.password');
    expect(basic.secretValue).toBe('hunter2');
    expect(JSON.stringify(basic.sources)).not.toContain('hunter2');
  });

  it('refuses a source that is not saved', () => {
    expect(() => withSourceCredential(null, current, 'nope', { bearer: 'tok' })).toThrow('no saved source "nope": save the source first, then set its credential');
  });
});
