import type { BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './renderer-location.ts';
import { loadRenderer, revealWindow } from './renderer-window.ts';
import type { RendererWindow } from './renderer-window.ts';
import { secureWebPreferences } from './window-security.ts';

// The main Vigil window. Closing it hides it: Vigil lives in the tray and must keep polling and
// ringing while the window is away; only an explicit Quit (tray, app menu, OS logout) ends it.

export function mainWindowOptions(preloadPath: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Vigil',
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    // Shown on ready-to-show so the user never sees a blank white frame.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#14161a',
    webPreferences: secureWebPreferences(preloadPath, options),
  };
}

export interface MainWindowInput<W extends RendererWindow> {
  createWindow(options: BrowserWindowConstructorOptions): W;
  location: RendererLocation;
  devTools: boolean;
  /** True once the app is really quitting, when close must be allowed through. */
  isQuitting(): boolean;
  onLoadFailed?(error: unknown): void;
}

export interface MainWindowController<W extends RendererWindow> {
  /** The live window, if any. */
  current(): W | null;
  /** Shows and focuses the window, creating it again if it was destroyed. */
  reveal(): void;
}

export function createMainWindowController<W extends RendererWindow>(input: MainWindowInput<W>): MainWindowController<W> {
  let window: W | null = null;

  const create = (): W => {
    const created = input.createWindow(mainWindowOptions(input.location.preloadPath, { devTools: input.devTools }));
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      if (input.isQuitting()) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    loadRenderer(created, input.location, '').catch((error: unknown) => input.onLoadFailed?.(error));
    window = created;
    return created;
  };

  create();
  return {
    current: () => (window && !window.isDestroyed() ? window : null),
    reveal: () => {
      const target = window && !window.isDestroyed() ? window : create();
      revealWindow(target);
    },
  };
}
