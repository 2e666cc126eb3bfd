import type { AmAlert, AmSilence } from '../../shared/alertmanager-schemas.ts';
import type { AlertmanagerApi } from '../ports.ts';

// Silence details by id, per source. Alerts only carry silence ids (silencedBy); fetching each
// unknown id once (GET /api/v2/silence/{id}) is far cheaper than listing every silence each poll.
export interface SilenceEntry {
  silence: AmSilence;
  sourceId: string;
}

/**
 * Adds the ids of the silences muting these alerts. Indexed loops: at 10k alerts this runs twice
 * every poll and almost every list is empty, and for-of made an iterator per alert (1 MB of
 * garbage per poll, which V8 promoted and then collected in a full GC each poll).
 */
export function addSilenceIds(alerts: readonly AmAlert[], into: Set<string>): void {
  for (let i = 0; i < alerts.length; i++) {
    const ids = alerts[i]!.status.silencedBy;
    for (let j = 0; j < ids.length; j++) into.add(ids[j]!);
  }
}

export class SilenceBook {
  readonly #entries = new Map<string, SilenceEntry>();

  get(id: string): SilenceEntry | undefined {
    return this.#entries.get(id);
  }

  put(sourceId: string, silence: AmSilence): void {
    this.#entries.set(silence.id, { silence, sourceId });
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }

  /**
   * Fetches the ids we have never seen; failures are left for the next poll (the id stays
   * unknown). Returns how many were learned, so the caller knows whether to evaluate again.
   */
  async ensure(api: AlertmanagerApi, ids: Iterable<string>, concurrency = 4): Promise<number> {
    const missing = [...new Set(ids)].filter((id) => !this.#entries.has(id));
    let learned = 0;
    for (let i = 0; i < missing.length; i += concurrency) {
      await Promise.all(
        missing.slice(i, i + concurrency).map(async (id) => {
          try {
            const silence = await api.getSilence(id);
            if (silence) {
              this.put(api.sourceId, silence);
              learned += 1;
            }
          } catch {
            // Unknown for now; the alert still shows as silenced, and the next poll retries.
          }
        }),
      );
    }
    return learned;
  }

  /** Drops entries no alert refers to any more, except the ids we must keep watching. */
  prune(referenced: ReadonlySet<string>): void {
    for (const id of this.#entries.keys()) if (!referenced.has(id)) this.#entries.delete(id);
  }
}
