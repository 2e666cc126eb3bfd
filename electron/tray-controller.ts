import type { MenuItemConstructorOptions } from 'electron';
import type { AppSnapshot } from '../shared/domain.ts';
import { trayIconState } from './tray-icon-state.ts';
import type { TrayIconState } from './tray-icon-state.ts';
import { buildTrayMenuTemplate, trayTooltip } from './tray-menu-template.ts';
import type { TrayAction, TrayMenuEntry } from './tray-menu-template.ts';

// The tray icon and its menu, with the OS objects injected (Signal-Desktop style) so the state
// transitions and the Acknowledge click are unit-tested with fakes. Electron's Tray and
// Menu.buildFromTemplate satisfy the injected shapes.

/** The slice of Electron's Tray used here. */
export interface TrayLike<Icon, MenuT> {
  setImage(image: Icon): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: MenuT | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayControllerInput<Icon, MenuT> {
  createTray(icon: Icon): TrayLike<Icon, MenuT>;
  buildMenu(template: MenuItemConstructorOptions[]): MenuT;
  icons: Record<TrayIconState, Icon>;
  onAck(incidentKey: string): void;
  onShowWindow(): void;
  /** Show one incident; defaults to just showing the window. */
  onShowIncident?(incidentKey: string): void;
  onQuit(): void;
  now(): number;
}

export interface TrayController {
  update(snapshot: AppSnapshot): void;
  /** The icon currently shown (read by the e2e test hook). */
  state(): TrayIconState;
  destroy(): void;
}

export function toMenuItemOptions(entries: readonly TrayMenuEntry[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return entries.map((entry): MenuItemConstructorOptions => {
    if (entry.type === 'separator') return { type: 'separator' };
    if (entry.type === 'submenu') return { label: entry.label, submenu: toMenuItemOptions(entry.submenu, run) };
    const action = entry.action;
    return action ? { label: entry.label, enabled: entry.enabled, click: () => run(action) } : { label: entry.label, enabled: entry.enabled };
  });
}

export function createTrayController<Icon, MenuT>(input: TrayControllerInput<Icon, MenuT>): TrayController {
  let state: TrayIconState = 'ok';
  let tooltip = '';
  let menuKey = '';
  const tray = input.createTray(input.icons.ok);

  const run = (action: TrayAction): void => {
    switch (action.kind) {
      case 'ack':
        input.onAck(action.incidentKey);
        return;
      case 'focus':
        if (input.onShowIncident) input.onShowIncident(action.incidentKey);
        else input.onShowWindow();
        return;
      case 'show':
        input.onShowWindow();
        return;
      case 'quit':
        input.onQuit();
        return;
    }
  };

  tray.on('click', () => input.onShowWindow());

  return {
    update(snapshot) {
      const next = trayIconState(snapshot);
      if (next !== state) {
        state = next;
        tray.setImage(input.icons[next]);
      }
      const nextTooltip = trayTooltip(snapshot);
      if (nextTooltip !== tooltip) {
        tooltip = nextTooltip;
        tray.setToolTip(nextTooltip);
      }
      // Rebuild the native menu only when its text changed: replacing the menu of an open tray
      // menu closes it on some Linux desktops, and snapshots arrive on every poll.
      const template = buildTrayMenuTemplate(snapshot, input.now());
      const key = JSON.stringify(template);
      if (key !== menuKey) {
        menuKey = key;
        tray.setContextMenu(input.buildMenu(toMenuItemOptions(template, run)));
      }
    },
    state: () => state,
    destroy: () => tray.destroy(),
  };
}
