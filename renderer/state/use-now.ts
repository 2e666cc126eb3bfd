import { useSnapshotQuery } from './snapshot-query.ts';
import { useWallClock } from './now-ticker.ts';
import { estimateServerNow } from '../lib/snapshot-sync.ts';

/**
 * "Now" on the core's clock, ticking once a second. Deadlines in the snapshot are on the core's
 * clock, so countdowns must be too (a skewed laptop clock must not show the wrong time left).
 */
export function useNow(): number {
  const wall = useWallClock();
  const { data, dataUpdatedAt } = useSnapshotQuery();
  if (!data) return wall;
  return estimateServerNow(wall, data.generatedAt, dataUpdatedAt);
}
