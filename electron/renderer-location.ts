import path from 'node:path';
import { APP_ENTRY_URL, isAppEntryUrl } from './app-protocol.ts';

// Where the renderer and preload live, and the one question every security check asks:
// "is this URL our own renderer?". The windows load vigil://app/index.html (electron/app-protocol.ts
// serves it from the built renderer folder), and exactly that document is trusted: not any
// file:// page, not another path or host of the scheme.

export interface RendererLocation {
  preloadPath: string;
  /** The built renderer (dist/renderer), served under vigil://app/. */
  rendererDir: string;
  /** What the windows load: vigil://app/index.html, or the Vite dev server in development. */
  url: string;
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
  const rendererDir = path.join(input.mainDir, '..', 'renderer');
  if (!input.isPackaged && input.devServerUrl) {
    const devUrl = parse(input.devServerUrl);
    // The dev server gets the same trust as our files, so it must be a loopback http(s) origin.
    if (!devUrl || (devUrl.protocol !== 'http:' && devUrl.protocol !== 'https:') || !LOOPBACK_HOSTS.has(devUrl.hostname)) {
      throw new Error(`VITE_DEV_SERVER_URL must be a loopback http(s) URL, got ${JSON.stringify(input.devServerUrl)}`);
    }
    const origin = devUrl.origin;
    return { preloadPath, rendererDir, url: devUrl.toString(), isAppUrl: (url) => parse(url)?.origin === origin };
  }
  return { preloadPath, rendererDir, url: APP_ENTRY_URL, isAppUrl: isAppEntryUrl };
}
