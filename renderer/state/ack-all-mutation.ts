import { useMutation } from '@tanstack/react-query';
import type { IncidentAckResult } from '../../shared/ipc-contract.ts';
import { MAX_ACK_INCIDENTS } from '../../shared/ipc-request-names.ts';
import type { AckAllRun } from '../lib/ack-all.ts';
import { useVigilApi } from './api-context.tsx';

/**
 * "Acknowledge all ringing": one ackIncidents request; the core makes one silence per incident, a
 * few at a time, and answers each incident's outcome. Progress meanwhile comes from the snapshots
 * the core pushes as each ack lands (see lib/ack-all.ts). A storm beyond the request's limit is
 * acknowledged most urgent first; what is left keeps ringing for the next click.
 */
export function useAckAll() {
  const api = useVigilApi();
  return useMutation({
    mutationKey: ['ack-all'],
    mutationFn: async (run: AckAllRun): Promise<IncidentAckResult[]> => {
      const incidentKeys = run.incidents.slice(0, MAX_ACK_INCIDENTS).map((incident) => incident.key);
      return (await api.ackIncidents({ incidentKeys, via: 'window' })).results;
    },
  });
}
