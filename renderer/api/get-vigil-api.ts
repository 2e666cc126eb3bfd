import type { VigilApi } from '../../shared/ipc-contract.ts';
import { parseHash } from '../lib/hash-route.ts';
import { createHttpApi, type HttpVigilApi } from './http-api.ts';

declare global {
  interface Window {
    /** Exposed by Electron's preload (contextBridge); absent in a plain browser. */
    vigil?: VigilApi;
  }
}

// Kept for the tab's lifetime so a reload still works after the token left the address bar.
// sessionStorage is per tab and per origin, and the host's origin is a random loopback port.
const TOKEN_STORAGE_KEY = 'vigil.token';

/**
 * Read the headless host's access token from the query or the hash once, then take it out of the address
 * bar (keeping the route) so it does not end up in screenshots, history or bookmarks.
 */
export function takeStartupToken(): string | null {
  if (startupToken === undefined) startupToken = readToken();
  return startupToken;
}

let startupToken: string | null | undefined;

function readToken(): string | null {
  const parsed = parseHash(window.location.hash);
  // The host's link carries it in the query, so the page comes with its first frame (the host
  // serves incidents only to the token); "#token=" links from before still work.
  const query = new URLSearchParams(window.location.search);
  const token = query.get('token') || parsed.token;
  if (token) {
    query.delete('token');
    const rest = query.toString();
    const search = rest ? `?${rest}` : '';
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${parsed.cleanHash}`);
    try {
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token then simply does not survive a reload.
    }
    return token;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

let cached: VigilApi | null = null;
let cachedHttp: HttpVigilApi | null = null;

/** Electron's preload API when present, else the headless host over HTTP on this page's origin. */
export function getVigilApi(): VigilApi {
  if (cached) return cached;
  if (window.vigil) cached = window.vigil;
  else cached = cachedHttp = createHttpApi(window.location.origin, takeStartupToken() ?? '');
  return cached;
}

/**
 * Open the headless host's event socket now, as the page starts (renderer/main.tsx): the host
 * builds and sends the first snapshot while the browser is still evaluating React and the app,
 * and the app's first getSnapshot takes it from the socket. Under Electron there is no socket:
 * the app asks over IPC after subscribing to pushed snapshots, as before.
 */
export function connectEarly(): void {
  getVigilApi();
  cachedHttp?.connect();
}

/** Whether this renderer runs over the HTTP transport without a token (opened without the host's link). */
export function missingToken(): boolean {
  return !window.vigil && takeStartupToken() === null;
}
