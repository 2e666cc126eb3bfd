import { describe, expect, it } from 'vitest';
import type { VigilHandlers, VigilRequestName } from '../shared/ipc-contract.ts';
import { ipcChannel, VIGIL_REQUEST_NAMES } from '../shared/ipc-contract.ts';
import { forwardCoreEvents, registerIpcHandlers, sendEventWhenLoaded } from './ipc-handlers.ts';
import type { IpcMainLike } from './ipc-handlers.ts';
import { createSenderTrust } from './trusted-sender.ts';
import type { SenderEventLike, SenderFrameLike } from './trusted-sender.ts';
import { makeSnapshot } from '../test-fixtures/electron/snapshot-builders.ts';

const APP_URL = 'file:///opt/vigil/dist/renderer/index.html';

type Listener = (event: SenderEventLike, ...args: unknown[]) => unknown;

/** Behaves like Electron's ipcMain: one handler per channel, a second registration throws. */
function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Listener>; invoke(channel: string, event: SenderEventLike, ...args: unknown[]): Promise<unknown> } {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
    async invoke(channel, event, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
  };
}

function recordingHandlers(): { handlers: VigilHandlers; calls: Array<{ name: VigilRequestName; args: unknown }> } {
  const calls: Array<{ name: VigilRequestName; args: unknown }> = [];
  const record =
    <T>(name: VigilRequestName, result: T) =>
    async (args: unknown) => {
      calls.push({ name, args });
      return result;
    };
  const settings = { me: { id: 'alice', name: null }, sources: [], policy: {}, pollIntervalMs: 10_000, configSource: null };
  const handlers: VigilHandlers = {
    getSnapshot: record('getSnapshot', makeSnapshot()),
    ackIncident: record('ackIncident', { ok: true, silenceId: 's-1', error: null }),
    ackIncidents: record('ackIncidents', { results: [] }),
    getTimeline: record('getTimeline', []),
    getSettings: record('getSettings', settings),
    updateSettings: record('updateSettings', settings),
    setIdentity: record('setIdentity', settings),
    setSourceCredential: record('setSourceCredential', settings),
    getIncidentGraph: record('getIncidentGraph', { status: 'unavailable', reason: 'test' }),
    getRunbook: record('getRunbook', { checklist: null, source: null, problem: null, sizeChars: null, checked: [] }),
    setChecklistStep: record('setChecklistStep', { checked: [] }),
    openLink: record('openLink', { opened: true, reason: null }),
    listOccurrences: record('listOccurrences', { occurrences: [], total: 0 }),
    addNote: record('addNote', { id: 'n-1', incidentKey: 'k', at: 1, type: 'user-note', message: 'note' }),
    getPostMortem: record('getPostMortem', null),
    createPostMortem: record('createPostMortem', { draft: { occurrenceId: 'k@1', incidentKey: 'k', text: '', rev: 1, createdAt: 1, savedAt: 1, file: '/tmp/x.md' }, warning: null }),
    savePostMortem: record('savePostMortem', { ok: true, rev: 1, savedAt: 1 }),
    listPostMortemRevisions: record('listPostMortemRevisions', []),
    getPostMortemRevision: record('getPostMortemRevision', null),
    restorePostMortemRevision: record('restorePostMortemRevision', { occurrenceId: 'k@1', incidentKey: 'k', text: '', rev: 2, createdAt: 1, savedAt: 1, file: '/tmp/x.md' }),
    exportPostMortem: record('exportPostMortem', { status: 'cancelled' }),
  };
  return { handlers, calls };
}

const ourWebContents = { id: 1 };
const topFrame = (url: string): SenderFrameLike => ({ url, parent: null });
const trusted: SenderEventLike = { sender: ourWebContents, senderFrame: topFrame(APP_URL) };

function setup() {
  const ipcMain = fakeIpcMain();
  const { handlers, calls } = recordingHandlers();
  const rejected: string[] = [];
  const dispose = registerIpcHandlers({
    ipcMain,
    handlers,
    isTrustedSender: createSenderTrust({ isAppUrl: (url) => url.split('#')[0] === APP_URL, isOwnWebContents: (wc) => wc === ourWebContents }),
    onRejected: (request, reason) => rejected.push(`${request}: ${reason}`),
  });
  return { ipcMain, calls, rejected, dispose };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract entry, on its vigil: channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(VIGIL_REQUEST_NAMES.map((name) => ipcChannel(name)).sort());
  });

  it('dispatches a valid call from our renderer to the core handler with parsed arguments', async () => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke('vigil:ackIncident', trusted, { incidentKey: 'inc-1', via: 'window' });
    expect(result).toEqual({ ok: true, silenceId: 's-1', error: null });
    expect(calls).toEqual([{ name: 'ackIncident', args: { incidentKey: 'inc-1', via: 'window' } }]);
  });

  it('accepts the alarm route of the same document', async () => {
    const { ipcMain, calls } = setup();
    await ipcMain.invoke('vigil:getSnapshot', { sender: ourWebContents, senderFrame: topFrame(`${APP_URL}#/alarm`) }, {});
    expect(calls.map((c) => c.name)).toEqual(['getSnapshot']);
  });

  it('rejects invalid arguments with a message naming the request and field, without calling the core', async () => {
    const { ipcMain, calls } = setup();
    await expect(ipcMain.invoke('vigil:ackIncident', trusted, { incidentKey: '', via: 'window' })).rejects.toThrow('invalid arguments for ackIncident: incidentKey');
    await expect(ipcMain.invoke('vigil:ackIncident', trusted, { incidentKey: 'k', via: 'telepathy' })).rejects.toThrow('invalid arguments for ackIncident: via');
    await expect(ipcMain.invoke('vigil:getSnapshot', trusted, { extra: true })).rejects.toThrow('invalid arguments for getSnapshot');
    await expect(ipcMain.invoke('vigil:getSnapshot', trusted, {}, {})).rejects.toThrow('expected one argument object, got 2');
    expect(calls).toEqual([]);
  });

  it.each([
    ['a foreign webContents', { sender: { id: 99 }, senderFrame: topFrame(APP_URL) }, 'sender is not a Vigil window'],
    ['a navigated-away frame', { sender: ourWebContents, senderFrame: topFrame('https://evil.example/') }, 'sender frame is not the Vigil renderer'],
    ['another local file', { sender: ourWebContents, senderFrame: topFrame('file:///tmp/evil.html') }, 'sender frame is not the Vigil renderer'],
    ['a subframe', { sender: ourWebContents, senderFrame: { url: APP_URL, parent: topFrame(APP_URL) } }, 'sender is a subframe'],
    ['a destroyed frame', { sender: ourWebContents, senderFrame: null }, 'sender frame is gone'],
  ])('rejects %s before looking at the arguments', async (_label, event: SenderEventLike, reason) => {
    const { ipcMain, calls, rejected } = setup();
    await expect(ipcMain.invoke('vigil:ackIncident', event, { incidentKey: 'inc-1', via: 'window' })).rejects.toThrow('ackIncident refused: untrusted sender');
    expect(calls).toEqual([]);
    expect(rejected).toEqual([`ackIncident: ${reason}`]);
  });

  it('removes every handler on dispose', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardCoreEvents', () => {
  it('sends each core event to every live window on its channel, and stops on unsubscribe', () => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const core = {
      on(event: string, listener: (payload: never) => void) {
        const set = listeners.get(event) ?? new Set();
        set.add(listener as (payload: unknown) => void);
        listeners.set(event, set);
        return () => set.delete(listener as (payload: unknown) => void);
      },
    };
    const sent: Array<[string, string, unknown]> = [];
    const target = (name: string, destroyed: boolean) => ({ isDestroyed: () => destroyed, send: (channel: string, payload: unknown) => sent.push([name, channel, payload]) });
    const stop = forwardCoreEvents(core, () => [target('main', false), target('gone', true), target('alarm', false)]);
    const snapshot = makeSnapshot();
    for (const listener of listeners.get('snapshot') ?? []) listener(snapshot);
    for (const listener of listeners.get('focusIncident') ?? []) listener({ incidentKey: 'k' });
    expect(sent).toEqual([
      ['main', 'vigil:snapshot', snapshot],
      ['alarm', 'vigil:snapshot', snapshot],
      ['main', 'vigil:focusIncident', { incidentKey: 'k' }],
      ['alarm', 'vigil:focusIncident', { incidentKey: 'k' }],
    ]);
    stop();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});

describe('sendEventWhenLoaded', () => {
  it('waits for a loading page to finish before sending', () => {
    const sent: unknown[] = [];
    let loading = true;
    let onLoaded: (() => void) | null = null;
    const webContents = {
      isDestroyed: () => false,
      isLoading: () => loading,
      once: (_event: 'did-finish-load', listener: () => void) => (onLoaded = listener),
      send: (channel: string, payload: unknown) => sent.push([channel, payload]),
    };
    sendEventWhenLoaded(webContents, 'focusIncident', { incidentKey: 'k' });
    expect(sent).toEqual([]);
    loading = false;
    (onLoaded as unknown as () => void)();
    expect(sent).toEqual([['vigil:focusIncident', { incidentKey: 'k' }]]);
  });
});
