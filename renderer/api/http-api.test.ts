import { describe, expect, it, vi } from 'vitest';
import type { AppSnapshot } from '../../shared/domain.ts';
import { VIGIL_REQUEST_NAMES } from '../../shared/ipc-contract.ts';
import { createHttpApi, eventsUrl } from './http-api.ts';
import { parseEventMessage } from './event-message.ts';
import { RECONNECT_MAX_MS, reconnectDelay } from './reconnect-delay.ts';

// The real transport is exercised end to end by Playwright against the headless host; these
// tests pin the wire format and the reconnect state machine, which need no server.

const ORIGIN = 'http://127.0.0.1:4321';

function snapshot(generatedAt: number): AppSnapshot {
  return { generatedAt, me: { id: 'me', name: null }, demo: false, configSource: null, sources: [], incidents: [], roster: null, warnings: [] };
}

function recordingFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return respond(url, init ?? {});
  }) as typeof fetch;
  return { calls, fetchFn };
}

class FakeSocket extends EventTarget {
  closedByClient = false;
  readonly url: string;
  constructor(url: string) {
    super();
    this.url = url;
  }
  close(): void {
    this.closedByClient = true;
    this.dispatchEvent(new Event('close'));
  }
  open(): void {
    this.dispatchEvent(new Event('open'));
  }
  push(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
  drop(): void {
    this.dispatchEvent(new Event('close'));
  }
}

function socketHarness() {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ callback: () => void; ms: number }> = [];
  return {
    sockets,
    timers,
    options: {
      openSocket: (url: string) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      setTimer: (callback: () => void, ms: number) => {
        const timer = { callback, ms };
        timers.push(timer);
        return timer;
      },
      clearTimer: (handle: unknown) => {
        timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1);
      },
      random: () => 1,
      // Snapshots are handed on at once here; the frame coalescing has its own test.
      scheduleSnapshot: (run: () => void) => {
        run();
        return () => {};
      },
    },
    runNextTimer() {
      const timer = timers.shift();
      if (!timer) throw new Error('no timer pending');
      timer.callback();
      return timer.ms;
    },
  };
}

describe('createHttpApi requests', () => {
  it('POSTs JSON args with the bearer token to /api/rpc/<name> and returns result', async () => {
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: { ok: true, silenceId: 's-1', error: null } }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn });
    await expect(api.ackIncident({ incidentKey: 'k1', via: 'window' })).resolves.toEqual({ ok: true, silenceId: 's-1', error: null });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe(`${ORIGIN}/api/rpc/ackIncident`);
    expect(call!.init.method).toBe('POST');
    expect(call!.init.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer tok' });
    expect(JSON.parse(String(call!.init.body))).toEqual({ incidentKey: 'k1', via: 'window' });
  });

  it('rejects with the host\'s error text when ok is false', async () => {
    const { fetchFn } = recordingFetch(() => Response.json({ ok: false, error: 'invalid arguments for updateSettings: policy.critical.ack_within: invalid duration "soon"' }, { status: 400 }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn });
    await expect(api.updateSettings({ policy: {} })).rejects.toThrow('invalid duration "soon"');
  });

  it('rejects with the HTTP status when the answer is not the JSON envelope', async () => {
    const { fetchFn } = recordingFetch(() => new Response('unauthorized', { status: 401 }));
    const api = createHttpApi(ORIGIN, 'wrong', { fetch: fetchFn });
    await expect(api.getSnapshot({})).rejects.toThrow('getSnapshot: HTTP 401: unauthorized');
  });

  it('rejects with a readable message when the host is unreachable', async () => {
    const api = createHttpApi(ORIGIN, 'tok', { fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    await expect(api.getTimeline({ incidentKey: 'k' })).rejects.toThrow('getTimeline: cannot reach the Vigil host (fetch failed)');
  });

  it('has one function per contract request, each POSTing to its own name', async () => {
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: null }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn });
    for (const name of VIGIL_REQUEST_NAMES) await (api[name] as (args: unknown) => Promise<unknown>)({});
    expect(calls.map((call) => call.url)).toEqual(VIGIL_REQUEST_NAMES.map((name) => `${ORIGIN}/api/rpc/${name}`));
  });

  it('gives ackIncidents (hundreds of silences, a few at a time) far longer than an ordinary request', async () => {
    const pending: Array<{ url: string; resolve: (response: Response) => void }> = [];
    const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error));
        pending.push({ url: String(input), resolve });
      })) as typeof fetch;
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, requestTimeoutMs: 20 });
    const bulk = api.ackIncidents({ incidentKeys: ['a', 'b'], via: 'window' });
    await expect(api.getSnapshot({})).rejects.toThrow('getSnapshot: cannot reach the Vigil host');
    pending.find((p) => p.url.endsWith('/api/rpc/ackIncidents'))!.resolve(Response.json({ ok: true, result: { results: [] } }));
    await expect(bulk).resolves.toEqual({ results: [] });
  });

  it('does not open the event socket until someone listens', () => {
    const harness = socketHarness();
    const { fetchFn } = recordingFetch(() => Response.json({ ok: true, result: snapshot(1) }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    void api.getSnapshot({});
    expect(harness.sockets).toHaveLength(0);
    api.on('snapshot', () => {});
    expect(harness.sockets).toHaveLength(1);
    api.on('focusIncident', () => {});
    expect(harness.sockets).toHaveLength(1);
  });
});

describe('createHttpApi first snapshot', () => {
  it('answers a getSnapshot made while the first event socket comes up with the snapshot it brings, without a request', async () => {
    const harness = socketHarness();
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: snapshot(1) }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    api.on('snapshot', () => {});
    const first = api.getSnapshot({});
    harness.sockets[0]!.open();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(7) });
    expect((await first).generatedAt).toBe(7);
    expect(calls).toHaveLength(0);
    // Later requests (a retry, a refetch) ask the host.
    expect((await api.getSnapshot({})).generatedAt).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('asks after all when the socket closes before its snapshot (a refused token) or is slow to send it', async () => {
    const harness = socketHarness();
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: false, error: 'missing or wrong token' }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    api.on('snapshot', () => {});
    const refused = api.getSnapshot({});
    harness.sockets[0]!.drop();
    await expect(refused).rejects.toThrow('missing or wrong token');
    expect(calls).toHaveLength(1);

    harness.runNextTimer();
    const slow = api.getSnapshot({}).catch(() => null);
    expect(harness.timers.map((timer) => timer.ms)).toEqual([5_000]);
    harness.runNextTimer();
    await slow;
    expect(calls).toHaveLength(2);
  });

  it('connect() opens the socket before anyone asks; the first getSnapshot takes the newest snapshot it brought, later ones ask', async () => {
    const harness = socketHarness();
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: snapshot(1) }));
    const frames: Array<() => void> = [];
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options, scheduleSnapshot: (run) => (frames.push(run), () => {}) });
    api.connect();
    expect(harness.sockets).toHaveLength(1);
    harness.sockets[0]!.open();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(7) });
    frames.shift()!();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(8) });
    frames.shift()!();
    expect((await api.getSnapshot({})).generatedAt).toBe(8);
    expect(calls).toHaveLength(0);
    expect((await api.getSnapshot({})).generatedAt).toBe(1);
    expect(calls).toHaveLength(1);
    // Listening later opens no second socket.
    api.on('snapshot', () => {});
    expect(harness.sockets).toHaveLength(1);
  });

  it('asks when the early socket closed before anyone asked (what it brought may be stale)', async () => {
    const harness = socketHarness();
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: snapshot(2) }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    api.connect();
    harness.sockets[0]!.open();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(7) });
    harness.sockets[0]!.drop();
    expect((await api.getSnapshot({})).generatedAt).toBe(2);
    expect(calls).toHaveLength(1);
  });

  it('hands the first snapshot listener the newest snapshot pushed before it subscribed, so none is lost', async () => {
    const harness = socketHarness();
    const frames: Array<() => void> = [];
    const api = createHttpApi(ORIGIN, 'tok', { ...harness.options, scheduleSnapshot: (run) => (frames.push(run), () => {}) });
    api.connect();
    harness.sockets[0]!.open();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(7) });
    frames.shift()!();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(9) });
    frames.shift()!();
    const seen: number[] = [];
    api.on('snapshot', (s) => seen.push(s.generatedAt));
    await Promise.resolve();
    expect(seen).toEqual([9]);
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(10) });
    frames.shift()!();
    // A second listener gets only what comes next: the kept one went to the first.
    const later: number[] = [];
    api.on('snapshot', (s) => later.push(s.generatedAt));
    await Promise.resolve();
    expect(seen).toEqual([9, 10]);
    expect(later).toEqual([]);
  });

  it('reads the snapshot a getSnapshot waits for at once, not at the next frame', async () => {
    const harness = socketHarness();
    const frames: Array<() => void> = [];
    const api = createHttpApi(ORIGIN, 'tok', { ...harness.options, scheduleSnapshot: (run) => (frames.push(run), () => {}) });
    api.connect();
    const first = api.getSnapshot({});
    harness.sockets[0]!.open();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(4) });
    expect((await first).generatedAt).toBe(4);
    expect(frames).toHaveLength(0);
    // Pushed snapshots after it wait for a frame as before.
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(5) });
    expect(frames).toHaveLength(1);
  });

  it('asks at once when no event socket is coming up', async () => {
    const harness = socketHarness();
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: snapshot(3) }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    expect((await api.getSnapshot({})).generatedAt).toBe(3);
    expect(calls).toHaveLength(1);
    expect(harness.sockets).toHaveLength(0);
  });
});

describe('createHttpApi events', () => {
  it('connects to the same origin with the token in the query', () => {
    expect(eventsUrl('http://127.0.0.1:4321', 'a b')).toBe('ws://127.0.0.1:4321/api/events?token=a+b');
    expect(eventsUrl('https://vigil.example', 't')).toBe('wss://vigil.example/api/events?token=t');
  });

  it('delivers pushed snapshots and focus requests to their listeners only', () => {
    const harness = socketHarness();
    const api = createHttpApi(ORIGIN, 'tok', harness.options);
    const snapshots: number[] = [];
    const focus: string[] = [];
    api.on('snapshot', (s) => snapshots.push(s.generatedAt));
    api.on('focusIncident', (f) => focus.push(f.incidentKey));
    const socket = harness.sockets[0]!;
    socket.open();
    socket.push({ event: 'snapshot', payload: snapshot(7) });
    socket.push({ event: 'focusIncident', payload: { incidentKey: 'k9' } });
    socket.push('not json');
    socket.push({ event: 'unknown', payload: {} });
    expect(snapshots).toEqual([7]);
    expect(focus).toEqual(['k9']);
  });

  it('parses only the newest of a burst of snapshot frames, at the next frame; other events at once', () => {
    const harness = socketHarness();
    const frames: Array<() => void> = [];
    const api = createHttpApi(ORIGIN, 'tok', { ...harness.options, scheduleSnapshot: (run) => (frames.push(run), () => {}) });
    const snapshots: number[] = [];
    const focus: string[] = [];
    api.on('snapshot', (s) => snapshots.push(s.generatedAt));
    api.on('focusIncident', (f) => focus.push(f.incidentKey));
    const socket = harness.sockets[0]!;
    socket.open();
    for (let n = 1; n <= 200; n++) socket.push({ event: 'snapshot', payload: snapshot(n) });
    socket.push({ event: 'focusIncident', payload: { incidentKey: 'k9' } });
    expect(focus).toEqual(['k9']);
    expect(snapshots).toEqual([]);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(snapshots).toEqual([200]);
  });

  it('stops delivering after unsubscribe', () => {
    const harness = socketHarness();
    const api = createHttpApi(ORIGIN, 'tok', harness.options);
    const seen: number[] = [];
    const off = api.on('snapshot', (s) => seen.push(s.generatedAt));
    harness.sockets[0]!.open();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(1) });
    off();
    harness.sockets[0]!.push({ event: 'snapshot', payload: snapshot(2) });
    expect(seen).toEqual([1]);
  });

  it('reconnects with growing delays after the host drops, then resyncs the snapshot', async () => {
    const harness = socketHarness();
    const { calls, fetchFn } = recordingFetch(() => Response.json({ ok: true, result: snapshot(99) }));
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    const states: string[] = [];
    api.onConnectionChange((s) => states.push(s));
    const seen: number[] = [];
    api.on('snapshot', (s) => seen.push(s.generatedAt));
    harness.sockets[0]!.open();
    harness.sockets[0]!.drop();
    expect(harness.runNextTimer()).toBe(500);
    harness.sockets[1]!.drop();
    expect(harness.runNextTimer()).toBe(1000);
    harness.sockets[2]!.drop();
    expect(harness.runNextTimer()).toBe(2000);
    harness.sockets[3]!.open();
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(calls.map((c) => c.url)).toEqual([`${ORIGIN}/api/rpc/getSnapshot`]);
    expect(seen).toEqual([99]);
    // The next drop starts the backoff from the beginning again.
    harness.sockets[3]!.drop();
    expect(harness.runNextTimer()).toBe(500);
  });

  it('does not let the resync answer overwrite a snapshot pushed meanwhile', async () => {
    const harness = socketHarness();
    let release: (r: Response) => void = () => {};
    const fetchFn = (() => new Promise<Response>((resolve) => (release = resolve))) as typeof fetch;
    const api = createHttpApi(ORIGIN, 'tok', { fetch: fetchFn, ...harness.options });
    const seen: number[] = [];
    api.on('snapshot', (s) => seen.push(s.generatedAt));
    harness.sockets[0]!.open();
    harness.sockets[0]!.drop();
    harness.runNextTimer();
    harness.sockets[1]!.open();
    harness.sockets[1]!.push({ event: 'snapshot', payload: snapshot(50) });
    release(Response.json({ ok: true, result: snapshot(40) }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([50]);
  });

  it('close() stops reconnecting', () => {
    const harness = socketHarness();
    const api = createHttpApi(ORIGIN, 'tok', harness.options);
    api.on('snapshot', () => {});
    harness.sockets[0]!.open();
    api.close();
    expect(harness.sockets[0]!.closedByClient).toBe(true);
    expect(harness.timers).toHaveLength(0);
    expect(api.connectionState()).toBe('closed');
  });
});

describe('reconnectDelay', () => {
  it('doubles from 500 ms and is capped', () => {
    expect([0, 1, 2, 3, 10, 1000].map((n) => reconnectDelay(n, () => 1))).toEqual([500, 1000, 2000, 4000, RECONNECT_MAX_MS, RECONNECT_MAX_MS]);
  });

  it('jitters between half and all of the ceiling', () => {
    expect(reconnectDelay(2, () => 0)).toBe(1000);
    expect(reconnectDelay(2, () => 0.5)).toBe(1500);
  });
});

describe('parseEventMessage', () => {
  it('accepts well-formed frames and rejects everything else', () => {
    expect(parseEventMessage(JSON.stringify({ event: 'focusIncident', payload: { incidentKey: 'x', extra: 1 } }))).toEqual({ event: 'focusIncident', payload: { incidentKey: 'x' } });
    expect(parseEventMessage(JSON.stringify({ event: 'snapshot', payload: { generatedAt: 'soon' } }))).toBeNull();
    expect(parseEventMessage(JSON.stringify({ event: 'snapshot' }))).toBeNull();
    expect(parseEventMessage(JSON.stringify(null))).toBeNull();
    expect(parseEventMessage(new ArrayBuffer(2))).toBeNull();
  });
});
