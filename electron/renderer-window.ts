import type { PreventableEvent } from './window-security.ts';
import type { RendererLocation } from './renderer-location.ts';

// What the main and alarm windows have in common: the slice of BrowserWindow they use (so tests
// pass fakes and BrowserWindow satisfies it), loading the renderer at a hash route, and bringing
// a window to the front.

export interface RendererWindow {
  readonly webContents: unknown;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
  close(): void;
  loadURL(url: string): Promise<void>;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

/**
 * Loads our renderer at `hash` (e.g. "/alarm" for the alarm route; "" for the main view), with
 * `query` (the alarm window's ALARM_WINDOW_QUERY: its page comes without the list's first frame).
 */
export function loadRenderer(window: RendererWindow, location: Pick<RendererLocation, 'url'>, hash: string, query = ''): Promise<void> {
  const url = new URL(location.url);
  url.search = query;
  url.hash = hash;
  return window.loadURL(url.toString());
}

export function revealWindow(window: RendererWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
