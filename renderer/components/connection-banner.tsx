import type { ConnectionState } from '../api/http-api.ts';

/** Says so when pushed updates stopped, so nobody trusts a frozen screen during an incident. */
export function ConnectionBanner({ connection }: { connection: ConnectionState }) {
  if (connection === 'open' || connection === 'connecting') return null;
  return (
    <p className="banner banner--warning" data-testid="connection-banner" role="status">
      Lost the connection to the Vigil core — reconnecting. What you see may be out of date until it is back.
    </p>
  );
}
