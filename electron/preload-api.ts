import { ipcChannel, VIGIL_EVENT_NAMES, VIGIL_REQUEST_NAMES } from '../shared/ipc-contract.ts';
import type { VigilApi, VigilEventName } from '../shared/ipc-contract.ts';

// Builds the `window.vigil` object from the contract map: one function per request, plus `on`.
// It hands the renderer functions, never ipcRenderer itself, and never the IPC event object
// (whose `sender` is ipcRenderer), so page script cannot reach arbitrary channels.
// Imports only the contract so the sandboxed preload bundles to one self-contained CJS file.

/** The part of Electron's ipcRenderer used here (IpcRenderer satisfies it). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const EVENT_NAMES: ReadonlySet<string> = new Set(VIGIL_EVENT_NAMES);

export function buildVigilApi(ipcRenderer: IpcRendererLike): VigilApi {
  const api: Record<string, unknown> = {};
  for (const name of VIGIL_REQUEST_NAMES) {
    const channel = ipcChannel(name);
    // Arguments are validated in the main process; here we only make sure exactly one is sent.
    api[name] = (args: unknown) => ipcRenderer.invoke(channel, args ?? {});
  }
  api.on = (event: VigilEventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.has(event)) throw new Error(`unknown Vigil event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannel(event), wrapped);
    return () => {
      ipcRenderer.removeListener(ipcChannel(event), wrapped);
    };
  };
  return api as VigilApi;
}
