import { useEffect } from 'react';
import { missingToken } from '../api/get-vigil-api.ts';
import { parseHash } from '../lib/hash-route.ts';
import { useSnapshotQuery } from '../state/snapshot-query.ts';
import { uiStore } from '../state/ui-store.ts';
import { useLocationHash } from '../state/use-location-hash.ts';
import { useVigilEvents } from '../state/use-vigil-events.ts';
import { AlarmWindow } from './alarm-window.tsx';
import { LoadError, LoadingScreen } from './load-screens.tsx';
import { MainView } from './main-view.tsx';

export function App() {
  useVigilEvents();
  const route = parseHash(useLocationHash()).route;
  const routePanel = route.view === 'main' ? route.panel : null;
  useEffect(() => {
    if (routePanel) uiStore.getState().setPanel(routePanel);
  }, [routePanel]);

  const snapshot = useSnapshotQuery();
  if (snapshot.data) {
    return route.view === 'alarm' ? <AlarmWindow snapshot={snapshot.data} /> : <MainView snapshot={snapshot.data} />;
  }
  if (snapshot.isError) {
    return <LoadError message={snapshot.error.message} missingToken={missingToken()} onRetry={() => void snapshot.refetch()} />;
  }
  return <LoadingScreen />;
}
