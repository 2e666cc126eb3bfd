import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCert } from './self-signed-cert.ts';

// A real https server standing in for a team's wiki or Git host: it serves runbooks with an ETag,
// answers 304 to a matching If-None-Match, and records every request, so tests see what the
// core asked for (and what it never asked for).

export interface ServedDocument {
  body: string | Buffer;
  contentType?: string;
  etag?: string;
  status?: number;
  headers?: Record<string, string>;
}

export interface RunbookServer {
  /** https://127.0.0.1:PORT */
  origin: string;
  /** The server's certificate, to trust as runbooks.ca_file. */
  cert: string;
  requests: Array<{ path: string; ifNoneMatch: string | null; status: number }>;
  /** Serve (or replace) a document at a path (the path includes any query). */
  set(path: string, document: ServedDocument): void;
  stop(): Promise<void>;
}

export async function startRunbookServer(): Promise<RunbookServer> {
  const { key, cert } = createSelfSignedCert();
  const documents = new Map<string, ServedDocument>();
  const requests: RunbookServer['requests'] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    const path = req.url ?? '/';
    const ifNoneMatch = typeof req.headers['if-none-match'] === 'string' ? req.headers['if-none-match'] : null;
    const document = documents.get(path);
    const answer = (status: number, headers: Record<string, string> = {}, body: string | Buffer = '') => {
      requests.push({ path, ifNoneMatch, status });
      res.writeHead(status, headers).end(body);
    };
    if (!document) return answer(404, { 'content-type': 'text/plain' }, 'not found');
    const etag: Record<string, string> = document.etag ? { etag: document.etag } : {};
    if (document.etag && ifNoneMatch === document.etag) return answer(304, etag);
    answer(document.status ?? 200, { 'content-type': document.contentType ?? 'text/markdown; charset=utf-8', ...etag, ...document.headers }, document.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cert,
    requests,
    set: (path, document) => void documents.set(path, document),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
