import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getVigilApi } from './api/get-vigil-api.ts';
import { App } from './components/app.tsx';
import { VigilApiProvider } from './state/api-context.tsx';
import { snapshotQueryOptions } from './state/snapshot-query.ts';

/** Render the app into #root (main.tsx calls this once the page's first frame is painted). */
export function mountApp(): void {
  const api = getVigilApi();
  const queryClient = new QueryClient({
    defaultOptions: {
      // Server state is pushed (snapshots) or explicitly invalidated; nothing refetches on focus.
      queries: { refetchOnWindowFocus: false, refetchOnReconnect: false },
      // An ack or a settings save is never silently repeated: the user sees the error and decides.
      mutations: { retry: 0 },
    },
  });
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  const render = () =>
    createRoot(root).render(
      <StrictMode>
        <VigilApiProvider api={api}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </VigilApiProvider>
      </StrictMode>,
    );
  // React's first commit replaces what #root holds. The host's first frame (the incidents, painted
  // before this script ran) stays until the app has its first snapshot: rendering now would swap it
  // for "Connecting…" and back. A failed fetch renders at once (the app shows the error and retries).
  if (root.querySelector('[data-testid="first-frame"]')) {
    void queryClient.prefetchQuery({ ...snapshotQueryOptions(api, queryClient), retry: false }).finally(render);
  } else {
    render();
  }
}
