import { useSyncExternalStore } from 'react';

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
