import type { TrayIconState } from './tray-icon-state.ts';

// Read-only probes the Electron smoke test evaluates in the main process. Installed on globalThis
// only when VIGIL_E2E=1, so a normal run exposes nothing extra.
export interface VigilTestHook {
  trayState(): TrayIconState;
  alarmWindowOpen(): boolean;
  windowCount(): number;
}

export const E2E_HOOK_NAME = '__vigilTest';
