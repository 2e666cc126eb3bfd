import { useIsMutating, useMutation, useMutationState } from '@tanstack/react-query';
import type { AckResult, RequestArgs } from '../../shared/ipc-contract.ts';
import { useVigilApi } from './api-context.tsx';

export type AckVia = RequestArgs<'ackIncident'>['via'];
type AckArgs = { incidentKey: string; via: AckVia };

const ackMutationKey = ['ack'] as const;

/**
 * Acknowledge an incident. The core turns it into an Alertmanager silence and publishes the
 * outcome in the snapshot (alarm.acking / alarm.ackError / incident.ack); a failed AckResult
 * is surfaced as an error here too in case no snapshot follows (e.g. the incident vanished).
 * All acks share one mutation key, so a keyboard ack shows on the banner's button as well.
 */
export function useAck() {
  const api = useVigilApi();
  return useMutation({
    mutationKey: ackMutationKey,
    mutationFn: async (args: AckArgs): Promise<AckResult> => {
      const result = await api.ackIncident(args);
      if (!result.ok) throw new Error(result.error ?? 'acknowledgement failed');
      return result;
    },
  });
}

/** Whether an ack for this incident is in flight from any button or key. */
export function useAckPending(incidentKey: string): boolean {
  return (
    useIsMutating({ mutationKey: ackMutationKey, predicate: (m) => (m.state.variables as AckArgs | undefined)?.incidentKey === incidentKey }) > 0
  );
}

/** The error of the latest ack attempt for this incident from this window, if it failed. */
export function useLastAckError(incidentKey: string): string | null {
  const states = useMutationState({
    filters: { mutationKey: ackMutationKey, predicate: (m) => (m.state.variables as AckArgs | undefined)?.incidentKey === incidentKey },
    select: (m) => ({ status: m.state.status, error: m.state.error }),
  });
  const last = states[states.length - 1];
  return last?.status === 'error' ? (last.error?.message ?? 'acknowledgement failed') : null;
}
