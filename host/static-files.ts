import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { decodePath } from './malformed-request.ts';

// A Map, since the extension comes from the request.
const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.json', 'application/json'],
  ['.map', 'application/json'],
  ['.woff2', 'font/woff2'],
]);

/** Reads a file of the built renderer, refusing anything that escapes its folder; a bad escape throws MalformedRequestError. */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const relative = decodePath(urlPath.split('?')[0] ?? '/').replace(/^\/+/, '') || 'index.html';
  const full = normalize(join(root, relative));
  if (!full.startsWith(normalize(root) + sep)) return null;
  try {
    return { body: await readFile(full), type: TYPES.get(extname(full)) ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
