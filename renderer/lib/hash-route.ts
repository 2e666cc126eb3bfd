// Routes live in the hash so the same index.html works from file:// (Electron) and from the
// headless host. Syntax: "#/" (main), "#/alarm" (the compact alarm window), "#/roster",
// "#/settings". The headless host's link hands the access token over in the query ("/?token=XYZ"),
// so that the page comes with its first frame (only the token gets it: shared/first-frame-html.ts);
// it goes to the host alone (no-referrer, the host logs no URL) and the app takes it out of the
// address bar at once. A token in the hash ("#token=XYZ", "#/alarm?token=XYZ") works as well.

export const PANELS = ['incidents', 'roster', 'settings', 'history'] as const;
export type Panel = (typeof PANELS)[number];

export type Route = { view: 'main'; panel: Panel | null } | { view: 'alarm' };

export interface ParsedHash {
  route: Route;
  token: string | null;
  /** The hash to put back in the address bar: the route and any other parameters, without the token. */
  cleanHash: string;
}

export function parseHash(hash: string): ParsedHash {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  // "#token=XYZ" has no path; "#/alarm?token=XYZ" has one.
  const hasPath = body.startsWith('/');
  const queryAt = body.indexOf('?');
  const path = hasPath ? (queryAt === -1 ? body : body.slice(0, queryAt)) : '/';
  const query = hasPath ? (queryAt === -1 ? '' : body.slice(queryAt + 1)) : body;

  const params = new URLSearchParams(query);
  const token = params.get('token');
  params.delete('token');
  const rest = params.toString();

  const route = routeForPath(path);
  const cleanPath = hasPath ? path : '';
  const cleanHash = cleanPath === '' && rest === '' ? '' : `#${cleanPath || '/'}${rest ? `?${rest}` : ''}`;
  return { route, token: token === null || token === '' ? null : token, cleanHash };
}

function routeForPath(path: string): Route {
  const segment = path.replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase();
  if (segment === 'alarm') return { view: 'alarm' };
  const panel = (PANELS as readonly string[]).includes(segment) ? (segment as Panel) : null;
  return { view: 'main', panel };
}

export function hashForPanel(panel: Panel): string {
  return panel === 'incidents' ? '#/' : `#/${panel}`;
}
