import WebSocket from 'ws';
import { expect, hostConfig, test } from './fixtures/vigil-test.ts';

// The headless host answers only to its own page: the per-run token, our exact Host (no DNS
// rebinding) and our own Origin (no other local page), for requests and the event socket alike.
test('the host refuses requests without the token, with a foreign Host or Origin', async ({ alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  const rpc = (headers: Record<string, string>, body = '{}') => fetch(new URL('/api/rpc/getSnapshot', host.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  const auth = { Authorization: `Bearer ${host.token}` };

  expect((await rpc({})).status).toBe(401);
  expect((await rpc({ Authorization: 'Bearer wrongwrongwrongwrongwrong' })).status).toBe(401);
  expect((await rpc({ ...auth, Origin: 'http://evil.example' })).status).toBe(403);
  expect((await rpc({ ...auth, Origin: host.url.replace(/\/$/, '') })).status).toBe(200);
  // Node's fetch will not forge Host; use a raw request for the rebinding case.
  const { request } = await import('node:http');
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(new URL('/api/rpc/getSnapshot', host.url), { method: 'POST', headers: { ...auth, Host: 'attacker.example:80' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
  expect(status).toBe(421);
  // IPC arguments are validated: a bad argument is a clear error, not a crash.
  const bad = await fetch(new URL('/api/rpc/ackIncident', host.url), { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ incidentKey: 42 }) });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/invalid arguments for ackIncident: incidentKey/);

  const wsUrl = host.url.replace('http', 'ws') + 'api/events';
  const opens = (url: string, origin: string) =>
    new Promise<boolean>((resolve) => {
      const ws = new WebSocket(url, { headers: { Origin: origin } });
      ws.once('open', () => {
        ws.close();
        resolve(true);
      });
      ws.once('error', () => resolve(false));
    });
  const own = host.url.replace(/\/$/, '');
  expect(await opens(`${wsUrl}?token=${host.token}`, own)).toBe(true);
  expect(await opens(`${wsUrl}?token=nope`, own)).toBe(false);
  expect(await opens(`${wsUrl}?token=${host.token}`, 'http://evil.example')).toBe(false);
});

// Every answer carries the security headers. The page opened with the token is the one answer
// without an opener policy (host/host-server.ts says why): a request without the token, or with a
// wrong one, gets the plain page with it, as every other file and the API do.
test('the host sends its security headers on every answer, and no opener policy on the page opened with the token', async ({ alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  const headersOf = async (path: string, init?: RequestInit) => {
    const res = await fetch(new URL(path, host.url), init);
    await res.arrayBuffer();
    return res.headers;
  };
  const tokenPage = await headersOf(`/?token=${host.token}`);
  const answers = {
    'plain page': await headersOf('/'),
    'page with a wrong token': await headersOf('/?token=wrongwrongwrongwrongwrong'),
    'alarm window page': await headersOf(`/?token=${host.token}&window=alarm`),
    'API': await headersOf('/api/rpc/getSnapshot', { method: 'POST', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: '{}' }),
  };
  for (const [what, headers] of Object.entries({ 'page with the token': tokenPage, ...answers })) {
    expect.soft(headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
    expect.soft(headers.get('x-frame-options'), what).toBe('DENY');
    expect.soft(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect.soft(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
    expect.soft(headers.get('referrer-policy'), what).toBe('no-referrer');
  }
  for (const [what, headers] of Object.entries(answers)) expect.soft(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(tokenPage.get('cross-origin-opener-policy')).toBeNull();
  // A page allows its one inline stylesheet by hash (core/runtime/page-content-security-policy.ts);
  // the API allows no style at all beyond our own files.
  for (const headers of [tokenPage, answers['plain page']]) expect(headers.get('content-security-policy')).toMatch(/; style-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';/);
  expect(answers.API.get('content-security-policy')).toContain("; style-src 'self';");
});
