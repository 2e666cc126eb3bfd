import { isSecureTransport } from '../secure-transport.ts';

// Rules for the remote documents a rotation comes from (the rotation YAML itself and ICS feeds).

/**
 * Rotations decide who gets paged, so they are fetched over https only. Plain http is accepted
 * for loopback hosts, where nothing crosses a network (local proxies, tests).
 */
export function feedUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${redactUrl(text)}" is not a URL`;
  }
  if (isSecureTransport(url)) return null;
  return `${redactUrl(text)}: only https URLs are fetched (http only on localhost)`;
}

/**
 * ICS export links (PagerDuty, Opsgenie, Grafana OnCall) carry their secret token in the path
 * or query string, so anything shown to a user or written to a log keeps the host and the
 * first path segment only.
 */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    const first = url.pathname.split('/').filter(Boolean)[0];
    const more = url.pathname.split('/').filter(Boolean).length > 1 || url.search !== '';
    return `${url.protocol}//${url.host}${first ? `/${first}` : ''}${more ? '/…' : ''}`;
  } catch {
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }
}
