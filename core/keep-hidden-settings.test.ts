import { describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../shared/config-schema.ts';
import { settingsPatchSchema } from '../shared/ipc-contract.ts';
import { keepHiddenSettings } from './create-vigil-core.ts';

const current = vigilConfigSchema.parse({
  me: { id: 'alex.chen' },
  sources: [{ id: 'am', urls: ['https://am.example.com'], auth: { bearer: { env: 'AM_TOKEN' } }, headers: { 'X-Scope-OrgID': 'platform' }, ca_file: '/etc/ca.pem', timeout: '3s' }],
  policy: { critical: { ack_within: '2m', realarm_every: '30s', loud: true } },
});

describe('settings patches from the UI', () => {
  it('keep the credentials, headers, CA and timeout of a source that already exists', () => {
    const patch = settingsPatchSchema.parse({ sources: [{ id: 'am', urls: ['https://am.example.com'], receiver: 'oncall' }, { id: 'new', urls: ['https://other.example.com'] }] });
    const kept = keepHiddenSettings(patch, current);
    expect(kept.sources?.[0]).toMatchObject({ receiver: 'oncall', auth: { bearer: { env: 'AM_TOKEN' } }, headers: { 'X-Scope-OrgID': 'platform' }, ca_file: '/etc/ca.pem', timeout: 3000 });
    expect(kept.sources?.[1]?.auth).toBeUndefined();
  });

  it('keep the re-alarm interval the settings view does not show', () => {
    const patch = settingsPatchSchema.parse({ policy: { critical: { ack_within: '5m', loud: true } } });
    expect(keepHiddenSettings(patch, current).policy?.critical).toMatchObject({ ack_within: 300_000, realarm_every: 30_000 });
  });
});
