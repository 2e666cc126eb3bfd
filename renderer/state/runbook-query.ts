import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RunbookView } from '../../shared/runbooks/runbook-model.ts';
import { useVigilApi } from './api-context.tsx';
import { runbookQueryKey, timelineQueryKey } from './snapshot-query.ts';

/** The incident's runbook checklist for this occurrence; read again when the incident changes (applySnapshot). */
export function useRunbook(incidentKey: string, occurrenceId: string) {
  const api = useVigilApi();
  return useQuery({
    queryKey: runbookQueryKey(incidentKey, occurrenceId),
    queryFn: () => api.getRunbook({ incidentKey, occurrenceId }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * Check or uncheck a step. The core journals it before answering; its answer (the checked steps)
 * replaces the cached ones, and the timeline, which now has the event, is read again.
 */
export function useSetChecklistStep(incidentKey: string, occurrenceId: string) {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['checklist-step', incidentKey, occurrenceId],
    mutationFn: (args: { stepId: string; checked: boolean }) => api.setChecklistStep({ incidentKey, occurrenceId, ...args }),
    onSuccess: ({ checked }) => {
      queryClient.setQueryData<RunbookView>(runbookQueryKey(incidentKey, occurrenceId), (old) => (old ? { ...old, checked } : old));
      void queryClient.invalidateQueries({ queryKey: timelineQueryKey(incidentKey), exact: true });
    },
  });
}
