import { readFile } from 'node:fs/promises';
import path from 'node:path';

// The built renderer's files (dist/renderer) as a URL path asks for them: the Electron app serves
// them under vigil://app/ (electron/app-protocol.ts). The path comes from a request, so it is
// untrusted: whatever it says, the answer is a file inside the folder or a refusal, never a throw.

const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.json', 'application/json'],
  ['.map', 'application/json'],
  ['.woff2', 'font/woff2'],
]);

export type RendererFileRefusal = { ok: false; status: 400 | 404; reason: string };
export type RendererFileLookup = { ok: true; path: string; type: string } | RendererFileRefusal;
export type RendererFile = { ok: true; body: Buffer; type: string } | RendererFileRefusal;

const refuse = (status: 400 | 404, reason: string): RendererFileRefusal => ({ ok: false, status, reason });

/**
 * Where `urlPath` (a URL's pathname, still percent-encoded, no query) points inside `root`, and its
 * Content-Type. The empty path and "/" mean index.html.
 */
export function locateRendererFile(root: string, urlPath: string): RendererFileLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\0')) return refuse(400, 'NUL in path');
  const segments = decoded.split('/').filter((segment) => segment !== '');
  // URL parsers resolve dot segments before a request is made, so one that is still here came in
  // encoded (%2F, %5C) to climb out. A backslash is a separator on Windows and a colon starts a
  // drive letter or an NTFS stream: none of them names a file of ours.
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\\') || segment.includes(':'))) {
    return refuse(404, 'outside the renderer folder');
  }
  const base = path.resolve(root);
  const full = path.resolve(base, ...(segments.length > 0 ? segments : ['index.html']));
  // Belt and braces for whatever the checks above did not think of.
  if (!full.startsWith(base + path.sep)) return refuse(404, 'outside the renderer folder');
  return { ok: true, path: full, type: CONTENT_TYPES.get(path.extname(full).toLowerCase()) ?? 'application/octet-stream' };
}

/** Reads the file `urlPath` names inside `root` (see locateRendererFile); missing files and folders are 404. */
export async function readRendererFile(root: string, urlPath: string): Promise<RendererFile> {
  const located = locateRendererFile(root, urlPath);
  if (!located.ok) return located;
  try {
    return { ok: true, body: await readFile(located.path), type: located.type };
  } catch {
    return refuse(404, 'not found');
  }
}
