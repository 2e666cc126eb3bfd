import type { SourceHealth } from '../../shared/domain.ts';
import type { SourceFetch } from '../alertmanager/source-fetch.ts';
import type { SourcePollOutcome } from '../alertmanager/source-poller.ts';

// Each source's health as the window, the tray and the blind alarm read it: when it last
// answered, since when it fails, what its last answer held back, and its dead man's switch.
export class SourceHealthBook {
  readonly #health = new Map<string, SourceHealth>();

  constructor(sources: ReadonlyArray<{ id: string; name: string; urls: string[] }>) {
    for (const s of sources) {
      this.#health.set(s.id, {
        id: s.id, name: s.name, urls: s.urls, state: 'unknown', lastSuccessAt: null, lastAttemptAt: null, error: null, consecutiveFailures: 0,
        quarantined: 0, alertCount: 0, failingSince: null, held: 0, heldReason: null, watchdogMissingSince: null,
      });
    }
  }

  /** Records one poll; false for a source this engine does not know. */
  record(sourceId: string, outcome: SourcePollOutcome<SourceFetch>): boolean {
    const health = this.#health.get(sourceId);
    if (!health) return false;
    health.lastAttemptAt = outcome.at;
    if (!outcome.ok) {
      Object.assign(health, { state: 'unhealthy', error: outcome.error, consecutiveFailures: health.consecutiveFailures + 1, failingSince: health.failingSince ?? outcome.at });
      return true;
    }
    const { fetch } = outcome;
    const notes: string[] = [];
    if (fetch.quarantined > 0) notes.push(`${fetch.quarantined} item(s) broke the schema and were set aside`);
    if (fetch.partialErrors.length > 0) notes.push(`partly unreachable: ${fetch.partialErrors.join('; ')}`);
    Object.assign(health, {
      state: 'ok',
      lastSuccessAt: outcome.at,
      error: notes.length > 0 ? notes.join('; ') : null,
      consecutiveFailures: 0,
      failingSince: null,
      quarantined: fetch.quarantined,
      alertCount: fetch.alerts.length - fetch.held,
      held: fetch.held,
      heldReason: fetch.heldReason,
      watchdogMissingSince: fetch.watchdogFiring === false ? (health.watchdogMissingSince ?? outcome.at) : fetch.watchdogFiring === true ? null : health.watchdogMissingSince,
    });
    return true;
  }

  isHealthy(sourceId: string): boolean {
    const health = this.#health.get(sourceId);
    return health !== undefined && health.state === 'ok' && health.error === null && health.watchdogMissingSince === null;
  }

  all(): SourceHealth[] {
    return [...this.#health.values()].map((h) => ({ ...h }));
  }
}
