import type { AppSnapshot } from '../../shared/domain.ts';
import type { EventPayload, RequestArgs, RequestResult, VigilApi, VigilEventName } from '../../shared/ipc-contract.ts';
import { VIGIL_REQUEST_NAMES, type VigilRequestName } from '../../shared/ipc-request-names.ts';
import { latestOnly } from '../lib/latest-only.ts';
import { nextFrame } from '../lib/next-frame.ts';
import { parseEventMessage } from './event-message.ts';
import { reconnectDelay } from './reconnect-delay.ts';

// The VigilApi over the headless host's HTTP + WebSocket transport. Requests are
// `POST /api/rpc/<name>` with a bearer token; events arrive on `/api/events?token=` (a browser
// WebSocket cannot send headers). The host validates every argument; this side only encodes.

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface HttpVigilApi extends VigilApi {
  /** Event-socket state, so the UI can say "reconnecting" instead of showing stale data silently. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  connectionState(): ConnectionState;
  /**
   * Open the event socket now, before anyone listens. The page does this as it starts (see
   * renderer/main.tsx), so the host builds and sends the first snapshot while the browser is
   * still evaluating React and the app. Snapshots that arrive before a listener are kept for it.
   */
  connect(): void;
  /** Close the event socket for good (tests, page teardown). */
  close(): void;
}

type SocketLike = Pick<WebSocket, 'close' | 'addEventListener'>;

export interface HttpApiOptions {
  fetch?: typeof fetch;
  /** Builds the event socket; injectable so the reconnect logic is testable without a server. */
  openSocket?: (url: string) => SocketLike;
  requestTimeoutMs?: number;
  /** When to hand on the newest pushed snapshot (default: the next frame); see the message handler. */
  scheduleSnapshot?: (run: () => void) => () => void;
  /** For ackIncidents: a storm's hundreds of silences, made a few at a time, take minutes, not seconds. */
  bulkRequestTimeoutMs?: number;
  random?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function eventsUrl(origin: string, token: string): string {
  const url = new URL('/api/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}

/** How long a getSnapshot waits for the snapshot the host sends on a new event socket before asking for one. */
const SOCKET_SNAPSHOT_WAIT_MS = 5_000;

/** How the host writes a snapshot event (JSON.stringify({ event, payload })); other frames are parsed at once. */
const SNAPSHOT_FRAME_PREFIX = '{"event":"snapshot",';

type Envelope = { ok: true; result: unknown } | { ok: false; error: unknown };

/** The host answers `{ ok: true, result }` or `{ ok: false, error }`; anything else is a transport failure. */
function parseEnvelope(text: string): Envelope | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'ok' in value && (value.ok === true || value.ok === false)) return value as Envelope;
  } catch {
    // not JSON: fall through
  }
  return null;
}

export function createHttpApi(origin: string, token: string, options: HttpApiOptions = {}): HttpVigilApi {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url));
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  // The core goes on acking if this request times out; the snapshots still show each ack land.
  const slowRequests: ReadonlyMap<VigilRequestName, number> = new Map([['ackIncidents', options.bulkRequestTimeoutMs ?? 15 * 60_000]]);
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  async function rpc<K extends VigilRequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>> {
    let response: Response;
    try {
      response = await doFetch(new URL(`/api/rpc/${name}`, origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(args ?? {}),
        signal: AbortSignal.timeout(slowRequests.get(name) ?? timeoutMs),
      });
    } catch (error) {
      throw new Error(`${name}: cannot reach the Vigil host (${(error as Error).message})`, { cause: error });
    }
    const text = await response.text();
    const body = parseEnvelope(text);
    if (body?.ok === true) return body.result as RequestResult<K>;
    if (body?.ok === false) throw new Error(typeof body.error === 'string' ? body.error : `${name} failed`);
    throw new Error(`${name}: HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }

  // ---- events ----
  function deliverSnapshotFrame(frame: string): void {
    const message = parseEventMessage(frame);
    if (message) emit(message.event, message.payload);
    else console.warn('vigil: dropped a malformed event frame');
  }
  const snapshotFrames = latestOnly(deliverSnapshotFrame, options.scheduleSnapshot ?? nextFrame);
  const listeners = new Map<VigilEventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'closed';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: unknown = null;
  let closed = false;
  let everOpened = false;
  let pushedSnapshots = 0;
  // The host sends a snapshot as a new event socket's first message. A getSnapshot made while that
  // socket is coming up waits for it rather than having the host build, send and the window parse
  // the same snapshot twice (300 ringing incidents: a third of a megabyte each, in the window's
  // first second). If the socket closes, or is slow to deliver, the request is made after all.
  let socketSnapshotPending = false;
  let snapshotWaiters: Array<{ resolve: (snapshot: AppSnapshot) => void; reject: (error: unknown) => void }> = [];
  let waitTimer: unknown = null;
  // connect() opens the socket before the app asks or listens (renderer/main.tsx), so its first
  // snapshots can come before either: the first getSnapshot takes the newest of them (it stands in
  // for that request), and the first snapshot listener gets the newest no listener has heard.
  let firstAsked = false;
  let firstSocketSnapshot: AppSnapshot | null = null;
  let unheardSnapshot: AppSnapshot | null = null;

  function settleSnapshotWaiters(snapshot: AppSnapshot | null): void {
    socketSnapshotPending = false;
    if (waitTimer !== null) clearTimer(waitTimer);
    waitTimer = null;
    const waiters = snapshotWaiters;
    snapshotWaiters = [];
    for (const waiter of waiters) {
      if (snapshot) waiter.resolve(snapshot);
      else rpc('getSnapshot', {}).then(waiter.resolve, waiter.reject);
    }
  }

  function getSnapshot(): Promise<AppSnapshot> {
    const early = firstAsked ? null : firstSocketSnapshot;
    firstAsked = true;
    firstSocketSnapshot = null;
    if (early) return Promise.resolve(early);
    if (!socketSnapshotPending) return rpc('getSnapshot', {});
    return new Promise((resolve, reject) => {
      snapshotWaiters.push({ resolve, reject });
      waitTimer ??= setTimer(() => {
        waitTimer = null;
        settleSnapshotWaiters(null);
      }, SOCKET_SNAPSHOT_WAIT_MS);
    });
  }

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  }

  function emit<E extends VigilEventName>(event: E, payload: EventPayload<E>): void {
    if (event === 'snapshot') {
      if (socketSnapshotPending) settleSnapshotWaiters(payload as AppSnapshot);
      if (!firstAsked && socket !== null) firstSocketSnapshot = payload as AppSnapshot;
      if (!listeners.get(event)?.size) unheardSnapshot = payload as AppSnapshot;
    }
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as (p: EventPayload<E>) => void)(payload);
      } catch (error) {
        console.error(`vigil: ${event} listener failed`, error);
      }
    }
  }

  // After a reconnect the host may have moved on while we were away: fetch a fresh snapshot,
  // unless a pushed one overtakes the request.
  function resync(): void {
    const pushedBefore = pushedSnapshots;
    rpc('getSnapshot', {}).then(
      (snapshot) => {
        if (pushedSnapshots === pushedBefore) emit('snapshot', snapshot);
      },
      (error: unknown) => console.warn('vigil: resync after reconnect failed', error),
    );
  }

  function connect(): void {
    if (closed) return;
    setState(everOpened || attempt > 0 ? 'reconnecting' : 'connecting');
    let current: SocketLike;
    try {
      current = openSocket(eventsUrl(origin, token));
    } catch (error) {
      console.warn('vigil: cannot open the event socket', error);
      scheduleReconnect();
      return;
    }
    socket = current;
    // A reconnect resyncs on its own (see resync); only the first socket's snapshot stands in for a request.
    socketSnapshotPending = !everOpened;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      const reconnected = everOpened;
      everOpened = true;
      attempt = 0;
      setState('open');
      if (reconnected) resync();
    });
    current.addEventListener('message', (event) => {
      if (socket !== current) return;
      const data: unknown = (event as MessageEvent).data;
      // In a storm the host pushes a snapshot of hundreds of incidents after each of hundreds of
      // acks, faster than a busy window parses them; a backlog left the window tens of seconds
      // behind. Keep the newest snapshot frame unparsed and parse only that one, once per frame.
      if (typeof data === 'string' && data.startsWith(SNAPSHOT_FRAME_PREFIX)) {
        pushedSnapshots += 1;
        // The snapshot a getSnapshot waits for (the window opening) is read at once: no frame to wait for.
        if (socketSnapshotPending && snapshotWaiters.length > 0) {
          snapshotFrames.cancel();
          deliverSnapshotFrame(data);
        } else snapshotFrames.push(data);
        return;
      }
      const message = parseEventMessage(data);
      if (!message) {
        console.warn('vigil: dropped a malformed event frame');
        return;
      }
      if (message.event === 'snapshot') pushedSnapshots += 1;
      emit(message.event, message.payload);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      // What it brought may be out of date by the time someone asks.
      firstSocketSnapshot = null;
      settleSnapshotWaiters(null);
      scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work.
  }

  function scheduleReconnect(): void {
    if (closed) return;
    setState('reconnecting');
    const delay = reconnectDelay(attempt, options.random);
    attempt += 1;
    retryTimer = setTimer(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function ensureConnected(): void {
    if (!closed && socket === null && retryTimer === null) connect();
  }

  // One function per contract entry, like the preload: a new entry needs no wiring here.
  const requests = Object.fromEntries(VIGIL_REQUEST_NAMES.map((name) => [name, (args: RequestArgs<typeof name>) => rpc(name, args)])) as {
    [K in VigilRequestName]: VigilApi[K];
  };
  const api: HttpVigilApi = {
    ...requests,
    getSnapshot,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      const kept = event === 'snapshot' ? unheardSnapshot : null;
      if (kept) {
        unheardSnapshot = null;
        // Not from inside on(): the caller is still subscribing.
        queueMicrotask(() => {
          if (set.has(listener as (payload: never) => void)) (listener as (payload: AppSnapshot) => void)(kept);
        });
      }
      ensureConnected();
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    connectionState: () => state,
    connect: ensureConnected,
    close() {
      closed = true;
      if (retryTimer !== null) clearTimer(retryTimer);
      retryTimer = null;
      const open = socket;
      socket = null;
      open?.close();
      snapshotFrames.cancel();
      settleSnapshotWaiters(null);
      setState('closed');
    },
  };
  return api;
}
