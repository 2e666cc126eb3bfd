import { useQuery } from '@tanstack/react-query';
import type { IncidentView } from '../../shared/domain.ts';
import { useVigilApi } from './api-context.tsx';

export const incidentGraphQueryKey = (incidentKey: string) => ['incident-graph', incidentKey] as const;

/**
 * The incident's graph, asked of the core while the incident is on screen: the query exists only
 * while the graph is mounted, and is asked again when the incident's occurrence or state changes
 * (it resolved, it fired again). No interval: the renderer never polls; the core does the HTTP and
 * caches the answer briefly.
 */
export function useIncidentGraph(incident: Pick<IncidentView, 'key' | 'occurrenceId' | 'state'>) {
  const api = useVigilApi();
  return useQuery({
    queryKey: [...incidentGraphQueryKey(incident.key), incident.occurrenceId, incident.state],
    queryFn: () => api.getIncidentGraph({ incidentKey: incident.key }),
    staleTime: 30_000,
    gcTime: 30_000,
    retry: false,
    refetchOnWindowFocus: false,
  });
}
