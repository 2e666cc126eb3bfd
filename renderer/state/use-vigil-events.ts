import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AppSnapshot } from '../../shared/domain.ts';
import { latestOnly } from '../lib/latest-only.ts';
import { framesAtMostEvery } from '../lib/next-frame.ts';
import { applySnapshot } from './snapshot-query.ts';
import { useVigilApi } from './api-context.tsx';
import { uiStore } from './ui-store.ts';

const SNAPSHOT_INTERVAL_MS = 250;

/** Subscribe to the core's pushed events for the lifetime of the app. */
export function useVigilEvents(): void {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    // Always the newest snapshot, at most a few times a second (see lib/latest-only.ts): in a
    // storm the window then spends its time reading the socket, not drawing states already gone.
    const snapshots = latestOnly((snapshot: AppSnapshot) => applySnapshot(queryClient, snapshot), framesAtMostEvery(SNAPSHOT_INTERVAL_MS));
    const offSnapshot = api.on('snapshot', (snapshot) => snapshots.push(snapshot));
    const offFocus = api.on('focusIncident', ({ incidentKey }) => uiStore.getState().focusIncident(incidentKey));
    return () => {
      offSnapshot();
      offFocus();
      snapshots.cancel();
    };
  }, [api, queryClient]);
}
