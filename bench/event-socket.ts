import { WebSocket } from 'ws';
import type { HostHandle } from '../e2e/fixtures/vigil-host.ts';
import type { AppSnapshot } from '../shared/domain.ts';

// The host's event socket as a window would see it (same URL, token and Origin): every snapshot
// the core pushes, with when it arrived here. Counting them says how often a renderer would be
// asked to re-render; their contents say when an alarm became visible.

export interface ReceivedSnapshot {
  at: number;
  snapshot: AppSnapshot;
}

export interface EventSocket {
  snapshots: ReceivedSnapshot[];
  /** Called with each snapshot as it arrives. */
  onSnapshot(listener: (received: ReceivedSnapshot) => void): void;
  close(): void;
}

export async function openEventSocket(host: HostHandle): Promise<EventSocket> {
  const origin = new URL(host.url).origin;
  const url = new URL('/api/events', host.url);
  url.protocol = 'ws:';
  url.searchParams.set('token', host.token);
  const ws = new WebSocket(url, { origin });
  const snapshots: ReceivedSnapshot[] = [];
  const listeners: Array<(received: ReceivedSnapshot) => void> = [];
  ws.on('message', (data: Buffer) => {
    const at = Date.now();
    const message = JSON.parse(data.toString('utf8')) as { event?: unknown; payload?: unknown };
    if (message.event !== 'snapshot') return;
    const received = { at, snapshot: message.payload as AppSnapshot };
    snapshots.push(received);
    for (const listener of listeners) listener(received);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  // A host stopping under an open socket resets it: that ends the count, it is not a bench failure.
  ws.on('error', () => undefined);
  return { snapshots, onSnapshot: (listener) => void listeners.push(listener), close: () => ws.close() };
}
