import { buildAckSilence, extendedAckSilence, parseAckSilence } from '../../shared/ack/ack-silence.ts';
import type { AmSilence } from '../../shared/alertmanager-schemas.ts';
import type { AckVia, LabelSet } from '../../shared/domain.ts';
import type { AlertmanagerApi } from '../ports.ts';

// Turning an ack into an Alertmanager silence, and keeping it alive. Kept apart from the engine so
// the rules about duplicates and confirmation read in one place.

export interface AckTarget {
  incidentKey: string;
  groupLabels: LabelSet;
  title: string;
}

/** An active Vigil ack silence I already made for this incident (a POST that timed out may have landed). */
export async function findMyAckSilence(api: AlertmanagerApi, target: AckTarget, me: string, nowMs: number): Promise<AmSilence | null> {
  const silences = await api.listSilences();
  return (
    silences.find((s) => {
      const ack = parseAckSilence(s);
      return ack !== null && ack.incidentKey === target.incidentKey && s.createdBy === me && s.status.state !== 'expired' && Date.parse(s.endsAt) > nowMs;
    }) ?? null
  );
}

/**
 * Look first, then create: a retry after a failed or timed-out POST must not make a second silence.
 * The returned silence was read back from the Alertmanager that took it (createSilence confirms).
 */
export async function acknowledgeOnSource(api: AlertmanagerApi, target: AckTarget, input: { me: string; via: AckVia; nowMs: number; durationMs: number }): Promise<{ silence: AmSilence; reused: boolean }> {
  const existing = await findMyAckSilence(api, target, input.me, input.nowMs);
  if (existing) return { silence: existing, reused: true };
  const silence = await api.createSilence(
    buildAckSilence({ incidentKey: target.incidentKey, groupLabels: target.groupLabels, me: input.me, via: input.via, nowMs: input.nowMs, durationMs: input.durationMs, title: target.title }),
  );
  return { silence, reused: false };
}

export async function extendAckSilence(api: AlertmanagerApi, silence: AmSilence, nowMs: number, durationMs: number): Promise<AmSilence> {
  return api.createSilence(extendedAckSilence(silence, nowMs, durationMs));
}
