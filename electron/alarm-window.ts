import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppSnapshot, IncidentView } from '../shared/domain.ts';
import type { RendererLocation } from './renderer-location.ts';
import { ALARM_WINDOW_QUERY } from '../shared/first-frame-html.ts';
import { loadRenderer } from './renderer-window.ts';
import type { RendererWindow } from './renderer-window.ts';
import { isRinging } from './tray-icon-state.ts';
import { secureWebPreferences } from './window-security.ts';

// A small always-on-top window that takes focus while a LOUD alarm (severity policy loud: true,
// e.g. critical) rings. OS notifications can be dropped silently under do-not-disturb or focus
// modes; a window in front of everything cannot. It loads the same renderer at `#/alarm`, which
// shows the countdown and an Ack button and plays the alarm sound (Web Audio, so the CSP needs no
// media source; the window's autoplayPolicy lets it sound without a click first).
//
// If the user closes it without acking, it stays closed until something new happens: another loud
// incident starts ringing, or an alarm escalates a level after a missed deadline.

export const ALARM_ROUTE = '/alarm';

export function loudRingingIncidents(snapshot: AppSnapshot): IncidentView[] {
  return snapshot.incidents.filter((incident) => isRinging(incident) && incident.alarm?.loud === true);
}

export function shouldShowAlarmWindow(snapshot: AppSnapshot): boolean {
  return loudRingingIncidents(snapshot).length > 0;
}

/** One entry per loud ringing incident and level: a new entry is a reason to come to the front. */
export function alarmSignature(snapshot: AppSnapshot): Set<string> {
  return new Set(loudRingingIncidents(snapshot).map((incident) => `${incident.key}\u0000${incident.alarm?.level ?? 0}`));
}

export function alarmWindowOptions(preloadPath: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Vigil alarm',
    width: 460,
    height: 320,
    show: false,
    alwaysOnTop: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    autoHideMenuBar: true,
    backgroundColor: '#3b0d0d',
    webPreferences: secureWebPreferences(preloadPath, options),
  };
}

/** The slice of BrowserWindow the alarm window needs beyond a renderer window. */
export interface AlarmWindowLike extends RendererWindow {
  setAlwaysOnTop(flag: boolean, level?: 'screen-saver'): void;
  setVisibleOnAllWorkspaces(visible: boolean): void;
  moveTop(): void;
  flashFrame(flag: boolean): void;
}

export interface AlarmWindowInput<W extends AlarmWindowLike> {
  createWindow(options: BrowserWindowConstructorOptions): W;
  location: RendererLocation;
  devTools: boolean;
  /** Takes focus from other apps (app.focus({ steal: true }) on macOS); Windows/Linux may only flash. */
  stealFocus(): void;
  onLoadFailed?(error: unknown): void;
}

export interface AlarmWindowController<W extends AlarmWindowLike> {
  update(snapshot: AppSnapshot): void;
  isOpen(): boolean;
  current(): W | null;
  close(): void;
}

const hasNew = (current: Set<string>, seen: Set<string>): boolean => [...current].some((entry) => !seen.has(entry));

export function createAlarmWindowController<W extends AlarmWindowLike>(input: AlarmWindowInput<W>): AlarmWindowController<W> {
  let window: W | null = null;
  let shown = new Set<string>();
  let dismissed = new Set<string>();
  let closingOurselves = false;

  const raise = (target: W): void => {
    if (target.isDestroyed()) return;
    target.setAlwaysOnTop(true, 'screen-saver');
    target.setVisibleOnAllWorkspaces(true);
    if (target.isMinimized()) target.restore();
    target.show();
    target.moveTop();
    target.focus();
    target.flashFrame(true);
    input.stealFocus();
  };

  const open = (): void => {
    const created = input.createWindow(alarmWindowOptions(input.location.preloadPath, { devTools: input.devTools }));
    created.once('ready-to-show', () => raise(created));
    created.on('closed', () => {
      if (window !== created) return;
      window = null;
      // Closed by the user while still ringing: remember what they saw so it does not pop back
      // up on the next poll, only for something new.
      if (!closingOurselves) dismissed = new Set(shown);
    });
    window = created;
    loadRenderer(created, input.location, ALARM_ROUTE, ALARM_WINDOW_QUERY).catch((error: unknown) => input.onLoadFailed?.(error));
  };

  const closeWindow = (): void => {
    if (!window) return;
    const closing = window;
    closingOurselves = true;
    try {
      if (!closing.isDestroyed()) closing.close();
    } finally {
      closingOurselves = false;
      window = null;
    }
  };

  return {
    update(snapshot) {
      const signature = alarmSignature(snapshot);
      if (signature.size === 0) {
        closeWindow();
        shown = new Set();
        dismissed = new Set();
        return;
      }
      if (window && !window.isDestroyed()) {
        if (hasNew(signature, shown)) raise(window);
      } else if (hasNew(signature, dismissed)) {
        open();
      }
      if (window) shown = signature;
    },
    isOpen: () => window !== null && !window.isDestroyed(),
    current: () => (window && !window.isDestroyed() ? window : null),
    close: closeWindow,
  };
}
