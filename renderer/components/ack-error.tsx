import { useAckPending, useLastAckError } from '../state/ack-mutation.ts';
import { SafeText } from './safe-text.tsx';

/** Why the last ack failed: the core's word first (it saw Alertmanager's answer), else this window's. */
export function AckError({ incidentKey, coreError }: { incidentKey: string; coreError: string | null }) {
  const localError = useLastAckError(incidentKey);
  const pending = useAckPending(incidentKey);
  const error = coreError ?? (pending ? null : localError);
  if (!error) return null;
  return (
    <p className="ack-error" data-testid="ack-error" role="alert">
      Acknowledgement failed: <SafeText value={error} limit={500} /> — the alarm keeps ringing; try again.
    </p>
  );
}
