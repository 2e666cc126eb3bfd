/** Input the client got wrong: answered 400 with this message, and not logged as a bug of ours. */
export class MalformedRequestError extends Error {}

/**
 * Splits the request target ("/path?query") into its path and query without `new URL`, which
 * throws on some targets and reads `//evil.example/x` as a host. Only the origin form (starting
 * with a single path) is ours to serve; `*`, `http://…` and `//…` are malformed here.
 */
export function parseTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  if (!target?.startsWith('/') || target.startsWith('//')) throw new MalformedRequestError('malformed request target: expected a path like /index.html');
  const at = target.indexOf('?');
  return at === -1 ? { path: target, query: new URLSearchParams() } : { path: target.slice(0, at), query: new URLSearchParams(target.slice(at + 1)) };
}

/** decodeURIComponent, with a bad escape (`%`, `%zz`, a cut UTF-8 sequence) reported as the client's error. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new MalformedRequestError('malformed percent-escape in the path');
  }
}
