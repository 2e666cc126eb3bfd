import { useQuery } from '@tanstack/react-query';
import { useVigilApi } from './api-context.tsx';
import { timelineQueryKey } from './snapshot-query.ts';

/** An incident's timeline; refetched when a snapshot shows that incident changed (see applySnapshot). */
export function useTimeline(incidentKey: string) {
  const api = useVigilApi();
  return useQuery({
    queryKey: timelineQueryKey(incidentKey),
    queryFn: () => api.getTimeline({ incidentKey }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
