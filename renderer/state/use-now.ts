import { useQueryClient } from '@tanstack/react-query';
import type { AppSnapshot } from '../../shared/domain.ts';
import { estimateServerNow } from '../lib/snapshot-sync.ts';
import { useWallClock } from './now-ticker.ts';
import { snapshotQueryKey } from './snapshot-query.ts';

/**
 * "Now" on the core's clock, ticking once a second. Deadlines in the snapshot are on the core's
 * clock, so countdowns must be too (a skewed laptop clock must not show the wrong time left).
 *
 * It re-renders on the tick only: the snapshot is read, not subscribed to. Countdowns in memoized
 * rows use it, and a snapshot that leaves a row as it was must not re-render that row's
 * countdown (the next tick, within a second, brings the new estimate); what a snapshot changes
 * re-renders from the top anyway.
 */
export function useNow(): number {
  const wall = useWallClock();
  const state = useQueryClient().getQueryState<AppSnapshot>(snapshotQueryKey);
  if (!state?.data) return wall;
  return estimateServerNow(wall, state.data.generatedAt, state.dataUpdatedAt);
}
