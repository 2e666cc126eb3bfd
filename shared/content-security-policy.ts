// The renderer's Content-Security-Policy, one string for the Electron session, the headless host's
// headers and the page's <meta>: no inline script, no eval, no remote anything.
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
