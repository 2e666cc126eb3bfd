import { SafeText } from './safe-text.tsx';

export function LoadingScreen() {
  return (
    <p className="loading" data-testid="loading" role="status">
      Connecting to Vigil…
    </p>
  );
}

export function LoadError({ message, missingToken, onRetry }: { message: string; missingToken: boolean; onRetry: () => void }) {
  return (
    <div className="load-error" data-testid="load-error" role="alert">
      <h1>Vigil cannot reach its core</h1>
      <p>
        <SafeText value={message} limit={500} />
      </p>
      {missingToken ? <p>This page was opened without its access token. Open Vigil through the link the host printed (it ends in ?token=…).</p> : null}
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
