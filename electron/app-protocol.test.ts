import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';
import { ALARM_WINDOW_QUERY, firstFrameHtml } from '../shared/first-frame-html.ts';
import { ringing } from '../test-fixtures/test-incidents.ts';
import { APP_ENTRY_URL, APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './app-protocol.ts';

// The vigil:// handler serving a real renderer build (vite.config.ts, as `npm run build` makes it)
// from a temp folder, with a secret file right beside that folder that no URL may reach.

const SECRET = 'the-secret-next-to-the-renderer';
let dir: string;
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vigil-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false } });
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  // A sibling whose name starts like the renderer folder: a prefix check alone would let it through.
  mkdirSync(path.join(dir, 'renderer-other'));
  writeFileSync(path.join(dir, 'renderer-other', 'secret.txt'), SECRET);
  serve = createAppProtocolHandler(rendererDir);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the vigil:// scheme', () => {
  it('is registered standard and secure, and not readable by other origins', () => {
    expect(APP_SCHEME_REGISTRATION).toEqual({ scheme: 'vigil', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    expect(APP_ENTRY_URL).toBe('vigil://app/index.html');
  });
});

describe('createAppProtocolHandler', () => {
  // The build puts the main stylesheet into the page (vite.config.ts inlineEntryStylesheet): the
  // page's policy allows that <style> by its hash, as the page's own <meta> does, and nothing else.
  it('serves index.html with our CSP, its inline stylesheet allowed by hash, for the entry URL and the bare origin', async () => {
    for (const url of [APP_ENTRY_URL, 'vigil://app/', 'vigil://app']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toContain('<div id="root">');
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] as string);
      expect(styles).toHaveLength(1);
      const hash = `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`;
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${hash}`));
      expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${hash}`)}"`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  // vite.config.ts builds with base './': the built page's scripts and styles are relative URLs,
  // which resolve under vigil://app/ and are all served, each with its own type.
  it("serves the main window's page with its first frame, the alarm window's and a broken frame's without", async () => {
    const errors: unknown[] = [];
    const withFrames = createAppProtocolHandler(rendererDir, {
      firstFrame: () => firstFrameHtml({ incidents: [ringing('disk', {}, { title: '<b>DiskFilling</b>', alertCount: 10_000 })] }),
      onFirstFrameError: (error) => errors.push(error),
    });
    for (const url of [APP_ENTRY_URL, 'vigil://app/', `${APP_ENTRY_URL}#/`]) {
      const html = await (await withFrames(new Request(url))).text();
      expect(html, url).toContain('data-testid="first-frame-count">10,000 alerts<');
      expect(html).toContain('&#60;b&#62;DiskFilling&#60;/b&#62;');
      expect(html).not.toContain('Connecting to Vigil');
    }
    const alarmPage = await (await withFrames(new Request(`${APP_ENTRY_URL}?${ALARM_WINDOW_QUERY}#/alarm`))).text();
    expect(alarmPage).toContain('Connecting to Vigil');
    expect(alarmPage).not.toContain('data-testid="first-frame');

    const broken = createAppProtocolHandler(rendererDir, {
      firstFrame: () => {
        throw new Error('snapshot failed');
      },
      onFirstFrameError: (error) => errors.push(error),
    });
    const plain = await broken(new Request(APP_ENTRY_URL));
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain('Connecting to Vigil');
    expect(errors).toEqual([new Error('snapshot failed')]);
  });

  it('serves every script and stylesheet the built page references, with the right Content-Type', async () => {
    const html = await (await get(APP_ENTRY_URL)).text();
    const references = [...html.matchAll(/<(?:script|link)\b[^>]*\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string).filter((ref) => !ref.startsWith('data:'));
    const urls = references.map((ref) => new URL(ref, APP_ENTRY_URL).href);
    expect(references.every((ref) => ref.startsWith('./'))).toBe(true);
    expect(urls.some((url) => url.endsWith('.js')) && urls.some((url) => url.endsWith('.css'))).toBe(true);
    // The main stylesheet is in the page, not a file beside it.
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    for (const url of urls) {
      expect(url.startsWith('vigil://app/assets/'), url).toBe(true);
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe(url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  // A lazy chunk's dynamic import first loads what Vite lists for it (__vite__mapDeps), the
  // stylesheets too; one that is not served fails the import, and the panel with it. The main
  // stylesheet is in the page (vite.config.ts), so no list may name it.
  it('serves every file the built chunks load before a dynamic import', async () => {
    const assets = readdirSync(path.join(rendererDir, 'assets')).filter((name) => name.endsWith('.js'));
    const listed = new Set<string>();
    for (const name of assets) {
      const code = readFileSync(path.join(rendererDir, 'assets', name), 'utf8');
      for (const list of code.matchAll(/m\.f=\[([^\]]*)\]/g)) for (const dep of list[1]!.matchAll(/"\.\/([^"]+)"/g)) listed.add(dep[1]!);
    }
    expect([...listed].some((dep) => dep.endsWith('.css'))).toBe(true);
    for (const dep of listed) expect((await get(`vigil://app/assets/${dep}`)).status, dep).toBe(200);
  });

  it.each([
    'vigil://app/..%2Fsecret.txt',
    'vigil://app/%2e%2e%2fsecret.txt',
    'vigil://app/%2E%2E%2Fsecret.txt',
    'vigil://app/assets/..%2F..%2Fsecret.txt',
    'vigil://app/..%5Csecret.txt',
    'vigil://app/..%2Frenderer-other%2Fsecret.txt',
    'vigil://app/../secret.txt',
    'vigil://app/%2e%2e/secret.txt',
    'vigil://app/C:%5Csecret.txt',
  ])('refuses %s with a 404 that reveals nothing', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('refuses absolute paths to the secret, plain or encoded', async () => {
    const secretPath = path.join(dir, 'secret.txt');
    for (const url of [`vigil://app/${encodeURIComponent(secretPath)}`, `vigil://app/${secretPath.split(path.sep).map(encodeURIComponent).join('/')}`, `vigil://app//${secretPath}`]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain(SECRET);
    }
  });

  it.each(['vigil://app/%E0%A4%A', 'vigil://app/%zz', 'vigil://app/index.html%00.js', 'vigil://app/%'])('answers 400 to the malformed %s, without throwing', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for a missing file, a folder and another host, 405 for a write, and nothing in a HEAD body', async () => {
    expect((await get('vigil://app/missing.js')).status).toBe(404);
    expect((await get('vigil://app/assets/')).status).toBe(404);
    expect((await get('vigil://elsewhere/index.html')).status).toBe(404);
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await head.text()).toBe('');
  });
});
