import type { CustomScheme } from 'electron';
import { readRendererFile } from '../core/runtime/renderer-files.ts';
import { contentSecurityPolicyFor } from '../core/runtime/page-content-security-policy.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';
import { pageWithFirstFrame, wantsFirstFrame } from '../shared/first-frame-html.ts';

// The renderer is served from vigil://app/, not file://. A file:// page shares its "origin" with
// every file on disk, and the packaged app turns off the fuse that gives file:// extra privileges
// (grantFileProtocolExtraPrivileges: false in electron-builder.yml), which Electron documents as
// the setting for apps that serve their pages from a custom protocol. Here the page has an origin
// of its own that nothing else can load from, every response carries our CSP as a header, and
// only files inside the built renderer folder are ever answered.

export const APP_SCHEME = 'vigil';
export const APP_HOST = 'app';
/** The document every Vigil window loads (the alarm window adds #/alarm). */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: a real origin (vigil://app) for 'self' in the CSP, relative asset URLs and web storage;
 * secure: a secure context like https; supportFetchAPI: the renderer's module scripts and fetch may
 * load from it. Deliberately not corsEnabled (other origins could then read our files), bypassCSP,
 * allowServiceWorkers or stream.
 */
export const APP_SCHEME_REGISTRATION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for our renderer document, whatever its hash route or query. */
export function isAppEntryUrl(url: string): boolean {
  const candidate = parse(url);
  return candidate !== null && candidate.protocol === `${APP_SCHEME}:` && candidate.host === APP_HOST && candidate.pathname === '/index.html';
}

function headers(contentType: string, policy = CONTENT_SECURITY_POLICY): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': policy, 'X-Content-Type-Options': 'nosniff' };
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: headers('text/plain; charset=utf-8') });
}

export interface AppProtocolOptions {
  /** The main window's first frame (shared/first-frame-html.ts firstFrameHtml of the core's snapshot now). */
  firstFrame?: () => string;
  /** Told when the first frame could not be built; the page is then served without it. */
  onFirstFrameError?: (error: unknown) => void;
}

/** The protocol.handle handler for APP_SCHEME: files of `rendererDir` only, with the CSP on every answer. */
export function createAppProtocolHandler(rendererDir: string, options: AppProtocolOptions = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const url = parse(request.url);
      if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'not found');
      if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
      const file = await readRendererFile(rendererDir, url.pathname);
      if (!file.ok) return refusal(file.status, file.reason);
      // A page allows its own inline stylesheet by hash; every other file gets the plain policy.
      const policy = contentSecurityPolicyFor(file);
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers: headers(file.type, policy) });
      const { firstFrame, onFirstFrameError } = options;
      const body = firstFrame && wantsFirstFrame(url.pathname, url.searchParams) ? pageWithFirstFrame(file.body, firstFrame, (error) => onFirstFrameError?.(error)) : file.body;
      return new Response(body, { status: 200, headers: headers(file.type, policy) });
    } catch (error) {
      // A throw here would surface as a failed load with no explanation; answer instead.
      return refusal(500, `could not serve: ${String(error)}`);
    }
  };
}
