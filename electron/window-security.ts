import type { WebPreferences } from 'electron';
import { checkExternalLink } from '../shared/link-allowlist.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';

// The Electron security checklist in code, applied to every window and session the app makes.
// The renderer shows untrusted alert text, so it runs as if it were hostile: isolated, sandboxed,
// no Node, unable to navigate, open windows, attach webviews or get any permission.

export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
    // An alarm must be audible without the user having clicked the window first.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of WebContents hardened here (WebContents satisfies it). */
export interface GuardableWebContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenWebContentsInput {
  /** Where an allowlisted link from window.open goes (the OS browser, via shell.openExternal). */
  openExternal(url: string): Promise<void>;
  onBlocked?(what: string, url: string): void;
}

export function hardenWebContents(contents: GuardableWebContents, input: HardenWebContentsInput): void {
  // The renderer is a single-page app: hash routes do not fire will-navigate, so any real
  // navigation is either a bug or an attack, and is stopped. Links go through api.openLink.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    input.onBlocked?.('navigation', url);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    input.onBlocked?.('redirect', url);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    input.onBlocked?.('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const verdict = checkExternalLink(url);
    if (verdict.ok) {
      input.openExternal(verdict.url).catch((error: unknown) => input.onBlocked?.(`external open failed: ${String(error)}`, url));
    } else {
      input.onBlocked?.(`window.open (${verdict.reason})`, url);
    }
    return { action: 'deny' };
  });
}

export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

/** The parts of Session hardened here (Session satisfies it). */
export interface GuardableSession {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(listener: ((details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void) => void) | null): void;
  };
}

/** Adds `policy` (by default the plain CSP) to responses for our own renderer, replacing any the server sent. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy = CONTENT_SECURITY_POLICY): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/**
 * `pagePolicy` is the policy our page is served with (core/runtime/page-content-security-policy.ts
 * readPageContentSecurityPolicy): it allows the page's inline stylesheet by hash, so the header this
 * hook puts on the page must be that one, or the page would lose its styles.
 */
export function hardenSession(session: GuardableSession, input: { isAppUrl(url: string): boolean; pagePolicy?: string }): void {
  // Vigil needs no camera, microphone, geolocation, notifications-from-web, HID, serial, ...:
  // native notifications come from the main process.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The vigil:// handler (app-protocol.ts) puts the policy on its own responses; this is what puts
  // it on the Vite dev server's page in development. renderer/index.html also carries it as a
  // <meta>, for a page that somehow arrives without the header.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!input.isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, input.pagePolicy) });
  });
}
