import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { locateRendererFile, readRendererFile } from './renderer-files.ts';

const root = path.resolve('/opt/vigil/dist/renderer');

describe('locateRendererFile', () => {
  it('maps URL paths inside the folder to files with their Content-Type', () => {
    expect(locateRendererFile(root, '/')).toEqual({ ok: true, path: path.join(root, 'index.html'), type: 'text/html; charset=utf-8' });
    expect(locateRendererFile(root, '')).toMatchObject({ ok: true, path: path.join(root, 'index.html') });
    expect(locateRendererFile(root, '/assets/index-Ab1.js')).toEqual({ ok: true, path: path.join(root, 'assets', 'index-Ab1.js'), type: 'text/javascript; charset=utf-8' });
    expect(locateRendererFile(root, '/assets/index.CSS')).toMatchObject({ type: 'text/css; charset=utf-8' });
    expect(locateRendererFile(root, '/assets/font.woff2')).toMatchObject({ type: 'font/woff2' });
    expect(locateRendererFile(root, '/LICENSE')).toMatchObject({ type: 'application/octet-stream' });
    expect(locateRendererFile(root, '/a%20b.js')).toMatchObject({ path: path.join(root, 'a b.js') });
  });

  // Paths that never went through a URL parser, so their dot segments are still there.
  it.each(['/../secret', '/assets/../../secret', '/..', '/./index.html', '/..%2Fsecret', '/%2e%2e/secret', '/..\\secret', '/assets\\..\\..\\secret', '/C:/Windows/win.ini', '/index.html:stream'])('refuses %s as outside the folder', (urlPath) => {
    expect(locateRendererFile(root, urlPath)).toEqual({ ok: false, status: 404, reason: 'outside the renderer folder' });
  });

  it('keeps absolute paths inside the folder', () => {
    expect(locateRendererFile(root, '//etc/passwd')).toMatchObject({ ok: true, path: path.join(root, 'etc', 'passwd') });
    expect(locateRendererFile(root, '/%2Fetc%2Fpasswd')).toMatchObject({ ok: true, path: path.join(root, 'etc', 'passwd') });
  });

  it('answers 400 to malformed escapes and NUL', () => {
    expect(locateRendererFile(root, '/%E0%A4%A')).toEqual({ ok: false, status: 400, reason: 'malformed percent-encoding' });
    expect(locateRendererFile(root, '/%')).toMatchObject({ status: 400 });
    expect(locateRendererFile(root, '/index.html%00')).toEqual({ ok: false, status: 400, reason: 'NUL in path' });
  });

  it('never throws and never leaves the folder, whatever the path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', '%2e', '%2E%2e', '%2F', '%5C', '/', '\\', '%', '%E0', '%00', 'a', 'index.html', ':', 'C:', '~', '%252e'), { maxLength: 12 }), fc.string(), (parts, tail) => {
        const result = locateRendererFile(root, `/${parts.join('')}${tail}`);
        if (result.ok) expect(result.path.startsWith(root + path.sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readRendererFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-renderer-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file, and answers 404 for a missing file or a folder', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<p>ok</p>');
    const found = await readRendererFile(dir, '/');
    expect(found.ok && found.body.toString()).toBe('<p>ok</p>');
    expect(await readRendererFile(dir, '/missing.js')).toEqual({ ok: false, status: 404, reason: 'not found' });
    expect(await readRendererFile(path.dirname(dir), `/${path.basename(dir)}/`)).toEqual({ ok: false, status: 404, reason: 'not found' });
  });
});
