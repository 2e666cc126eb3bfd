import { contextBridge, ipcRenderer } from 'electron';
import { buildVigilApi } from './preload-api.ts';

// The sandboxed preload: exposes exactly the contract's API as `window.vigil` across the
// context-isolation bridge and nothing else. Built by `vite build --mode electron-preload`
// into dist/electron/preload.cjs (a sandboxed preload must be a single CommonJS file).
contextBridge.exposeInMainWorld('vigil', buildVigilApi(ipcRenderer));
