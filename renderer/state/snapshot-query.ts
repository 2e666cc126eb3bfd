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
  for (const key of changedIncidentKeys(previous, next)) {
    void queryClient.invalidateQueries({ queryKey: timelineQueryKey(key), exact: true });
  }
  if (settingsMayHaveChanged(previous, next)) void queryClient.invalidateQueries({ queryKey: settingsQueryKey });
}

export function useSnapshotQuery() {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  return useQuery(snapshotQueryOptions(api, queryClient));
}
