import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { applySnapshot } from './snapshot-query.ts';
import { useVigilApi } from './api-context.tsx';
import { uiStore } from './ui-store.ts';

/** Subscribe to the core's pushed events for the lifetime of the app. */
export function useVigilEvents(): void {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const offSnapshot = api.on('snapshot', (snapshot) => applySnapshot(queryClient, snapshot));
    const offFocus = api.on('focusIncident', ({ incidentKey }) => uiStore.getState().focusIncident(incidentKey));
    return () => {
      offSnapshot();
      offFocus();
    };
  }, [api, queryClient]);
}
