import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { ipcChannel, VIGIL_REQUEST_NAMES } from '../shared/ipc-contract.ts';
import { buildVigilApi } from './preload-api.ts';
import type { IpcRendererLike } from './preload-api.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    async invoke(channel, ...args) {
      invoked.push({ channel, args });
      return { answeredOn: channel };
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    // Electron passes the IpcRendererEvent first; its `sender` is ipcRenderer itself.
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipc, ports: [] }, payload);
  };
  return { ipc, invoked, listeners, emit };
}

describe('buildVigilApi', () => {
  it('exposes exactly one function per contract request plus on(), and no IPC object', () => {
    const { ipc } = fakeIpcRenderer();
    const api = buildVigilApi(ipc);
    expect(Object.keys(api).sort()).toEqual([...VIGIL_REQUEST_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('invokes the request channel with exactly one argument object', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = buildVigilApi(ipc);
    await expect(api.ackIncident({ incidentKey: 'k', via: 'window' })).resolves.toEqual({ answeredOn: 'vigil:ackIncident' });
    await api.getSnapshot(undefined as unknown as Record<string, never>);
    expect(invoked).toEqual([
      { channel: 'vigil:ackIncident', args: [{ incidentKey: 'k', via: 'window' }] },
      { channel: 'vigil:getSnapshot', args: [{}] },
    ]);
  });

  it('delivers event payloads without the IPC event and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const api = buildVigilApi(ipc);
    const received: unknown[][] = [];
    const off = api.on('focusIncident', (...args: unknown[]) => received.push(args));
    emit(ipcChannel('focusIncident'), { incidentKey: 'k' });
    expect(received).toEqual([[{ incidentKey: 'k' }]]);
    off();
    emit(ipcChannel('focusIncident'), { incidentKey: 'other' });
    expect(received).toHaveLength(1);
    expect(listeners.get('vigil:focusIncident')?.size).toBe(0);
  });

  it('refuses to subscribe to anything but contract events', () => {
    const { ipc, listeners } = fakeIpcRenderer();
    const api = buildVigilApi(ipc);
    expect(() => api.on('electron-store-get-data' as 'snapshot', () => undefined)).toThrow('unknown Vigil event');
    expect(() => api.on('snapshot', 'not a function' as unknown as () => void)).toThrow('listener must be a function');
    expect(listeners.size).toBe(0);
  });
});

describe('preload bundle', () => {
  it('builds to one CommonJS file that requires nothing but electron', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'vigil-preload-'));
    try {
      await build({ configFile: path.resolve('vite.config.ts'), mode: 'electron-preload', logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
      expect(readdirSync(outDir)).toEqual(['preload.cjs']);
      const code = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
      const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect(code).toContain('exposeInMainWorld');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
