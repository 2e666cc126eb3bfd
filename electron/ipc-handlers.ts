import { ipcChannel, parseRequestArgs, VIGIL_REQUEST_NAMES, VIGIL_EVENT_NAMES } from '../shared/ipc-contract.ts';
import type { EventPayload, VigilEventName, VigilHandlers, VigilRequestName } from '../shared/ipc-contract.ts';
import type { SenderEventLike, SenderVerdict } from './trusted-sender.ts';

// Every IPC entry point of the app is registered here and nowhere else, straight from the contract
// map, so a request cannot exist without its argument schema and its sender check.

/** The part of Electron's ipcMain used here (IpcMain satisfies it). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcHandlersInput {
  ipcMain: IpcMainLike;
  handlers: VigilHandlers;
  isTrustedSender(event: SenderEventLike): SenderVerdict;
  /** Refusals are security events worth a log line; the caller only sees a generic error. */
  onRejected?(request: VigilRequestName, reason: string): void;
}

async function dispatch<K extends VigilRequestName>(handlers: VigilHandlers, name: K, raw: unknown): Promise<unknown> {
  // parseRequestArgs throws "invalid arguments for <name>: <field>: <message>", which is what the
  // renderer's invoke() rejects with.
  const args = parseRequestArgs(name, raw);
  const handler = handlers[name] as (a: typeof args) => Promise<unknown>;
  return handler(args);
}

/** Registers one `vigil:<name>` handler per contract entry; returns a function that removes them all. */
export function registerIpcHandlers(input: RegisterIpcHandlersInput): () => void {
  const channels: string[] = [];
  for (const name of VIGIL_REQUEST_NAMES) {
    const channel = ipcChannel(name);
    input.ipcMain.handle(channel, async (event, ...args) => {
      const verdict = input.isTrustedSender(event);
      if (!verdict.trusted) {
        input.onRejected?.(name, verdict.reason);
        throw new Error(`${name} refused: untrusted sender`);
      }
      // The preload sends exactly one argument object; anything more is not from our preload.
      if (args.length > 1) throw new Error(`invalid arguments for ${name}: expected one argument object, got ${args.length}`);
      return dispatch(input.handlers, name, args[0]);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) input.ipcMain.removeHandler(channel);
  };
}

/** A window's webContents as far as pushing events goes (WebContents satisfies it). */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface CoreEvents {
  on<E extends VigilEventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Pushes every core event to every live window; returns the unsubscribe for all of them. */
export function forwardCoreEvents(core: CoreEvents, targets: () => Iterable<EventTarget>): () => void {
  const unsubscribes = VIGIL_EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      for (const target of targets()) {
        // A window closed between the event and now must not throw inside the core's emitter.
        if (!target.isDestroyed()) target.send(ipcChannel(name), payload);
      }
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/** Sends one event to one window, after its page has loaded (a message sent earlier is lost). */
export function sendEventWhenLoaded<E extends VigilEventName>(
  webContents: EventTarget & { isLoading(): boolean; once(event: 'did-finish-load', listener: () => void): unknown },
  event: E,
  payload: EventPayload<E>,
): void {
  if (webContents.isDestroyed()) return;
  if (webContents.isLoading()) webContents.once('did-finish-load', () => sendEventWhenLoaded(webContents, event, payload));
  else webContents.send(ipcChannel(event), payload);
}
