// Links come from untrusted text (annotations, runbooks, rotation contacts). Only these schemes
// may reach the OS; everything else (javascript:, file:, data:, custom handlers) is refused.
const ALLOWED_SCHEMES = new Set(['https:', 'http:', 'mailto:', 'tel:', 'slack:']);

export type LinkVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalLink(raw: string): LinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return { ok: false, reason: 'empty or oversized link' };
  // Control and bidi characters have no place in a URL and are a classic spoofing trick.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(raw)) return { ok: false, reason: 'link contains control characters' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if ((url.protocol === 'http:' || url.protocol === 'https:') && (url.username || url.password)) {
    return { ok: false, reason: 'links with credentials are not opened' };
  }
  return { ok: true, url: url.toString() };
}
