import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../shared/duration.ts';
import { parseRequestArgs, settingsPatchSchema, type SettingsView } from '../../shared/ipc-contract.ts';
import { credentialRequest, emptySourceDraft, identityPatch, policyDraftsFrom, policyPatch, sourceDraftsFrom, sourcesPatch } from './settings-form.ts';

const view: SettingsView = {
  me: { id: 'alex.chen', name: 'Alex Chen' },
  sources: [
    { id: 'prod', name: 'Production', urls: ['https://am-a:9093', 'https://am-b:9093'], receiver: 'platform-.*', filter: ['team="platform"'], hasAuth: true, authKind: 'bearer' },
    { id: 'lab', name: null, urls: ['http://lab:9093'], receiver: null, filter: [], hasAuth: false, authKind: null },
  ],
  policy: {
    critical: { alarm: true, ack_within_ms: 120_000, loud: true },
    info: { alarm: false, ack_within_ms: 86_400_000, loud: false },
  },
  pollIntervalMs: 10_000,
  configSource: '/etc/vigil.yaml',
};

describe('source drafts', () => {
  it('round-trip a view into a patch the core schema accepts', () => {
    const patch = { sources: sourcesPatch(sourceDraftsFrom(view)) };
    expect(patch.sources).toEqual([
      { id: 'prod', name: 'Production', urls: ['https://am-a:9093', 'https://am-b:9093'], receiver: 'platform-.*', filter: ['team="platform"'] },
      { id: 'lab', urls: ['http://lab:9093'], filter: [] },
    ]);
    expect(settingsPatchSchema.safeParse(patch).success).toBe(true);
  });

  it('never puts credentials into the patch', () => {
    expect(JSON.stringify(sourcesPatch(sourceDraftsFrom(view)))).not.toMatch(/auth/i);
  });

  it('trims blank lines and whitespace', () => {
    const [source] = sourcesPatch([{ ...emptySourceDraft(), id: ' new ', urlsText: '\n http://x:9093 \n\n', filterText: ' a="b" \r\n' }]);
    expect(source).toEqual({ id: 'new', urls: ['http://x:9093'], filter: ['a="b"'] });
  });

  it('passes a bad URL through so the core reports it', () => {
    const patch = { sources: sourcesPatch([{ ...emptySourceDraft(), id: 'bad', urlsText: 'not a url' }]) };
    expect(settingsPatchSchema.safeParse(patch).success).toBe(false);
  });
});

describe('credential requests', () => {
  const [prod] = sourceDraftsFrom(view);

  it('build a setSourceCredential request the core accepts, for a saved source only', () => {
    const bearer = credentialRequest(prod!, { kind: 'bearer', username: '', secret: ' tok en ' });
    expect(bearer).toEqual({ request: { sourceId: 'prod', credential: { bearer: ' tok en ' } } });
    const basic = credentialRequest(prod!, { kind: 'basic', username: ' vigil ', secret: 'pw' });
    expect(basic).toEqual({ request: { sourceId: 'prod', credential: { basic: { username: 'vigil', password: 'pw' } } } });
    for (const built of [bearer, basic]) if ('request' in built) expect(() => parseRequestArgs('setSourceCredential', built.request)).not.toThrow();
  });

  it('say what is missing instead', () => {
    expect(credentialRequest(emptySourceDraft(), { kind: 'bearer', username: '', secret: 'tok' })).toEqual({ problem: 'Save the source first, then set its credential.' });
    expect(credentialRequest({ ...prod!, id: 'renamed' }, { kind: 'bearer', username: '', secret: 'tok' })).toEqual({ problem: 'Save the source first, then set its credential.' });
    expect(credentialRequest(prod!, { kind: 'bearer', username: '', secret: '' })).toEqual({ problem: 'Type the token.' });
    expect(credentialRequest(prod!, { kind: 'basic', username: ' ', secret: 'pw' })).toEqual({ problem: 'Type the username.' });
  });
});

describe('policy drafts', () => {
  it('show ack_within in config notation and convert back to the same milliseconds', () => {
    const drafts = policyDraftsFrom(view);
    expect(drafts.map((d) => d.ackWithin)).toEqual(['2m00s', '24h00m']);
    const patch = policyPatch(drafts);
    expect(parseDuration(String(patch.critical?.ack_within))).toBe(120_000);
    expect(parseDuration(String(patch.info?.ack_within))).toBe(86_400_000);
    expect(patch.info).toEqual({ alarm: false, ack_within: '24h00m', loud: false });
    expect(settingsPatchSchema.safeParse({ policy: patch }).success).toBe(true);
  });

  it('lets the core reject a nonsense duration', () => {
    const patch = policyPatch([{ severity: 'critical', alarm: true, ackWithin: 'soon', loud: true }]);
    expect(settingsPatchSchema.safeParse({ policy: patch }).success).toBe(false);
  });
});

describe('identityPatch', () => {
  it('omits an empty name', () => {
    expect(identityPatch(' alex.chen ', ' ')).toEqual({ id: 'alex.chen' });
    expect(identityPatch('alex.chen', 'Alex Chen')).toEqual({ id: 'alex.chen', name: 'Alex Chen' });
  });
});
