import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { hashForPanel } from '../lib/hash-route.ts';
import { uiStore } from './ui-store.ts';

// Which occurrence the History panel shows (its timeline and post-mortem). UI state only.

export interface OpenOccurrence {
  occurrenceId: string;
  incidentKey: string;
  /** Open straight into its post-mortem, creating the draft if there is none ("Write post-mortem"). */
  write?: boolean;
}

interface PostMortemUiState {
  open: OpenOccurrence | null;
  setOpen(open: OpenOccurrence | null): void;
}

export const postMortemUiStore = createStore<PostMortemUiState>()((set) => ({
  open: null,
  setOpen: (open) => set({ open }),
}));

export function usePostMortemUi<T>(selector: (state: PostMortemUiState) => T): T {
  return useStore(postMortemUiStore, selector);
}

/** Show one occurrence (its timeline and post-mortem) in the History panel. */
export function showOccurrence(open: OpenOccurrence | null): void {
  postMortemUiStore.getState().setOpen(open);
  uiStore.getState().setPanel('history');
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hashForPanel('history')}`);
}
