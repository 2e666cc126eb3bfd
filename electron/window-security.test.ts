import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';
import { hardenSession, hardenWebContents, secureWebPreferences, withContentSecurityPolicy } from './window-security.ts';
import type { GuardableSession, GuardableWebContents, HeadersDetails, PreventableEvent } from './window-security.ts';

function fakeWebContents() {
  const listeners = new Map<string, (event: PreventableEvent, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardableWebContents = {
    on(event: string, listener: (event: PreventableEvent, url: string) => void) {
      listeners.set(event, listener as (event: PreventableEvent, url?: string) => void);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const fire = (event: string, url?: string): boolean => {
    let prevented = false;
    const listener = listeners.get(event);
    if (!listener) throw new Error(`no ${event} listener`);
    listener({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  const windowOpen = (url: string) => {
    if (!openHandler) throw new Error('no window open handler');
    return openHandler({ url });
  };
  return { contents, fire, windowOpen };
}

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('hardenWebContents', () => {
  it('prevents every navigation, redirect and webview attachment', () => {
    const blocked: string[] = [];
    const { contents, fire } = fakeWebContents();
    hardenWebContents(contents, { openExternal: async () => undefined, onBlocked: (what, url) => blocked.push(`${what} ${url}`) });
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/r')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(blocked).toEqual(['navigation https://evil.example/', 'redirect https://evil.example/r', 'webview ']);
  });

  it('denies window.open, handing only allowlisted links to the OS browser', async () => {
    const opened: string[] = [];
    const { contents, windowOpen } = fakeWebContents();
    hardenWebContents(contents, { openExternal: async (url) => void opened.push(url) });
    expect(windowOpen('https://runbooks.example/api-errors')).toEqual({ action: 'deny' });
    expect(windowOpen('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(windowOpen('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(windowOpen('https://user:pw@grafana.example/')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://runbooks.example/api-errors']);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const state: {
      request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (wc: unknown, permission: string) => boolean;
      device?: (details: unknown) => boolean;
      headers?: (details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void) => void;
    } = {};
    const session: GuardableSession = {
      setPermissionRequestHandler: (handler) => void (state.request = handler ?? undefined),
      setPermissionCheckHandler: (handler) => void (state.check = handler ?? undefined),
      setDevicePermissionHandler: (handler) => void (state.device = handler ?? undefined),
      webRequest: { onHeadersReceived: (listener) => void (state.headers = listener ?? undefined) },
    };
    return { session, state };
  }

  it('denies every permission request and check', () => {
    const { session, state } = fakeSession();
    hardenSession(session, { isAppUrl: () => true });
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) state.request?.({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(state.check?.({}, 'media')).toBe(false);
    expect(state.device?.({ deviceType: 'hid' })).toBe(false);
  });

  it('adds the CSP header to our renderer responses, replacing a weaker one, and leaves others alone', () => {
    const { session, state } = fakeSession();
    hardenSession(session, { isAppUrl: (url) => url.startsWith('http://localhost:5173/') });
    const responses: unknown[] = [];
    state.headers?.({ url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, (r) => responses.push(r));
    state.headers?.({ url: 'https://elsewhere.example/', responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => responses.push(r));
    expect(responses).toEqual([{ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }, {}]);
  });

  // The built page carries its stylesheet inline, allowed by hash: the header this hook puts on the
  // page must be the page's own policy, or the window would lose its styles.
  it("puts the page's own policy on our renderer's responses when it is given one", () => {
    const { session, state } = fakeSession();
    const pagePolicy = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='");
    hardenSession(session, { isAppUrl: (url) => url === 'vigil://app/index.html', pagePolicy });
    const responses: unknown[] = [];
    state.headers?.({ url: 'vigil://app/index.html', responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }, (r) => responses.push(r));
    expect(responses).toEqual([{ responseHeaders: { 'Content-Security-Policy': [pagePolicy] } }]);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and styles, and nothing remote', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  // The <meta> in renderer/index.html backs up the header (electron/app-protocol.ts, the host); it
  // must say the same thing.
  it.runIf(existsSync('renderer/index.html'))('renderer/index.html carries the same policy as a <meta> (less the header-only frame-ancestors)', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const tag = (html.match(/<meta\b[^>]*>/gi) ?? []).find((t) => /http-equiv=["']Content-Security-Policy["']/i.test(t));
    // The policy contains single quotes ('self'), so the attribute is double-quoted.
    const content = tag ? /\bcontent="([^"]*)"/i.exec(tag)?.[1] : undefined;
    expect(content?.replace(/\s+/g, ' ').trim()).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});
