import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Where the renderer and preload live, and the one question every security check asks:
// "is this URL our own renderer?". Built once from the main bundle's directory so the trusted
// file:// URL is exact (dist/renderer/index.html inside the asar), not a prefix match on file://
// that any local HTML file would pass.

export interface RendererLocation {
  preloadPath: string;
  /** What the windows load: the built index.html, or the Vite dev server in development. */
  target: { kind: 'file'; path: string } | { kind: 'url'; url: string };
  /** True for our renderer document, whatever its hash route (`#/alarm`) or query. */
  isAppUrl(url: string): boolean;
}

export interface RendererLocationInput {
  /** Directory of the built main bundle (dist/electron). */
  mainDir: string;
  /** VITE_DEV_SERVER_URL; honoured only when not packaged, so an env var cannot redirect a shipped app. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function resolveRendererLocation(input: RendererLocationInput): RendererLocation {
  const preloadPath = path.join(input.mainDir, 'preload.cjs');
  if (!input.isPackaged && input.devServerUrl) {
    const devUrl = parse(input.devServerUrl);
    // The dev server gets the same trust as our files, so it must be a loopback http(s) origin.
    if (!devUrl || (devUrl.protocol !== 'http:' && devUrl.protocol !== 'https:') || !LOOPBACK_HOSTS.has(devUrl.hostname)) {
      throw new Error(`VITE_DEV_SERVER_URL must be a loopback http(s) URL, got ${JSON.stringify(input.devServerUrl)}`);
    }
    const origin = devUrl.origin;
    return {
      preloadPath,
      target: { kind: 'url', url: devUrl.toString() },
      isAppUrl: (url) => parse(url)?.origin === origin,
    };
  }
  const indexPath = path.join(input.mainDir, '..', 'renderer', 'index.html');
  const expected = pathToFileURL(indexPath);
  return {
    preloadPath,
    target: { kind: 'file', path: indexPath },
    isAppUrl: (url) => {
      const candidate = parse(url);
      return candidate !== null && candidate.protocol === 'file:' && candidate.host === expected.host && candidate.pathname === expected.pathname;
    },
  };
}
