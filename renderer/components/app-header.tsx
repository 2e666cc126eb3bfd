import type { AppSnapshot } from '../../shared/domain.ts';
import type { ConnectionState } from '../api/http-api.ts';
import { SafeText } from './safe-text.tsx';

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  open: 'live',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  closed: 'disconnected',
};

export function AppHeader({ snapshot, connection }: { snapshot: AppSnapshot; connection: ConnectionState }) {
  const myRoles = snapshot.roster?.myRoles ?? [];
  return (
    <header className="app-header">
      <h1 className="app-header__name">Vigil</h1>
      <span className="app-header__me" data-testid="me">
        <span className="muted">you are </span>
        <SafeText value={snapshot.me.name ?? snapshot.me.id} limit={80} />
        {snapshot.me.name ? (
          <span className="muted">
            {' '}
            (<SafeText value={snapshot.me.id} limit={80} />)
          </span>
        ) : null}
      </span>
      {myRoles.length > 0 ? (
        <span className="badge badge--on-call" data-testid="on-call-badge">
          On call: <SafeText value={myRoles.join(', ')} limit={120} />
        </span>
      ) : null}
      <span className={`app-header__connection connection--${connection}`} data-testid="connection-state" data-state={connection}>
        {CONNECTION_TEXT[connection]}
      </span>
    </header>
  );
}
