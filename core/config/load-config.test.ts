import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { loadVigilConfig } from './load-config.ts';
import { parseVigilConfigText } from './parse-config-text.ts';

let dir: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
  home = join(dir, 'home');
  mkdirSync(home);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const GOOD = `me:
  id: alex.chen
  name: Alex Chen
sources:
  - id: prod
    urls: [https://am-0.example:9093, https://am-1.example:9093]
    auth:
      bearer: { env: VIGIL_AM_TOKEN }
    headers:
      X-Scope-OrgID: platform
    ca_file: certs/ca.pem
    receiver: critical-alerts|vigil-oncall
    filter: ['team="platform"']
poll_interval: 10s
policy:
  critical: { ack_within: 2m, loud: true }
ack:
  silence_for: 30m
  extend_below: 10m
rotation:
  file: rotation.yaml
`;

function caught(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseVigilConfigText', () => {
  it('parses durations, defaults and resolves relative paths against the file directory', () => {
    const config = parseVigilConfigText(GOOD, '/etc/vigil/vigil.yaml', { baseDir: '/etc/vigil' });
    expect(config.poll_interval).toBe(10_000);
    expect(config.policy.critical).toEqual({ alarm: true, ack_within: 120_000, loud: true });
    expect(config.ack).toEqual({ silence_for: 1_800_000, extend_below: 600_000 });
    expect(config.sources[0]?.ca_file).toBe('/etc/vigil/certs/ca.pem');
    expect(config.sources[0]?.auth).toEqual({ bearer: { env: 'VIGIL_AM_TOKEN' } });
    expect(config.rotation?.file).toBe('/etc/vigil/rotation.yaml');
    expect(config.default_severity).toBe('warning');
  });

  it('names the file, line and field of every problem', () => {
    const bad = `me:
  id: alex.chen
sources:
  - id: prod
    urls:
      - http://am-0.example:9093
      - not a url
    recevier: critical
poll_interval: 10 minutes
policy:
  critical: { ack_within: 2m, loud: "yes" }
`;
    const error = caught(() => parseVigilConfigText(bad, '/cfg/vigil.yaml'));
    const lines = error.issues.map((issue) => `${issue.line}:${issue.column} ${issue.path}`);
    expect(lines).toEqual(['7:9 sources.0.urls.1', '8:5 sources.0.recevier', '9:16 poll_interval', '11:37 policy.critical.loud']);
    expect(error.issues).toHaveLength(4);
    expect(error.message).toContain('/cfg/vigil.yaml:8:5: sources.0.recevier: unknown field "recevier"');
    expect(error.message).toContain('/cfg/vigil.yaml:9:16: poll_interval: invalid duration "10 minutes"');
    expect(error.message).toMatch(/4 problems/);
  });

  it('points a missing required field at its parent and reports YAML syntax errors with their position', () => {
    const missing = caught(() => parseVigilConfigText('me:\n  name: Alex\n', 'a.yaml'));
    expect(missing.issues).toEqual([expect.objectContaining({ source: 'a.yaml', line: 2, column: 3, path: 'me.id', message: expect.stringMatching(/required field is missing/) })]);

    const syntax = caught(() => parseVigilConfigText('me:\n  id: a\n  id: b\n', 'b.yaml'));
    expect(syntax.issues[0]).toMatchObject({ source: 'b.yaml', line: 3, path: '' });
    expect(syntax.issues[0]?.message).toMatch(/YAML syntax: Map keys must be unique/);

    const empty = caught(() => parseVigilConfigText('', 'empty.yaml'));
    expect(empty.issues[0]).toMatchObject({ line: 1, path: 'me' });
  });

  it('rejects duplicate source ids and plain-text secrets', () => {
    const dup = caught(() => parseVigilConfigText('me: {id: a}\nsources:\n  - {id: x, urls: ["http://a:9093"]}\n  - {id: x, urls: ["http://b:9093"]}\n', 'd.yaml'));
    expect(dup.issues).toEqual([expect.objectContaining({ line: 4, path: 'sources.1.id', message: 'duplicate source id "x"' })]);
    const plain = caught(() => parseVigilConfigText('me: {id: a}\nsources:\n  - id: x\n    urls: ["http://a:9093"]\n    auth: { bearer: hunter2 }\n', 'p.yaml'));
    expect(plain.issues[0]).toMatchObject({ line: 5, path: 'sources.0.auth' });
  });
});

describe('loadVigilConfig discovery', () => {
  it('reads an explicit file, and VIGIL_CONFIG when no --config is given', async () => {
    const file = join(dir, 'vigil.yaml');
    writeFileSync(file, GOOD);
    const fromOption = await loadVigilConfig({ configPath: file, env: {}, homeDir: home });
    expect(fromOption).toMatchObject({ source: file, demo: false });
    expect(fromOption.config.rotation?.file).toBe(join(dir, 'rotation.yaml'));
    const fromEnv = await loadVigilConfig({ env: { VIGIL_CONFIG: file }, homeDir: home });
    expect(fromEnv.source).toBe(file);
    expect(fromEnv.config.sources[0]?.urls).toEqual(['https://am-0.example:9093', 'https://am-1.example:9093']);
  });

  it('fails loudly (no silent demo) when the named file is missing or broken', async () => {
    await expect(loadVigilConfig({ configPath: join(dir, 'nope.yaml'), env: {}, homeDir: home })).rejects.toThrow(/nope\.yaml.*--config/s);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'me:\n  id: ""\n');
    await expect(loadVigilConfig({ env: { VIGIL_CONFIG: broken }, homeDir: home })).rejects.toThrow(`${broken}:2:7: me.id`);
  });

  it('uses the Alertmanager from amtool config when there is no Vigil config', async () => {
    mkdirSync(join(home, '.config', 'amtool'), { recursive: true });
    writeFileSync(join(home, '.config', 'amtool', 'config.yml'), 'alertmanager.url: "http://127.0.0.1:9093"\nauthor: sam@example.com\noutput: extended\n');
    const loaded = await loadVigilConfig({ env: { USER: 'sam' }, homeDir: home });
    expect(loaded).toMatchObject({ demo: false, source: join(home, '.config', 'amtool', 'config.yml'), warnings: [] });
    expect(loaded.config.sources).toEqual([expect.objectContaining({ id: 'amtool', urls: ['http://127.0.0.1:9093'] })]);
    expect(loaded.config.me).toEqual({ id: 'sam@example.com' });
  });

  it('falls back to the demo as Alex Chen, with a warning when amtool config is unusable', async () => {
    const none = await loadVigilConfig({ env: {}, homeDir: home });
    expect(none).toMatchObject({ demo: true, source: null, warnings: [] });
    expect(none.config.me).toEqual({ id: 'alex.chen', name: 'Alex Chen' });
    expect(none.config.policy.critical).toEqual({ alarm: true, ack_within: 120_000, loud: true });
    expect(none.config.policy.none?.alarm).toBe(false);

    mkdirSync(join(home, '.config', 'amtool'), { recursive: true });
    writeFileSync(join(home, '.config', 'amtool', 'config.yml'), 'output: json\n');
    const unusable = await loadVigilConfig({ env: {}, homeDir: home });
    expect(unusable.demo).toBe(true);
    expect(unusable.warnings).toEqual([expect.stringMatching(/no alertmanager\.url/)]);
  });
});

describe('examples/vigil.example.yaml', () => {
  it('is a valid config describing an HA pair with server-side filters and the playbook policy', async () => {
    const examples = join(import.meta.dirname, '..', '..', 'examples');
    const loaded = await loadVigilConfig({ configPath: join(examples, 'vigil.example.yaml'), env: {}, homeDir: home });
    const [prod] = loaded.config.sources;
    expect(prod).toMatchObject({
      urls: ['https://alertmanager-0.monitoring.example.com', 'https://alertmanager-1.monitoring.example.com'],
      auth: { bearer: { env: 'VIGIL_AM_TOKEN' } },
      headers: { 'X-Scope-OrgID': 'platform' },
      receiver: 'critical-alerts|vigil-oncall',
    });
    expect(prod?.filter).toContain('team="platform"');
    expect(loaded.config.poll_interval).toBe(10_000);
    expect(loaded.config.policy).toMatchObject({ critical: { ack_within: 120_000, loud: true }, warning: { ack_within: 3_600_000 }, info: { ack_within: 86_400_000 }, none: { alarm: false } });
    expect(loaded.config.ack).toEqual({ silence_for: 1_800_000, extend_below: 600_000 });
    expect(loaded.config.rotation?.file).toBe(join(examples, 'rotation.playbook.yaml'));
    // Runbook paths are relative to the config file too.
    expect(loaded.config.runbooks).toMatchObject({ dir: join(examples, 'runbooks'), allowed_hosts: ['wiki.company.com'] });
  });
});

describe('settings overlay', () => {
  it('replaces top-level keys of the file and keeps the rest', async () => {
    const file = join(dir, 'vigil.yaml');
    writeFileSync(file, GOOD);
    const loaded = await loadVigilConfig({
      configPath: file,
      env: {},
      homeDir: home,
      overlay: { poll_interval: '30s', policy: { warning: { ack_within: '15m' } }, sources: [{ id: 'staging', urls: ['http://127.0.0.1:9094'] }] },
    });
    expect(loaded.config.poll_interval).toBe(30_000);
    expect(loaded.config.policy).toEqual({ warning: { alarm: true, ack_within: 900_000, loud: false } });
    expect(loaded.config.sources).toEqual([expect.objectContaining({ id: 'staging', urls: ['http://127.0.0.1:9094'], headers: {} })]);
    expect(loaded.config.sources[0]?.auth).toBeUndefined();
    expect(loaded.config.me).toEqual({ id: 'alex.chen', name: 'Alex Chen' });
    expect(loaded.config.ack.silence_for).toBe(1_800_000);
  });

  it('turns the demo into a real config once the UI adds a source, and rejects a bad overlay by field', async () => {
    const real = await loadVigilConfig({ env: {}, homeDir: home, overlay: { sources: [{ id: 'mine', urls: ['http://127.0.0.1:9093'] }], me: { id: 'jo' } } });
    expect(real).toMatchObject({ demo: false, config: { me: { id: 'jo' } } });
    const stillDemo = await loadVigilConfig({ env: {}, homeDir: home, overlay: { poll_interval: '5s' } });
    expect(stillDemo.demo).toBe(true);
    await expect(loadVigilConfig({ env: {}, homeDir: home, overlay: { sources: [{ id: 'x', urls: ['nope'] }] } })).rejects.toThrow(/settings saved from the app: sources\.0\.urls\.0/);
    await expect(loadVigilConfig({ env: {}, homeDir: home, overlay: { poll_interval: 'soon' } })).rejects.toThrow(/poll_interval/);
  });

  it("completes a saved source from the file's source of the same id, credentials only while its origin is unchanged", async () => {
    const file = join(dir, 'vigil.yaml');
    writeFileSync(file, GOOD);
    const load = (urls: string[]) => loadVigilConfig({ configPath: file, env: {}, homeDir: home, overlay: { sources: [{ id: 'prod', urls, receiver: 'mine' }] } });

    // Same origins (a path prefix added, one HA member dropped): everything the file said stays.
    const same = (await load(['https://am-0.example:9093/alertmanager'])).config.sources[0];
    expect(same).toMatchObject({ receiver: 'mine', auth: { bearer: { env: 'VIGIL_AM_TOKEN' } }, headers: { 'X-Scope-OrgID': 'platform' }, ca_file: join(dir, 'certs', 'ca.pem') });

    // A URL on another host, port or scheme (here beside a known one): the token stays behind;
    // plain headers and the CA are no use to a thief.
    for (const moved of ['https://attacker.example:9093', 'https://am-0.example:9443', 'http://127.0.0.1:9093']) {
      const source = (await load(['https://am-0.example:9093', moved])).config.sources[0];
      expect(source?.auth, moved).toBeUndefined();
      expect(source?.headers, moved).toEqual({ 'X-Scope-OrgID': 'platform' });
    }
  });

  it('drops what older versions copied into the saved settings (file headers, CA, timeouts, auth not made in Settings)', async () => {
    const file = join(dir, 'vigil.yaml');
    writeFileSync(file, GOOD);
    const legacy = {
      sources: [
        {
          id: 'prod',
          urls: ['https://attacker.example'],
          auth: { bearer: { env: 'VIGIL_AM_TOKEN' } },
          headers: { Authorization: 'Bearer literal-token' },
          ca_file: '/tmp/evil.pem',
          timeout: 1,
          filter: [],
        },
      ],
    };
    const source = (await loadVigilConfig({ configPath: file, env: {}, homeDir: home, overlay: legacy })).config.sources[0];
    expect(source).toMatchObject({ urls: ['https://attacker.example'], headers: { 'X-Scope-OrgID': 'platform' }, ca_file: join(dir, 'certs', 'ca.pem'), timeout: 10_000 });
    expect(source?.auth).toBeUndefined();
  });
});

describe('secrets and credentials in the config', () => {
  const withSource = (source: string) => `me: {id: a}\nsources:\n  - id: x\n${source}`;

  it('reads environment variables named VIGIL_… only, and says so', () => {
    const error = caught(() => parseVigilConfigText(withSource('    urls: ["https://a:9093"]\n    auth: { bearer: { env: AWS_SECRET_ACCESS_KEY } }\n    headers: { X-Scope-OrgID: { env: HOME } }\n'), 'e.yaml'));
    expect(error.issues).toEqual([
      expect.objectContaining({ line: 5, path: 'sources.0.auth.bearer.env', message: 'environment variable names must start with VIGIL_ (then letters, digits, _): Vigil reads no other variables' }),
      expect.objectContaining({ line: 6, path: 'sources.0.headers.X-Scope-OrgID.env', message: expect.stringMatching(/must start with VIGIL_/) }),
    ]);
    expect(parseVigilConfigText(withSource('    urls: ["https://a:9093"]\n    auth: { bearer: { env: VIGIL_AM_TOKEN } }\n'), 'ok.yaml').sources[0]?.auth).toEqual({ bearer: { env: 'VIGIL_AM_TOKEN' } });
  });

  it('refuses user:password in a URL with an error naming the field, and never repeats the password', () => {
    const error = caught(() => parseVigilConfigText(withSource('    urls: ["https://am-0.example", "https://vigil:hunter2@am-1.example"]\n'), 'u.yaml'));
    expect(error.issues).toEqual([
      expect.objectContaining({
        line: 4,
        path: 'sources.0.urls.1',
        message: 'credentials in the URL (user:password@) are not accepted: use auth (basic: { username, password: { env: VIGIL_… } })',
      }),
    ]);
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a literal value for a header that carries a credential', () => {
    const error = caught(() =>
      parseVigilConfigText(withSource('    urls: ["https://a:9093"]\n    headers:\n      Authorization: Bearer hunter2\n      X-Vault-Token: s.abc\n      X-API-Key: k\n      Cookie: session=1\n      X-Scope-OrgID: platform\n'), 'h.yaml'),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['sources.0.headers.Authorization', 'sources.0.headers.X-Vault-Token', 'sources.0.headers.X-API-Key', 'sources.0.headers.Cookie']);
    expect(error.issues[0]?.message).toBe('header Authorization carries a credential, so its value must be a secret ref ({ env: VIGIL_… } or { secret: key }), never written in plain text');
    const refs = parseVigilConfigText(withSource('    urls: ["https://a:9093"]\n    headers:\n      Authorization: { secret: am-auth }\n      X-Scope-OrgID: platform\n'), 'ok.yaml');
    expect(refs.sources[0]?.headers).toEqual({ Authorization: { secret: 'am-auth' }, 'X-Scope-OrgID': 'platform' });
  });

  it('refuses credentials over plain http to any host but localhost', () => {
    const bearer = caught(() => parseVigilConfigText(withSource('    urls: ["https://a.example", "http://b.example:9093"]\n    auth: { bearer: { env: VIGIL_T } }\n'), 'b.yaml'));
    expect(bearer.issues).toEqual([
      expect.objectContaining({ path: 'sources.0.urls.1', message: 'credentials are never sent over plain http to a host other than localhost: use https (http only for 127.0.0.1, localhost, [::1])' }),
    ]);
    const header = caught(() => parseVigilConfigText(withSource('    urls: ["http://b.example"]\n    headers: { X-Tenant: { secret: t } }\n'), 'h.yaml'));
    expect(header.issues.map((issue) => issue.path)).toEqual(['sources.0.urls.0']);
    // Without credentials plain http is the user's call; on loopback credentials may go over http.
    expect(() => parseVigilConfigText(withSource('    urls: ["http://b.example:9093"]\n    headers: { X-Scope-OrgID: platform }\n'), 'ok.yaml')).not.toThrow();
    expect(() => parseVigilConfigText(withSource('    urls: ["http://127.0.0.1:9093", "http://localhost:9093", "http://[::1]:9093"]\n    auth: { bearer: { env: VIGIL_T } }\n'), 'ok.yaml')).not.toThrow();
  });

  it("reports an amtool URL with user:password without repeating the password", async () => {
    mkdirSync(join(home, '.config', 'amtool'), { recursive: true });
    writeFileSync(join(home, '.config', 'amtool', 'config.yml'), 'alertmanager.url: "https://sam:hunter2@am.example"\n');
    const loaded = await loadVigilConfig({ env: {}, homeDir: home });
    expect(loaded.demo).toBe(true);
    expect(loaded.warnings).toEqual([expect.stringContaining('alertmanager.url: credentials in the URL (user:password@) are not accepted')]);
    expect(loaded.warnings.join()).not.toContain('hunter2');
  });
});
