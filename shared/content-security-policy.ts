// The renderer's Content-Security-Policy, in one place with no imports: the Electron session and the
// headless host send it as a response header, and renderer/index.html carries it as a <meta> (the
// only way a policy reaches a file:// page). Nothing is loaded from anywhere but the app itself: no
// inline script, no eval, no remote fetch, no framing, no form posts. There is no media-src on
// purpose: the alarm sound is synthesised with Web Audio, which fetches nothing.
//
// One exception to "no inline": the built page carries the app's main stylesheet in a <style>
// element (vite.config.ts inlineEntryStylesheet), so that its first frame is painted without
// waiting for a second request. That element, and only it, is allowed by its SHA-256 hash: the
// page's policy names it (core/runtime/page-content-security-policy.ts), every other answer's does
// not, and no other inline style or script can run.

/** The directives, with `styleSources` (CSP hash sources such as 'sha256-…') added to style-src. */
function directives(styleSources: readonly string[]): string[] {
  return [
    "default-src 'none'",
    "script-src 'self'",
    ["style-src 'self'", ...styleSources].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
}

/** The policy as a response header sends it, allowing the inline styles `styleSources` name. */
export function contentSecurityPolicy(styleSources: readonly string[] = []): string {
  return directives(styleSources).join('; ');
}

/**
 * The same policy as a <meta> can carry it: browsers ignore frame-ancestors there (and log an
 * error), so renderer/index.html leaves it out and the header supplies it.
 */
export function metaContentSecurityPolicy(styleSources: readonly string[] = []): string {
  return directives(styleSources)
    .filter((d) => !d.startsWith('frame-ancestors '))
    .join('; ');
}

/** The policy of every answer that is not a page with inline styles (files, the API, refusals). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** renderer/index.html's <meta> policy before the build adds its stylesheet's hash. */
export const META_CONTENT_SECURITY_POLICY = metaContentSecurityPolicy();
