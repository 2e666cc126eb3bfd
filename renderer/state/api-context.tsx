import { createContext, type ReactNode, useContext } from 'react';
import type { VigilApi } from '../../shared/ipc-contract.ts';

// Components get the transport from context (never import getVigilApi directly), so the same
// tree runs over Electron IPC or the headless host's HTTP.
const ApiContext = createContext<VigilApi | null>(null);

export function VigilApiProvider({ api, children }: { api: VigilApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useVigilApi(): VigilApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useVigilApi outside VigilApiProvider');
  return api;
}
