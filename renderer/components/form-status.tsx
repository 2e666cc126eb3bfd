import { SafeText } from './safe-text.tsx';

/** Outcome of a settings save: the core's validation error verbatim, or a short confirmation. */
export function FormStatus({ error, saved }: { error: Error | null; saved: boolean }) {
  if (error) {
    return (
      <p className="error" data-testid="settings-error" role="alert">
        Not saved: <SafeText value={error.message} limit={1000} />
      </p>
    );
  }
  if (saved) {
    return (
      <p className="ok" data-testid="settings-saved" role="status">
        Saved.
      </p>
    );
  }
  return null;
}
