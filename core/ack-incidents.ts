import type { AckResult, IncidentAckResult } from '../shared/ipc-contract.ts';

// "Acknowledge all ringing" in an alarm storm: one ack (one Alertmanager silence) per incident,
// a few at a time, so 300 acks neither queue behind each other for minutes nor flood the shared
// Alertmanager with 300 concurrent POSTs. Lives in the core so it finishes if the window closes.

export const ACK_CONCURRENCY = 4;

/** Runs `ack` once per distinct key, at most `concurrency` at once; one result per key, in the keys' order. */
export async function ackIncidents(
  incidentKeys: readonly string[],
  ack: (incidentKey: string) => Promise<AckResult>,
  concurrency = ACK_CONCURRENCY,
): Promise<IncidentAckResult[]> {
  const keys = [...new Set(incidentKeys)];
  const results: IncidentAckResult[] = new Array(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const index = next++;
      const incidentKey = keys[index]!;
      try {
        results[index] = { incidentKey, ...(await ack(incidentKey)) };
      } catch (error) {
        // One incident's failure is its own result; the others go on.
        results[index] = { incidentKey, ok: false, silenceId: null, error: (error as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, keys.length)) }, worker));
  return results;
}
