import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runbooksConfigSchema, type RunbooksConfig } from '../../shared/config-schema.ts';
import { startRunbookServer, type RunbookServer } from '../../test-fixtures/runbook-server.ts';
import { openRunbookCache } from './runbook-cache.ts';
import { createRunbookLibrary, hostAllowed, type RunbookSubject } from './runbook-library.ts';

// The lookup order and the rules for fetching runbook_url, against a real https server (with its
// own self-signed CA) and a real folder and disk cache.

let server: RunbookServer;
let base: string;
beforeAll(async () => {
  server = await startRunbookServer();
  base = mkdtempSync(join(tmpdir(), 'vigil-runbooks-'));
  mkdirSync(join(base, 'dir'));
  writeFileSync(join(base, 'dir', 'WeaviateDown.md'), '# WeaviateDown\n## Now (0-5 minutes)\n1. from the folder\n');
  writeFileSync(join(base, 'secret.md'), '# not a runbook\n');
  writeFileSync(join(base, 'mapped.md'), '## Mapped\n1. from the map\n');
});
afterAll(async () => {
  await server.stop();
});

const clock = { now: () => Date.now() };
function library(config: Partial<Record<keyof RunbooksConfig, unknown>>, extra: { ca?: string } = { ca: '' }) {
  return createRunbookLibrary({
    config: runbooksConfigSchema.parse(config),
    cache: openRunbookCache(mkdtempSync(join(tmpdir(), 'vigil-runbook-cache-'))),
    clock,
    ca: extra.ca === '' ? server.cert : extra.ca,
  });
}
const subject = (alertname: string, runbookUrl: string | null = null, labels: Record<string, string> = {}): RunbookSubject => ({ alertname, labels: { alertname, ...labels }, runbookUrl });

describe('runbook lookup order', () => {
  it('the map first, then <dir>/<alertname>.md, then an allowed runbook_url, else nothing', async () => {
    server.set('/api.md', { body: '## Fetched\n1. from the URL\n', etag: '"a"' });
    const lib = library({
      dir: join(base, 'dir'),
      map: [{ match: { alertname: 'WeaviateDown', cluster: 'staging' }, file: join(base, 'mapped.md') }],
      allowed_hosts: ['127.0.0.1'],
    });
    expect((await lib.find(subject('WeaviateDown', null, { cluster: 'staging' }))).text).toContain('from the map');
    const fromDir = await lib.find(subject('WeaviateDown', `${server.origin}/api.md`, { cluster: 'prod' }));
    expect(fromDir.text).toContain('from the folder');
    expect(fromDir.source).toEqual({ kind: 'file', location: join(base, 'dir', 'WeaviateDown.md'), fetchedAt: null, offline: false });
    const fetched = await lib.find(subject('HighApiErrorRate', `${server.origin}/api.md`));
    expect(fetched.text).toContain('from the URL');
    expect(fetched.source).toMatchObject({ kind: 'url', location: `${server.origin}/api.md`, offline: false });
    expect(await lib.find(subject('HighApiErrorRate'))).toEqual({ text: null, source: null, problem: null });
  });

  it('labels are untrusted: a traversal alertname reads nothing, and label names never reach a prototype', async () => {
    const lib = library({ dir: join(base, 'dir'), map: [{ match: { constructor: 'x' }, file: join(base, 'secret.md') }] });
    for (const alertname of ['../secret', '..', '.hidden', 'dir/../../secret', 'a\\b', '']) {
      expect((await lib.find(subject(alertname))).text, alertname).toBeNull();
    }
    // `constructor` is on every object's prototype; only an own label may match it.
    expect((await lib.find({ alertname: 'X', labels: {}, runbookUrl: null })).text).toBeNull();
    expect((await lib.find(subject('X', null, { constructor: 'x' }))).text).toContain('not a runbook');
  });
});

describe('fetching runbook_url', () => {
  it('asks nothing of hosts that are not allowed, of http, or when no host is allowed at all', async () => {
    server.set('/nope.md', { body: '## X\n1. y\n' });
    const before = server.requests.length;
    const strict = library({ allowed_hosts: ['wiki.example.com', '*.example.org'] });
    const refused = await strict.find(subject('A', `${server.origin}/nope.md`));
    expect(refused).toMatchObject({ text: null, problem: expect.stringContaining('not in runbooks.allowed_hosts') });
    expect((await strict.find(subject('A', `http://wiki.example.com/x.md`))).problem).toContain('not https');
    expect(await library({}).find(subject('A', `${server.origin}/nope.md`))).toEqual({ text: null, source: null, problem: null });
    expect(server.requests.length).toBe(before);
    expect(hostAllowed('docs.example.org', ['*.example.org'])).toBe(true);
    expect(hostAllowed('example.org', ['*.example.org'])).toBe(false);
    expect(hostAllowed('evil-example.org', ['*.example.org'])).toBe(false);
  });

  it('takes Markdown only: an HTML page, a redirect, a 2 MB+ answer and an untrusted certificate are refused with a reason', async () => {
    server.set('/page', { body: '<html>wiki</html>', contentType: 'text/html' });
    server.set('/moved.md', { body: '', status: 302, headers: { location: 'https://evil.example/x.md' } });
    server.set('/huge.md', { body: Buffer.alloc(2 * 1024 * 1024 + 1, 0x61) });
    const lib = library({ allowed_hosts: ['127.0.0.1'] });
    expect((await lib.find(subject('A', `${server.origin}/page`))).problem).toContain('answers text/html, not Markdown');
    expect((await lib.find(subject('B', `${server.origin}/moved.md`))).problem).toContain('redirects are not followed');
    expect((await lib.find(subject('C', `${server.origin}/huge.md`))).problem).toContain('larger than 2,097,152 bytes');
    const untrusted = library({ allowed_hosts: ['127.0.0.1'] }, {});
    expect((await untrusted.find(subject('D', `${server.origin}/api.md`))).problem).toMatch(/cannot fetch .*(SELF_SIGNED|self-signed|DEPTH_ZERO)/i);
  });

  it('keeps the copy and its ETag on disk: 304 keeps it, a change replaces it, and it opens when the server is gone', async () => {
    const wiki = await startRunbookServer();
    const cacheDir = mkdtempSync(join(tmpdir(), 'vigil-runbook-cache-'));
    const config = runbooksConfigSchema.parse({ allowed_hosts: ['127.0.0.1'], refresh: '0s', timeout: '2s' });
    const open = () => createRunbookLibrary({ config, cache: openRunbookCache(cacheDir), clock, ca: wiki.cert });
    const path = '/etag.md?version=live';
    const url = `${wiki.origin}${path}`;
    try {
      wiki.set(path, { body: '## One\n1. first\n', etag: '"v1"' });
      const lib = open();
      expect((await lib.find(subject('E', url))).text).toContain('first');
      expect((await lib.find(subject('E', url))).text).toContain('first');
      wiki.set(path, { body: '## Two\n1. second\n', etag: '"v2"' });
      expect((await lib.find(subject('E', url))).text).toContain('second');
      expect(wiki.requests.map((r) => [r.path, r.ifNoneMatch, r.status])).toEqual([
        [path, null, 200],
        [path, '"v1"', 304],
        [path, '"v1"', 200],
      ]);
    } finally {
      await wiki.stop();
    }
    // A new library (a restart) on the same cache, with the server gone: the latest copy opens from disk.
    const offline = await open().find(subject('E', url));
    expect(offline.text).toContain('second');
    expect(offline.source).toMatchObject({ kind: 'url', offline: true, location: `${wiki.origin}/etag.md` });
    expect(offline.problem).toMatch(/^showing the copy cached on this machine: cannot fetch .*ECONNREFUSED/);
  });
});
