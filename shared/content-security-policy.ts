// The renderer's Content-Security-Policy, in one place with no imports: the Electron session and the
// headless host send it as a response header, and renderer/index.html carries it as a <meta> (the
// only way a policy reaches a file:// page). Nothing is loaded from anywhere but the app itself: no
// inline script, no eval, no remote fetch, no framing, no form posts. There is no media-src on
// purpose: the alarm sound is synthesised with Web Audio, which fetches nothing.
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * The same policy as a <meta> can carry it: browsers ignore frame-ancestors there (and log an
 * error), so renderer/index.html leaves it out and the header supplies it.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors ')).join('; ');
