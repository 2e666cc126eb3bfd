import type { SourceHealth } from '../../shared/domain.ts';

// A pager that cannot see is worse than none, because its user believes they are covered. While I
// am on call, a source that has failed for longer than `blindAfterMs`, or whose dead man's switch
// (an always-firing Watchdog alert) has been missing that long, becomes an alarm of its own.

export interface BlindSpot {
  key: string;
  sourceId: string;
  title: string;
  reason: string;
  /** When the blindness started (first failed poll, or the watchdog first missed). */
  since: number;
  /** When it became an alarm: since + blindAfterMs. */
  pageAt: number;
}

export const BLIND_KEY_PREFIX = 'vigil-blind-';

export function blindSpots(sources: readonly SourceHealth[], input: { nowMs: number; blindAfterMs: number; onCall: boolean }): { spots: BlindSpot[]; nextAt: number | null } {
  const spots: BlindSpot[] = [];
  let nextAt: number | null = null;
  if (!input.onCall) return { spots, nextAt };
  for (const source of sources) {
    const unreachable = source.failingSince;
    const watchdog = source.watchdogMissingSince;
    const since = unreachable ?? watchdog;
    if (since === null) continue;
    const pageAt = since + input.blindAfterMs;
    if (pageAt > input.nowMs) {
      nextAt = nextAt === null ? pageAt : Math.min(nextAt, pageAt);
      continue;
    }
    const reason = unreachable !== null ? `unreachable since ${new Date(unreachable).toISOString()}: ${source.error ?? 'no answer'}` : `its dead man's switch (the always-firing Watchdog alert) has been missing since ${new Date(watchdog!).toISOString()}: Prometheus may no longer reach it`;
    spots.push({ key: `${BLIND_KEY_PREFIX}${source.id}`, sourceId: source.id, title: `Vigil cannot see ${source.name}`, reason, since, pageAt });
  }
  return { spots, nextAt };
}
