import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdersAt } from '../../shared/rotation/resolve-rotation.ts';
import { createFakeClock } from '../../test-fixtures/fake-clock.ts';
import type { FakeClock } from '../../test-fixtures/fake-clock.ts';
import { WATCH_DEBOUNCE_MS, createRotationLoader } from './rotation-loader.ts';
import type { RotationLoader, RotationLoaderOptions, RotationLoaderState } from './rotation-loader.ts';

const examples = new URL('../../examples/', import.meta.url);
const playbookText = readFileSync(new URL('rotation.playbook.yaml', examples), 'utf8');
const exampleIcs = readFileSync(new URL('rotation.example.ics', examples), 'utf8');
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-20T12:00:00Z');
const REFRESH = 60_000;

/** The playbook with Lisa's handle misspelt in the manager list (line 67 of the example). */
const badPlaybook = playbookText.replace('members: [mike.rodriguez, mike.rodriguez, lisa.wang, lisa.wang]', 'members: [mike.rodriguez, mike.rodriguez, lisa.wong, lisa.wang]');
const badLine = playbookText.split('\n').findIndex((line) => line.includes('members: [mike.rodriguez')) + 1;

/** The playbook with one more layer on the primary role, after its weekly layer (4 lines). */
const withPrimaryLayer = (text: string, layer: string) => {
  const anchor = '        members: [alex.chen, sarah.johnson, david.kim, alex.chen]\n';
  if (!text.includes(anchor)) throw new Error('the playbook example changed');
  return text.replace(anchor, `${anchor}      - ${layer}\n`);
};

const primaryAt = (state: RotationLoaderState, iso: string) => (state.rotation ? holdersAt(state.rotation, at(iso))[0]?.person?.handle : undefined);

let dir: string;
let clock: FakeClock;
let loaders: RotationLoader[];
let servers: Server[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-rotation-'));
  clock = createFakeClock(NOW);
  loaders = [];
  servers = [];
});

afterEach(async () => {
  for (const loader of loaders) loader.stop();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A loader whose changes can be awaited: `next()` resolves on the following onChange. */
function loaderWith(options: Omit<RotationLoaderOptions, 'clock' | 'onChange' | 'refreshMs'> & { refreshMs?: number }) {
  const changes: RotationLoaderState[] = [];
  let waiting: ((state: RotationLoaderState) => void) | null = null;
  const loader = createRotationLoader({
    refreshMs: REFRESH,
    watch: false,
    ...options,
    clock,
    onChange: (state) => {
      changes.push(state);
      waiting?.(state);
      waiting = null;
    },
  });
  loaders.push(loader);
  const next = () => new Promise<RotationLoaderState>((resolve) => (waiting = resolve));
  return { loader, changes, next };
}

interface Route {
  status?: number;
  body: string;
  etag?: string;
  hang?: boolean;
}

/** A loopback HTTP server answering from a mutable route table and honouring If-None-Match. */
async function startServer(routes: Record<string, Route>) {
  const seen: Array<{ path: string; ifNoneMatch: string | null }> = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    seen.push({ path, ifNoneMatch: (request.headers['if-none-match'] as string | undefined) ?? null });
    const route = routes[path];
    if (!route) return void response.writeHead(404).end('not found');
    if (route.hang) return; // never answers: only the loader's timeout ends the request
    if (route.etag && request.headers['if-none-match'] === route.etag) return void response.writeHead(304).end();
    response.writeHead(route.status ?? 200, route.etag ? { etag: route.etag } : {}).end(route.body);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  server.unref();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen };
}

describe('rotation loader: file', () => {
  it('loads the file, then keeps the last good version when an edit is invalid, naming the line', async () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, playbookText);
    const { loader, changes } = loaderWith({ file });
    await loader.start();
    const good = loader.state();
    expect(good.warning).toBeNull();
    expect(good.loadedAt).toBe(NOW);
    expect(good.source).toBe(file);
    expect(primaryAt(good, '2026-11-20T12:00:00Z')).toBe('david.kim');
    expect(changes).toHaveLength(1);

    clock.advance(5 * 60_000);
    writeFileSync(file, badPlaybook);
    await loader.reload();
    const kept = loader.state();
    expect(kept.rotation).toBe(good.rotation);
    expect(kept.loadedAt).toBe(NOW);
    expect(kept.warning).toContain(`${file} was rejected; still using the version loaded 2026-11-20T12:00:00.000Z`);
    expect(kept.warning).toContain(`${file}:${badLine}:`);
    expect(kept.warning).toContain('rotations[2].layers[0].members[2]: unknown person "lisa.wong"');
    expect(changes).toHaveLength(2);

    // The same bad text again changes nothing; a fixed file replaces the rotation and clears the warning.
    await loader.reload();
    expect(changes).toHaveLength(2);
    writeFileSync(file, playbookText.replace('start: 2026-12-24 09:00', 'start: 2026-12-23 09:00'));
    await loader.reload();
    const fixed = loader.state();
    expect(fixed.warning).toBeNull();
    expect(fixed.rotation).not.toBe(good.rotation);
    expect(fixed.loadedAt).toBe(NOW + 5 * 60_000);
    expect(primaryAt(fixed, '2026-12-23T18:00:00Z')).toBe('sarah.johnson');
  });

  it('starts with no rotation and a warning when the first version is invalid or missing', async () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, 'timezone: PST\n');
    const { loader } = loaderWith({ file });
    await loader.start();
    expect(loader.state().rotation).toBeNull();
    expect(loader.state().warning).toBe(`${file} was rejected; no rotation is in use:\n${file}:1:11: timezone: unknown time zone "PST": use an IANA name such as America/Los_Angeles, Europe/Berlin or UTC`);

    const missing = loaderWith({ file: join(dir, 'absent.yaml') });
    await missing.loader.start();
    expect(missing.loader.state().rotation).toBeNull();
    expect(missing.loader.state().warning).toMatch(/^could not read .*absent\.yaml: .*ENOENT.*; no rotation is in use$/);
  });

  it('picks up a changed file on the refresh timer (mtime/size check)', async () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, playbookText);
    const { loader, changes, next } = loaderWith({ file });
    await loader.start();
    // Nothing changed: a timer tick neither re-parses nor notifies.
    await clock.advanceAsync(REFRESH);
    await loader.reload(); // wait for any tick in flight
    expect(changes).toHaveLength(1);

    writeFileSync(file, `${playbookText}\n# edited\n`.replace('Alex is off for the holidays', 'Alex is away'));
    const changed = next();
    clock.advance(REFRESH);
    const state = await changed;
    expect(state.warning).toBeNull();
    expect(state.rotation?.overrides[0]?.reason).toBe('Alex is away');
    expect(state.loadedAt).toBe(NOW + 2 * REFRESH);
  });

  it('reloads as soon as the file is saved, including a rename-over save', async () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, playbookText);
    const { loader, next } = loaderWith({ file, watch: true });
    await loader.start();

    // The watch event arms a short debounce timer on the clock; the reload runs when it fires.
    const debounced = async () => {
      while (clock.nextTimerAt() !== clock.now() + WATCH_DEBOUNCE_MS) await new Promise((done) => setImmediate(done));
      const changed = next();
      clock.advance(WATCH_DEBOUNCE_MS);
      return changed;
    };
    writeFileSync(file, badPlaybook);
    expect((await debounced()).warning).toContain('unknown person "lisa.wong"');

    writeFileSync(join(dir, 'team.yaml.tmp'), playbookText);
    renameSync(join(dir, 'team.yaml.tmp'), file);
    const state = await debounced();
    expect(state.warning).toBeNull();
    expect(state.rotation).not.toBeNull();
  });

  it('reads ICS layers named as files next to the rotation', async () => {
    copyFileSync(new URL('rotation.example.ics', examples), join(dir, 'weekend.ics'));
    const file = join(dir, 'team.yaml');
    writeFileSync(file, withPrimaryLayer(playbookText, '{ kind: ics, file: weekend.ics, timezone: America/Chicago }'));
    const { loader } = loaderWith({ file });
    await loader.start();
    const state = loader.state();
    expect(state.warning).toBeNull();
    expect(state.rotation?.icsShifts?.['weekend.ics']).toHaveLength(7);
    // Saturday 2026-11-21 is David's in the feed, over the weekly layer (Sarah's week).
    expect(primaryAt(state, '2026-11-21T18:00:00Z')).toBe('david.kim');
    expect(primaryAt(state, '2026-11-28T18:00:00Z')).toBe('alex.chen'); // the EXDATE weekend
  });
});

describe('rotation loader: https URL', () => {
  it('revalidates with the ETag, keeps the last good version on a bad one and never shows the token', async () => {
    const routes: Record<string, Route> = { '/team.yaml': { body: playbookText, etag: '"v1"' } };
    const { base, seen } = await startServer(routes);
    const url = `${base}/team.yaml?token=s3cret`;
    const { loader, changes } = loaderWith({ url });
    await loader.start();
    const first = loader.state();
    expect(first.source).toBe(`${base}/team.yaml/…`);
    expect(first.warning).toBeNull();
    expect(primaryAt(first, '2026-11-20T12:00:00Z')).toBe('david.kim');

    await loader.reload();
    expect(seen.map((request) => request.ifNoneMatch)).toEqual([null, '"v1"']);
    expect(loader.state().rotation).toBe(first.rotation); // 304: same object, no notification
    expect(changes).toHaveLength(1);

    routes['/team.yaml'] = { body: badPlaybook, etag: '"v2"' };
    await loader.reload();
    expect(loader.state().rotation).toBe(first.rotation);
    expect(loader.state().warning).toContain(`:${badLine}:`);
    expect(loader.state().warning).toContain('unknown person "lisa.wong"');

    routes['/team.yaml'] = { status: 500, body: 'oops' };
    await loader.reload();
    const failing = loader.state();
    expect(failing.rotation).toBe(first.rotation);
    expect(failing.warning).toContain(`could not read ${base}/team.yaml/…: HTTP 500 from ${base}/team.yaml/…; still using the version loaded`);
    expect(JSON.stringify(changes)).not.toContain('s3cret');

    routes['/team.yaml'] = { body: playbookText.replace('Alex is off for the holidays', 'Alex is away'), etag: '"v3"' };
    await loader.reload();
    expect(loader.state().warning).toBeNull();
    expect(loader.state().rotation?.overrides[0]?.reason).toBe('Alex is away');
  });

  it('fetches ICS feeds by URL with their own ETag and keeps their shifts when they fail', async () => {
    const rotationText = withPrimaryLayer(playbookText, '{ kind: ics, url: "FEED", timezone: America/Chicago }');
    const routes: Record<string, Route> = { '/feed.ics': { body: exampleIcs, etag: '"f1"' } };
    const { base, seen } = await startServer(routes);
    const file = join(dir, 'team.yaml');
    writeFileSync(file, rotationText.replace('FEED', `${base}/feed.ics?key=s3cret`));
    const { loader } = loaderWith({ file });
    await loader.start();
    expect(primaryAt(loader.state(), '2026-11-21T18:00:00Z')).toBe('david.kim');

    await loader.reload();
    expect(seen.filter((request) => request.path === '/feed.ics').map((request) => request.ifNoneMatch)).toEqual([null, '"f1"']);

    routes['/feed.ics'] = { status: 503, body: 'down' };
    await loader.reload();
    const state = loader.state();
    expect(state.warning).toBe(`ICS feed ${base}/feed.ics/…: HTTP 503 from ${base}/feed.ics/… (keeping its last good shifts)`);
    expect(primaryAt(state, '2026-11-21T18:00:00Z')).toBe('david.kim');
  });

  it('refuses ICS files named by a rotation that came from a URL', async () => {
    const { base } = await startServer({ '/team.yaml': { body: withPrimaryLayer(playbookText, '{ kind: ics, file: /etc/passwd }') } });
    const { loader } = loaderWith({ url: `${base}/team.yaml` });
    await loader.start();
    expect(loader.state().rotation).not.toBeNull();
    expect(loader.state().warning).toBe('ICS feed /etc/passwd: a rotation fetched from a URL cannot read local files; use an https url');
  });

  it('times out a request that never answers, on the injected clock', async () => {
    const { base } = await startServer({ '/team.yaml': { body: '', hang: true } });
    const { loader } = loaderWith({ url: `${base}/team.yaml`, timeoutMs: 10_000 });
    const started = loader.start();
    // Let the request reach the server before the clock moves.
    while (clock.pendingTimers() === 0) await new Promise((done) => setImmediate(done));
    clock.advance(10_000);
    await started;
    expect(loader.state().rotation).toBeNull();
    expect(loader.state().warning).toBe(`could not read ${base}/team.yaml: could not fetch ${base}/team.yaml: timed out after 10000 ms; no rotation is in use`);
  });

  it('refuses plain http to a remote host', async () => {
    const { loader } = loaderWith({ url: 'http://rotation.example.com/team.yaml' });
    await loader.start();
    expect(loader.state().warning).toContain('only https URLs are fetched');
  });
});
