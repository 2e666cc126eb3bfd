import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppSnapshot } from '../../shared/domain.ts';
import type { VigilApi } from '../../shared/ipc-contract.ts';
import { changedIncidentKeys, fresherSnapshot, settingsMayHaveChanged } from '../lib/snapshot-sync.ts';
import { useVigilApi } from './api-context.tsx';

// The AppSnapshot is fetched once and then kept current by pushed 'snapshot' events; the
// renderer never polls (the main process owns every timer that talks to Alertmanager).

export const snapshotQueryKey = ['snapshot'] as const;
export const timelineQueryKey = (incidentKey: string) => ['timeline', incidentKey] as const;
export const settingsQueryKey = ['settings'] as const;
/** One occurrence's runbook checklist; without the occurrence, every cached one of the incident. */
export const runbookQueryKey = (incidentKey: string, occurrenceId?: string) => (occurrenceId === undefined ? ['runbook', incidentKey] : ['runbook', incidentKey, occurrenceId]);

export function snapshotQueryOptions(api: VigilApi, queryClient: QueryClient) {
  return {
    queryKey: snapshotQueryKey,
    queryFn: async () => fresherSnapshot(queryClient.getQueryData<AppSnapshot>(snapshotQueryKey), await api.getSnapshot({})),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  };
}

/** Fold a pushed snapshot into the cache and invalidate what it makes stale. */
export function applySnapshot(queryClient: QueryClient, next: AppSnapshot): void {
  const previous = queryClient.getQueryData<AppSnapshot>(snapshotQueryKey);
  queryClient.setQueryData(snapshotQueryKey, next);
  const cachedTimelines = new Set(
    queryClient
      .getQueryCache()
      .findAll({ queryKey: ['timeline'] })
      .map((query) => query.queryKey[1])
      .filter((key): key is string => typeof key === 'string'),
  );
  for (const key of changedIncidentKeys(previous, next, cachedTimelines)) {
    void queryClient.invalidateQueries({ queryKey: timelineQueryKey(key), exact: true });
  }
  // A runbook is read again when its incident changes (a file edited mid-incident shows up then).
  const cachedRunbooks = new Set(
    queryClient
      .getQueryCache()
      .findAll({ queryKey: ['runbook'] })
      .map((query) => query.queryKey[1])
      .filter((key): key is string => typeof key === 'string'),
  );
  for (const key of changedIncidentKeys(previous, next, cachedRunbooks)) void queryClient.invalidateQueries({ queryKey: runbookQueryKey(key) });
  if (settingsMayHaveChanged(previous, next)) void queryClient.invalidateQueries({ queryKey: settingsQueryKey });
}

export function useSnapshotQuery() {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  return useQuery(snapshotQueryOptions(api, queryClient));
}
