import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trayIconPng } from '../electron/tray-icons.ts';
import { TRAY_ICON_STATES } from '../electron/tray-icon-state.ts';

// Regenerates the committed icons: `node build/generate-icons.ts`.
//   build/icon.png          512 px app icon for electron-builder (Linux/Windows/macOS installers)
//   build/tray/<state>.png  the 16/32 px tray icons, for docs and eyeballing; the app draws the
//                           same pixels at run time (electron/tray-icons.ts), so nothing loads these.
const here = import.meta.dirname;
writeFileSync(path.join(here, 'icon.png'), trayIconPng('unacked', 512));
mkdirSync(path.join(here, 'tray'), { recursive: true });
for (const state of TRAY_ICON_STATES) {
  writeFileSync(path.join(here, 'tray', `${state}-16.png`), trayIconPng(state, 16));
  writeFileSync(path.join(here, 'tray', `${state}-32.png`), trayIconPng(state, 32));
}
