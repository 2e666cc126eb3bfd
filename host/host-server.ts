import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isVigilRequestName, parseRequestArgs, VIGIL_EVENT_NAMES } from '../shared/ipc-contract.ts';
import type { Logger } from '../core/ports.ts';
import { createConsoleLogger } from '../core/runtime/console-logger.ts';
import type { VigilCore } from '../core/vigil-core.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';
import { firstFrameHtml, pageWithFirstFrame, wantsFirstFrame } from '../shared/first-frame-html.ts';
import { MalformedRequestError, parseTarget } from './malformed-request.ts';
import { bearerToken, checkHost, checkOrigin, checkToken } from './request-guard.ts';
import { readRendererFile } from '../core/runtime/renderer-files.ts';
import { contentSecurityPolicyFor } from '../core/runtime/page-content-security-policy.ts';

// The headless host: the same core and the same renderer as the Electron app, over HTTP (requests)
// and a WebSocket (pushed events) on 127.0.0.1 only. It is how the app runs where no Electron
// binary exists, and what Playwright drives end to end.
//
// Any local web page can send it requests, so no request may take it down: each way in (request,
// upgrade, CONNECT, bytes that are not HTTP) is wrapped once, and whatever throws becomes an answer:
// 400 for malformed input, 500 (and a log line) for a bug of ours.

const MAX_BODY = 1024 * 1024;

export interface HostServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

// The page opened with the token goes without Cross-Origin-Opener-Policy, as Electron's vigil://
// pages always have. COOP cuts a window off from its opener and the windows it opens; this page
// has neither: only a holder of the token can open it (and the token already grants everything
// the page can do), and the page opens no windows (links go out through the host's allowlist).
// What COOP does cost it: a tab that already holds a renderer (Playwright's new pages start at
// about:blank) must start a second one to show a COOP page, which made the window's first frame
// 80-120 ms later here (docs/benchmarks.md). The plain page, every other file and the API keep it.
const { 'Cross-Origin-Opener-Policy': _noOpenerPolicyNeeded, ...TOKEN_PAGE_HEADERS } = SECURITY_HEADERS;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers on a raw socket (an upgrade, a CONNECT, bytes Node could not parse) and closes it. */
function refuse(socket: Duplex, status: number, error: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ ok: false, error });
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startHostServer(options: { core: VigilCore; rendererDir: string; port?: number; token?: string; logger?: Logger }): Promise<HostServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  const logger = options.logger ?? createConsoleLogger('host');
  let port = 0;

  /** What a thrown error answers: the client's mistake is a 400 with its message; anything else is our bug. */
  function failure(error: unknown, req: IncomingMessage): { status: number; error: string } {
    if (error instanceof MalformedRequestError) return { status: 400, error: error.message };
    logger.error('bug: a request handler threw', { method: req.method, target: req.url?.slice(0, 200), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return { status: 500, error: 'internal error' };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!checkHost(req.headers.host, port)) return send(res, 421, { ok: false, error: 'unexpected Host header' });
    const { path, query } = parseTarget(req.url);
    if (path.startsWith('/api/')) return answerRpc(req, res, path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: 'method not allowed' });
    // The same file lookup the Electron app's vigil:// scheme uses (path containment, types).
    const file = await readRendererFile(options.rendererDir, path);
    if (!file.ok) return send(res, file.status, { ok: false, error: file.status === 400 ? `malformed request path: ${file.reason}` : 'not found' });
    // The page opened with the token (the link the host prints) comes with its first frame: the
    // incidents are data, so a request without the token gets the plain page, as any file.
    const withFrame = wantsFirstFrame(path, query) && checkToken(query.get('token'), token);
    res.writeHead(200, { ...(withFrame ? TOKEN_PAGE_HEADERS : SECURITY_HEADERS), 'Content-Security-Policy': contentSecurityPolicyFor(file), 'Content-Type': file.type });
    if (req.method === 'HEAD') return void res.end();
    res.end(withFrame ? pageWithFirstFrame(file.body, () => firstFrameHtml(core.snapshot()), (error) => logger.error('first frame failed; serving the plain page', { error: String(error) })) : file.body);
  }

  async function answerRpc(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!checkOrigin(req.headers.origin, port, false)) return send(res, 403, { ok: false, error: 'cross-origin request refused' });
    if (!checkToken(bearerToken(req.headers.authorization), token)) return send(res, 401, { ok: false, error: 'missing or wrong token' });
    const match = /^\/api\/rpc\/([A-Za-z]{1,64})$/.exec(path);
    if (req.method !== 'POST' || !match?.[1] || !isVigilRequestName(match[1])) return send(res, 404, { ok: false, error: 'no such request' });
    const name = match[1];
    try {
      const args = parseRequestArgs(name, await readBody(req));
      const handler = core.handlers[name] as (a: unknown) => Promise<unknown>;
      return send(res, 200, { ok: true, result: await handler(args) });
    } catch (error) {
      return send(res, 400, { ok: false, error: (error as Error).message });
    }
  }

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { path, query } = parseTarget(req.url);
    const ok = path === '/api/events' && checkHost(req.headers.host, port) && checkOrigin(req.headers.origin, port, true) && checkToken(query.get('token'), token);
    if (!ok) return refuse(socket, 403, 'event socket refused');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A client breaking the WebSocket protocol (oversized or invalid frames) is its own problem.
      ws.on('error', (error) => logger.warn('event socket error', { error: error.message }));
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      try {
        ws.send(JSON.stringify({ event: 'snapshot', payload: core.snapshot() }));
      } catch (error) {
        failure(error, req);
        ws.terminate();
      }
    });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      try {
        const answer = failure(error, req);
        if (res.headersSent) res.destroy();
        else send(res, answer.status, { ok: false, error: answer.error });
      } catch {
        res.destroy();
      }
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node stops watching an upgraded socket's errors; a client that resets must not become an
    // unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (error) {
      const answer = failure(error, req);
      refuse(socket, answer.status, answer.error);
    }
  });
  // Without a listener Node drops CONNECT connections without a word; answer like any other method.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    refuse(socket, 405, 'method not allowed');
  });
  // Bytes that are not HTTP (or headers too large) never reach route(); answer them here.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') return socket.destroy();
    if (error.code === 'HPE_HEADER_OVERFLOW') return refuse(socket, 431, 'request headers too large');
    refuse(socket, 400, 'malformed HTTP request');
  });

  const unsubscribers = VIGIL_EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      // No window connected: nothing to serialize (a 10k-alert snapshot costs real CPU).
      if (sockets.size === 0) return;
      const message = JSON.stringify({ event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, a server error (say, out of file descriptors while accepting) is logged, not fatal.
  server.on('error', (error) => logger.error('host server error', { error: error.message }));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: async () => {
      for (const u of unsubscribers) u();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
