import { describe, expect, it } from 'vitest';
import { createUiStore } from './ui-store.ts';

describe('ui store', () => {
  it('starts on the incidents panel with nothing selected', () => {
    const state = createUiStore().getState();
    expect([state.panel, state.selectedKey, state.helpOpen]).toEqual(['incidents', null, false]);
  });

  it('requests DOM focus only for keyboard selections', () => {
    const store = createUiStore();
    store.getState().select('a');
    expect(store.getState()).toMatchObject({ selectedKey: 'a', focusRequest: null });
    store.getState().select('b', { fromKeyboard: true });
    expect(store.getState()).toMatchObject({ selectedKey: 'b', focusRequest: 'b' });
    store.getState().clearFocusRequest();
    expect(store.getState()).toMatchObject({ selectedKey: 'b', focusRequest: null });
  });

  it('focusIncident switches to the incidents panel and selects', () => {
    const store = createUiStore({ panel: 'settings' });
    store.getState().focusIncident('k');
    expect(store.getState()).toMatchObject({ panel: 'incidents', selectedKey: 'k', focusRequest: 'k' });
  });

  it('toggles help', () => {
    const store = createUiStore();
    store.getState().toggleHelp();
    expect(store.getState().helpOpen).toBe(true);
    store.getState().setHelpOpen(false);
    expect(store.getState().helpOpen).toBe(false);
  });
});
