import { useCallback, useSyncExternalStore } from 'react';
import type { VigilApi } from '../../shared/ipc-contract.ts';
import type { ConnectionState, HttpVigilApi } from '../api/http-api.ts';
import { useVigilApi } from './api-context.tsx';

function hasConnectionState(api: VigilApi): api is HttpVigilApi {
  return typeof (api as Partial<HttpVigilApi>).onConnectionChange === 'function';
}

/** The event-socket state over HTTP; Electron IPC is always 'open'. */
export function useConnectionState(): ConnectionState {
  const api = useVigilApi();
  const http = hasConnectionState(api) ? api : null;
  const subscribe = useCallback((callback: () => void) => (http ? http.onConnectionChange(callback) : () => {}), [http]);
  return useSyncExternalStore(subscribe, () => (http ? http.connectionState() : 'open'));
}
