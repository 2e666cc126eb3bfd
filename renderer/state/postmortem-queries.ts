import { useQuery } from '@tanstack/react-query';
import type { RequestArgs } from '../../shared/ipc-contract.ts';
import { useVigilApi } from './api-context.tsx';

// Server state of the History panel and the post-mortem editor, fetched on demand (nothing polls).

export const occurrencesQueryKey = (filter: RequestArgs<'listOccurrences'>) => ['occurrences', filter] as const;
/** Under ['timeline', incidentKey], so whatever refreshes an incident's timeline refreshes its occurrences' too. */
export const occurrenceTimelineQueryKey = (incidentKey: string, occurrenceId: string) => ['timeline', incidentKey, occurrenceId] as const;
export const postMortemQueryKey = (occurrenceId: string) => ['postmortem', occurrenceId] as const;
export const revisionsQueryKey = (occurrenceId: string) => ['postmortem-revisions', occurrenceId] as const;

export function useOccurrences(filter: RequestArgs<'listOccurrences'>) {
  const api = useVigilApi();
  return useQuery({ queryKey: occurrencesQueryKey(filter), queryFn: () => api.listOccurrences(filter), staleTime: 0 });
}

export function useOccurrenceTimeline(incidentKey: string, occurrenceId: string) {
  const api = useVigilApi();
  return useQuery({ queryKey: occurrenceTimelineQueryKey(incidentKey, occurrenceId), queryFn: () => api.getTimeline({ incidentKey, occurrenceId }), staleTime: Infinity });
}

export function usePostMortem(occurrenceId: string) {
  const api = useVigilApi();
  // Never refetched behind the editor's back: the editor owns the text once it is open.
  return useQuery({ queryKey: postMortemQueryKey(occurrenceId), queryFn: () => api.getPostMortem({ occurrenceId }), staleTime: Infinity, gcTime: 0 });
}

export function useRevisions(occurrenceId: string, enabled: boolean) {
  const api = useVigilApi();
  return useQuery({ queryKey: revisionsQueryKey(occurrenceId), queryFn: () => api.listPostMortemRevisions({ occurrenceId }), enabled, staleTime: 0 });
}
