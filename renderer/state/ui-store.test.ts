import { describe, expect, it } from 'vitest';
import { createUiStore } from './ui-store.ts';

describe('ui store', () => {
  it('starts on the incidents panel with nothing selected', () => {
    const state = createUiStore().getState();
    expect([state.panel, state.selectedKey, state.helpOpen]).toEqual(['incidents', null, false]);
  });

  it('moves keyboard focus only for keyboard selections', () => {
    const store = createUiStore();
    store.getState().select('a');
    expect(store.getState()).toMatchObject({ selectedKey: 'a', keyboardFocusSeq: 0 });
    store.getState().select('b', { fromKeyboard: true });
    expect(store.getState()).toMatchObject({ selectedKey: 'b', keyboardFocusSeq: 1 });
  });

  it('focusIncident switches to the incidents panel and selects', () => {
    const store = createUiStore({ panel: 'settings' });
    store.getState().focusIncident('k');
    expect(store.getState()).toMatchObject({ panel: 'incidents', selectedKey: 'k', keyboardFocusSeq: 1 });
  });

  it('toggles help', () => {
    const store = createUiStore();
    store.getState().toggleHelp();
    expect(store.getState().helpOpen).toBe(true);
    store.getState().setHelpOpen(false);
    expect(store.getState().helpOpen).toBe(false);
  });
});
