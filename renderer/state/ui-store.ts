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
   * The incident whose row should take DOM focus once it is on screen: set when the keyboard (j/k)
   * or a notification/tray click moves the selection, so screen readers follow; a mouse click
   * leaves focus where the user put it.
   */
  focusRequest: string | null;
  /**
   * False until the window has painted its first snapshot: the first frame draws the alarm strip and
   * the list only, the detail pane (the most urgent incident's runbook, graph, escalation clock,
   * timeline) follows in the next one.
   */
  firstPaintDone: boolean;
  select(key: string | null, options?: { fromKeyboard?: boolean }): void;
  setPanel(panel: Panel): void;
  setHelpOpen(open: boolean): void;
  toggleHelp(): void;
  /** Bring an incident into view (a notification or tray click): incidents panel, selected, focused. */
  focusIncident(key: string): void;
  /** The list calls this once the requested row has focus. */
  clearFocusRequest(): void;
  markFirstPaintDone(): void;
}

export function createUiStore(initial: Partial<Pick<UiState, 'selectedKey' | 'panel'>> = {}): StoreApi<UiState> {
  return createStore<UiState>()((set) => ({
    selectedKey: initial.selectedKey ?? null,
    panel: initial.panel ?? 'incidents',
    helpOpen: false,
    focusRequest: null,
    firstPaintDone: false,
    select: (key, options) => set({ selectedKey: key, focusRequest: options?.fromKeyboard ? key : null }),
    setPanel: (panel) => set({ panel }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    toggleHelp: () => set((state) => ({ helpOpen: !state.helpOpen })),
    focusIncident: (key) => set({ selectedKey: key, panel: 'incidents', focusRequest: key }),
    clearFocusRequest: () => set({ focusRequest: null }),
    markFirstPaintDone: () => set({ firstPaintDone: true }),
  }));
}

/** The app's one UI store. */
export const uiStore = createUiStore();

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
