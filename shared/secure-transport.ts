// Where Vigil may send something worth stealing (a rotation that decides who is paged, an
// Alertmanager token): over https anywhere, over plain http only to a loopback host, where nothing
// crosses a network (a local proxy, tests). One rule, used by rotation feeds and Alertmanager sources.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for https, and for http to a loopback host; false for anything else (other schemes included). */
export function isSecureTransport(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}
