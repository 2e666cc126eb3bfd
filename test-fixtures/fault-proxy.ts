import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

// A reverse proxy in front of a real Alertmanager that injects one fault at a time, so tests see
// how Vigil copes with a truncated answer, an error status, a hang, schema-breaking items, an
// oversized answer, or a silence POST whose answer never arrives. It records every request
// (method, path, headers) so tests can check what the client actually sent.

export type Fault =
  | { kind: 'truncate'; pathPrefix?: string }
  /** With `times`, only that many matching requests get the status; the rest are forwarded. */
  | { kind: 'status'; status: number; body?: string; pathPrefix?: string; times?: number }
  | { kind: 'delay'; ms: number; pathPrefix?: string }
  | { kind: 'inject-bad-items'; pathPrefix?: string }
  | { kind: 'fail-silence-post'; mode: 'error' | 'timeout-after-forward' }
  | { kind: 'huge'; bytes: number; pathPrefix?: string }
  /** Rewrites a JSON array answer item by item (a lying clock, an empty answer, hostile labels). */
  | { kind: 'rewrite'; rewrite: (items: unknown[]) => unknown[]; pathPrefix?: string };

export interface RecordedRequest {
  method: string;
  /** Path with query string, as received. */
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface FaultProxy {
  url: string;
  setFault(fault: Fault | null): void;
  /** Every request received, oldest first (clear with `requests.length = 0`). */
  requests: RecordedRequest[];
  /**
   * Requests received and not answered yet (held by a `delay`, or still upstream) whose path
   * starts with `pathPrefix` (all when absent): lets a test assert ordering ("the alarm came
   * while the silence lookup was still unanswered") instead of timing.
   */
  inFlight(pathPrefix?: string): number;
  stop(): Promise<void>;
}

export interface FaultProxyOptions {
  /** Serve HTTPS with this key/certificate (PEM), to exercise a custom CA in the client. */
  tls?: { key: string; cert: string };
}

/** Items that break amAlertSchema: no fingerprint, and labels that are not a label set. */
export const BAD_ALERT_ITEMS: readonly unknown[] = [
  { labels: { alertname: 'NoFingerprint' }, annotations: {}, startsAt: '2024-01-01T00:00:00Z', status: { state: 'active', silencedBy: [], inhibitedBy: [] } },
  { fingerprint: 'badlabels0000001', labels: 42, annotations: {}, startsAt: '2024-01-01T00:00:00Z', status: { state: 'active', silencedBy: [], inhibitedBy: [] } },
];

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function forward(target: URL, request: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const prefix = target.pathname.replace(/\/+$/, '');
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name) && name !== 'host' && value !== undefined) headers[name] = value;
    headers['content-length'] = body.length;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: `${prefix}${request.url ?? '/'}`, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function pathOf(request: http.IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function applies(fault: Fault | null, request: http.IncomingMessage): boolean {
  if (!fault) return false;
  if (fault.kind === 'fail-silence-post') return request.method === 'POST' && pathOf(request) === '/api/v2/silences';
  return fault.pathPrefix === undefined || pathOf(request).startsWith(fault.pathPrefix);
}

function sendUpstream(response: http.ServerResponse, upstream: Upstream, body: Buffer = upstream.body): void {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  headers['content-length'] = body.length;
  response.writeHead(upstream.status, headers);
  response.end(body);
}

/** Stream a valid-looking JSON array of about `bytes` bytes without a Content-Length. */
function streamHuge(response: http.ServerResponse, bytes: number): void {
  const item = JSON.stringify({
    fingerprint: 'huge000000000000',
    labels: { alertname: 'Huge', padding: 'x'.repeat(900) },
    annotations: {},
    startsAt: '2024-01-01T00:00:00Z',
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  });
  response.writeHead(200, { 'content-type': 'application/json' });
  let written = 0;
  let first = true;
  const pump = () => {
    while (written < bytes && !response.destroyed) {
      const chunk = `${first ? '[' : ','}${item}`;
      first = false;
      written += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end(']');
  };
  pump();
}

export async function startFaultProxy(targetUrl: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  if (target.protocol !== 'http:') throw new Error(`the fault proxy forwards to http targets only, got ${targetUrl}`);
  let fault: Fault | null = null;
  const requests: RecordedRequest[] = [];
  const held = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const unanswered = new Set<RecordedRequest>();

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers: { ...request.headers } };
    requests.push(recorded);
    unanswered.add(recorded);
    // 'close' fires once the answer is sent, or the connection dropped: either way it is no longer pending.
    response.once('close', () => unanswered.delete(recorded));
    const body = await readBody(request);
    let active = applies(fault, request) ? fault : null;
    if (active?.kind === 'status' && active.times !== undefined) {
      if (active.times > 0) active = (fault = { ...active, times: active.times - 1 });
      else active = null;
    }

    switch (active?.kind) {
      case 'status': {
        const text = active.body ?? `fault injected: status ${active.status}`;
        response.writeHead(active.status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
        response.end(text);
        return;
      }
      case 'huge':
        streamHuge(response, active.bytes);
        return;
      case 'fail-silence-post':
        if (active.mode === 'error') {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify('fault injected: silence not stored'));
          return;
        }
        // The silence reaches Alertmanager and is stored, but the answer is swallowed: the
        // client cannot know whether its ack worked.
        await forward(target, request, body);
        held.add(response);
        response.on('close', () => held.delete(response));
        return;
      default:
        break;
    }

    const upstream = await forward(target, request, body);
    switch (active?.kind) {
      case 'truncate': {
        const headers: http.OutgoingHttpHeaders = { 'content-type': upstream.headers['content-type'] ?? 'application/json', 'content-length': upstream.body.length };
        response.writeHead(upstream.status, headers);
        response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
        // Let the half body reach the client before the connection drops.
        const timer = setTimeout(() => {
          timers.delete(timer);
          response.socket?.destroy();
        }, 20);
        timers.add(timer);
        return;
      }
      case 'delay': {
        held.add(response);
        const timer = setTimeout(() => {
          timers.delete(timer);
          held.delete(response);
          if (!response.destroyed) sendUpstream(response, upstream);
        }, active.ms);
        timers.add(timer);
        return;
      }
      case 'rewrite':
      case 'inject-bad-items': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(upstream.body.toString('utf8'));
        } catch {
          parsed = null;
        }
        if (Array.isArray(parsed)) {
          const items = active.kind === 'rewrite' ? active.rewrite(parsed) : [...parsed, ...BAD_ALERT_ITEMS];
          sendUpstream(response, upstream, Buffer.from(JSON.stringify(items)));
          return;
        }
        break;
      }
      default:
        break;
    }
    sendUpstream(response, upstream);
  };

  const listener = (request: http.IncomingMessage, response: http.ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`fault proxy: upstream failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    setFault(next: Fault | null) {
      fault = next;
    },
    requests,
    inFlight: (pathPrefix) => [...unanswered].filter((r) => pathPrefix === undefined || r.path.startsWith(pathPrefix)).length,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const response of held) response.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
