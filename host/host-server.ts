import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isVigilRequestName, parseRequestArgs, VIGIL_EVENT_NAMES } from '../shared/ipc-contract.ts';
import type { VigilCore } from '../core/vigil-core.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.ts';
import { bearerToken, checkHost, checkOrigin, checkToken } from './request-guard.ts';
import { readStatic } from './static-files.ts';

// The headless host: the same core and the same renderer as the Electron app, over HTTP (requests)
// and a WebSocket (pushed events) on 127.0.0.1 only. It is how the app runs where no Electron
// binary exists, and what Playwright drives end to end.

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

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
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

export async function startHostServer(options: { core: VigilCore; rendererDir: string; port?: number; token?: string }): Promise<HostServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let port = 0;

  const server = createServer(async (req, res) => {
    if (!checkHost(req.headers.host, port)) return send(res, 421, { ok: false, error: 'unexpected Host header' });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
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
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: 'method not allowed' });
    const file = await readStatic(options.rendererDir, path);
    if (!file) return send(res, 404, { ok: false, error: 'not found' });
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ok = url.pathname === '/api/events' && checkHost(req.headers.host, port) && checkOrigin(req.headers.origin, port, true) && checkToken(url.searchParams.get('token'), token);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.send(JSON.stringify({ event: 'snapshot', payload: core.snapshot() }));
    });
  });
  const unsubscribers = VIGIL_EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      const message = JSON.stringify({ event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
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
