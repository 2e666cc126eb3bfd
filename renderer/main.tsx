// First, so the event socket opens before React and the app are evaluated (see startup.ts).
import './startup.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getVigilApi } from './api/get-vigil-api.ts';
import { App } from './components/app.tsx';
import { VigilApiProvider } from './state/api-context.tsx';
import './styles.css';

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
createRoot(root).render(
  <StrictMode>
    <VigilApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </VigilApiProvider>
  </StrictMode>,
);
