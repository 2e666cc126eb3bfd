import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCert } from '../../test-fixtures/self-signed-cert.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { AmHttpError, buildRequestUrl, cleanSnippet, requestJson } from './am-http.ts';
import { CHUNKS_PER_SLICE } from './event-loop-slices.ts';
import { LastAnswerBytes } from './last-answer-bytes.ts';

// The HTTP layer against a real loopback server whose behaviour each route scripts: exact wire
// behaviour (premature close, lying Content-Length, endless stream) is what is under test here.

type Route = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;
const routes = new Map<string, Route>();
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

function handler(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    const route = routes.get((request.url ?? '').split('?')[0] ?? '');
    if (route) route(request, response, body);
    else response.writeHead(404).end('no route');
  });
}

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const defaults = { timeoutMs: 2000, maxBytes: 1_000_000 };

async function failure(promise: Promise<unknown>): Promise<AmHttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AmHttpError);
  return error as AmHttpError;
}

describe('buildRequestUrl', () => {
  it('keeps a base path prefix and repeated query keys in order', () => {
    const url = buildRequestUrl('https://mimir.example/alertmanager/', '/api/v2/alerts', [
      ['filter', 'team="a"'],
      ['filter', 'severity=~"critical|warning"'],
      ['active', 'true'],
    ]);
    expect(url.pathname).toBe('/alertmanager/api/v2/alerts');
    expect(url.searchParams.getAll('filter')).toEqual(['team="a"', 'severity=~"critical|warning"']);
    expect(url.searchParams.get('active')).toBe('true');
  });
});

describe('cleanSnippet', () => {
  it('strips control characters, collapses whitespace and caps the length at 200', () => {
    expect(cleanSnippet('bad\u0000\u001b[31m thing\r\n\tnow')).toBe('bad [31m thing now');
    const long = cleanSnippet('x'.repeat(1000));
    expect(long.length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('requestJson', () => {
  it('sends method, path prefix, query, JSON body, custom headers and bearer auth', async () => {
    routes.set('/prefix/api/v2/silences', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"silenceID":"abc"}'));
    const answer = await requestJson({
      ...defaults,
      baseUrl: `${base}/prefix`,
      method: 'POST',
      path: '/api/v2/silences',
      query: [
        ['filter', 'a="1"'],
        ['filter', 'b="2"'],
      ],
      body: { comment: 'ack' },
      headers: { 'X-Scope-OrgID': 'tenant-1' },
      auth: { kind: 'bearer', token: 'tok' },
    });
    expect(answer.body).toEqual({ silenceID: 'abc' });
    const last = seen.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.url).toBe('/prefix/api/v2/silences?filter=a%3D%221%22&filter=b%3D%222%22');
    expect(JSON.parse(last.body)).toEqual({ comment: 'ack' });
    expect(last.headers['x-scope-orgid']).toBe('tenant-1');
    expect(last.headers.authorization).toBe('Bearer tok');
    expect(last.headers['content-type']).toBe('application/json');
  });

  it('sends basic auth', async () => {
    routes.set('/basic', (_req, res) => res.writeHead(200).end('[]'));
    await requestJson({ ...defaults, baseUrl: base, path: '/basic', auth: { kind: 'basic', username: 'vigil', password: 'p:w' } });
    expect(seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('vigil:p:w').toString('base64')}`);
  });

  it('reports a non-2xx status with a cleaned, short body snippet', async () => {
    routes.set('/boom', (_req, res) => res.writeHead(500).end(`internal\u0007 error ${'y'.repeat(500)}`));
    const error = await failure(requestJson({ ...defaults, baseUrl: base, path: '/boom' }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain(`${base}/boom`);
    expect(error.bodySnippet.startsWith('internal error y')).toBe(true);
    expect(error.bodySnippet.length).toBeLessThanOrEqual(200);
    expect(error.message).not.toContain('\u0007');
  });

  it('reads 401 as an authentication error', async () => {
    routes.set('/auth', (_req, res) => res.writeHead(401).end('Unauthorized'));
    const error = await failure(requestJson({ ...defaults, baseUrl: base, path: '/auth' }));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/401.*authentication failed/);
  });

  it('calls a body shorter than its Content-Length truncated', async () => {
    routes.set('/short', (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('[{"a":1}');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await failure(requestJson({ ...defaults, baseUrl: base, path: '/short' }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(`truncated or malformed JSON answer from ${base}/short`);
  });

  it('calls a chunked stream cut short truncated', async () => {
    routes.set('/chunked-cut', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[1,2,');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await failure(requestJson({ ...defaults, baseUrl: base, path: '/chunked-cut' }));
    expect(error.message).toContain('truncated or malformed JSON answer from');
  });

  it('rejects invalid JSON and an empty body, but allows empty when asked', async () => {
    routes.set('/notjson', (_req, res) => res.writeHead(200).end('<html>proxy login</html>'));
    routes.set('/empty', (_req, res) => res.writeHead(200).end());
    expect((await failure(requestJson({ ...defaults, baseUrl: base, path: '/notjson' }))).kind).toBe('malformed');
    expect((await failure(requestJson({ ...defaults, baseUrl: base, path: '/empty' }))).message).toContain('truncated or malformed JSON answer');
    const empty = await requestJson({ ...defaults, baseUrl: base, path: '/empty', method: 'DELETE', allowEmpty: true });
    expect(empty.body).toBeNull();
  });

  it('aborts a streamed answer that exceeds maxBytes, and refuses an oversized Content-Length at once', async () => {
    let stillWriting = true;
    routes.set('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const pump = () => {
        while (!res.destroyed && res.write('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",')) {
          /* fill the socket */
        }
        if (res.destroyed) stillWriting = false;
        else res.once('drain', pump);
      };
      res.on('close', () => (stillWriting = false));
      pump();
    });
    routes.set('/declared-big', (_req, res) => res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)));
    const streamed = await failure(requestJson({ ...defaults, maxBytes: 50_000, baseUrl: base, path: '/endless' }));
    expect(streamed.kind).toBe('too-large');
    expect(streamed.message).toContain('answer larger than 50000 bytes');
    await expect.poll(() => stillWriting, { timeout: 2000 }).toBe(false);
    const declared = await failure(requestJson({ ...defaults, maxBytes: 1000, baseUrl: base, path: '/declared-big' }));
    expect(declared.kind).toBe('too-large');
  });

  it('lets the event loop through while a large array answer is read, every few chunks', async () => {
    const answer = JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ fingerprint: `f${i}`, summary: 'x'.repeat(200) })));
    routes.set('/large-array', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
    let items = 0;
    let turnsDuringRead = 0;
    let reading = true;
    const reader = {
      item: () => {
        items += 1;
        if (items === 1) {
          // Hold the first item long enough for the rest of the answer to be waiting on the socket,
          // then count the event loop turns that come before the answer is read in full.
          const until = Date.now() + 100;
          while (Date.now() < until) {
            /* the rest of the answer arrives meanwhile */
          }
          const turn = () => {
            if (!reading) return;
            turnsDuringRead += 1;
            setImmediate(turn);
          };
          setImmediate(turn);
        }
      },
      sameAsLast: () => false,
    };
    const response = await requestJson({ ...defaults, maxBytes: 2 ** 22, baseUrl: base, path: '/large-array', arrayItems: { reader, lastBytes: new LastAnswerBytes() } });
    reading = false;
    expect(response.itemsStreamed).toBe(true);
    expect(items).toBe(3000);
    // About 700 KB in chunks of at most 64 KiB: at least two slices of CHUNKS_PER_SLICE chunks.
    expect(turnsDuringRead).toBeGreaterThanOrEqual(Math.floor(answer.length / 65_536 / CHUNKS_PER_SLICE));
  });

  it('times out the whole exchange, including a body that trickles in', async () => {
    routes.set('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
    });
    const error = await failure(requestJson({ ...defaults, timeoutMs: 200, baseUrl: base, path: '/trickle' }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('timed out after 200 ms');
  });

  it('stops when the caller aborts', async () => {
    routes.set('/hang', () => undefined);
    const controller = new AbortController();
    const pending = requestJson({ ...defaults, baseUrl: base, path: '/hang', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 30);
    const error = await failure(pending);
    expect(error.message).toContain('aborted');
  });

  it('names the network failure for a closed port', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(requestJson({ ...defaults, baseUrl: `http://127.0.0.1:${port}`, path: '/api/v2/alerts' }));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('trusts a custom CA for https and nothing else', async () => {
    const { key, cert } = createSelfSignedCert();
    const tls = https.createServer({ key, cert }, (_req, res) => res.writeHead(200).end('{"ok":true}'));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    try {
      const answer = await requestJson({ ...defaults, baseUrl: tlsBase, path: '/api/v2/status', ca: cert });
      expect(answer.body).toEqual({ ok: true });
      const untrusted = await failure(requestJson({ ...defaults, baseUrl: tlsBase, path: '/api/v2/status' }));
      expect(untrusted.kind).toBe('network');
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});

describe('credentials never travel in the clear', () => {
  // 127.0.0.2 is loopback on Linux, so nothing leaves the machine, but it is not one of the hosts
  // the http exception names: to the guard it is any host on the network. A TCP relay there in
  // front of a real Alertmanager counts connections, so "refused before connecting" is observed.
  let alertmanager: RunningAlertmanager;
  let relay: net.Server;
  let relayUrl: string;
  let connections = 0;

  beforeAll(async () => {
    alertmanager = await startAlertmanager();
    const target = new URL(alertmanager.url);
    relay = net.createServer((client) => {
      connections += 1;
      const upstream = net.connect(Number(target.port), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.2', resolve));
    relayUrl = `http://127.0.0.2:${(relay.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => relay.close(resolve));
    await alertmanager.stop();
  });

  it('reaches the real Alertmanager through the relay when nothing secret is sent', async () => {
    const before = connections;
    const answer = await requestJson({ ...defaults, baseUrl: relayUrl, path: '/api/v2/status' });
    expect(answer.body).toHaveProperty('versionInfo');
    expect(connections).toBeGreaterThan(before);
  });

  it.each([
    ['bearer auth', { auth: { kind: 'bearer', token: 'tok-secret' } as const }],
    ['basic auth', { auth: { kind: 'basic', username: 'vigil', password: 'pw-secret' } as const }],
    ['an Authorization header', { headers: { Authorization: 'Bearer tok-secret' } }],
    ['an API key header', { headers: { 'X-API-Key': 'key-secret' } }],
  ])('refuses %s over plain http to a non-loopback host, before connecting', async (_label, extra) => {
    const before = connections;
    const error = await failure(requestJson({ ...defaults, ...extra, baseUrl: relayUrl, path: '/api/v2/status' }));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(`refused to send credentials to ${relayUrl}/api/v2/status over plain http: use https (http only for 127.0.0.1, localhost, [::1])`);
    expect(connections).toBe(before);
  });

  it('still sends credentials over http to 127.0.0.1 (a local proxy, tests)', async () => {
    const answer = await requestJson({ ...defaults, baseUrl: alertmanager.url, path: '/api/v2/status', auth: { kind: 'bearer', token: 'tok' } });
    expect(answer.body).toHaveProperty('versionInfo');
  });

  it('refuses a URL carrying user:password, without echoing the password or connecting', async () => {
    const before = connections;
    const withUserinfo = relayUrl.replace('http://', 'http://vigil:pw-secret@');
    const error = await failure(requestJson({ ...defaults, baseUrl: withUserinfo, path: '/api/v2/status' }));
    expect(error.message).toContain('credentials in the URL (user:password@) are not accepted');
    expect(error.message).not.toContain('pw-secret');
    expect(connections).toBe(before);
  });
});
