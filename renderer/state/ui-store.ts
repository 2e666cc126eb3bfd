import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Panel } from '../lib/hash-route.ts';

// UI-only state. Server state (snapshot, timeline, settings) lives in TanStack Query; nothing
// here is ever sent to the core.

export interface UiState {
  selectedKey: string | null;
  panel: Panel;
  helpOpen: boolean;
  /**
   * Bumped whenever the keyboard (j/k, a focus request from a notification) moves the selection,
   * so the selected row takes DOM focus; a mouse click leaves focus where the user put it.
   */
  keyboardFocusSeq: number;
  select(key: string | null, options?: { fromKeyboard?: boolean }): void;
  setPanel(panel: Panel): void;
  setHelpOpen(open: boolean): void;
  toggleHelp(): void;
  /** Bring an incident into view (a notification or tray click): incidents panel, selected, focused. */
  focusIncident(key: string): void;
}

export function createUiStore(initial: Partial<Pick<UiState, 'selectedKey' | 'panel'>> = {}): StoreApi<UiState> {
  return createStore<UiState>()((set) => ({
    selectedKey: initial.selectedKey ?? null,
    panel: initial.panel ?? 'incidents',
    helpOpen: false,
    keyboardFocusSeq: 0,
    select: (key, options) =>
      set((state) => ({ selectedKey: key, keyboardFocusSeq: options?.fromKeyboard ? state.keyboardFocusSeq + 1 : state.keyboardFocusSeq })),
    setPanel: (panel) => set({ panel }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    toggleHelp: () => set((state) => ({ helpOpen: !state.helpOpen })),
    focusIncident: (key) => set((state) => ({ selectedKey: key, panel: 'incidents', keyboardFocusSeq: state.keyboardFocusSeq + 1 })),
  }));
}

/** The app's one UI store. */
export const uiStore = createUiStore();

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
