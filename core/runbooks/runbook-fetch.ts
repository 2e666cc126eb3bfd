import https from 'node:https';
import { countText } from '../../shared/count-text.ts';

// One conditional GET for a runbook served over https (a wiki's raw Markdown, a Git host's raw
// file). The answer is untrusted and bounded: https only, no redirects (a redirect could leave the
// allowlisted host), Markdown or plain text only, a byte cap enforced while streaming, and a
// timeout over the whole exchange. The ETag goes back as If-None-Match so an unchanged runbook
// costs a 304.

export const MAX_RUNBOOK_BYTES = 2 * 1024 * 1024;

const MARKDOWN_TYPES = new Set(['text/markdown', 'text/x-markdown', 'text/plain']);

export interface RunbookFetchOptions {
  timeoutMs: number;
  maxBytes?: number;
  /** The cached copy's ETag, sent as If-None-Match. */
  etag: string | null;
  /** PEM bundle trusted instead of the system store. */
  ca?: string;
}

export type RunbookFetchResult = { status: 'not-modified' } | { status: 'ok'; text: string; etag: string | null };

/** The URL as it may be shown and logged: no query or fragment (either can carry a token). */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Resolves with the runbook's text (or "not modified"); rejects with a message fit for the UI. */
export function fetchRunbook(url: URL, options: RunbookFetchOptions): Promise<RunbookFetchResult> {
  const shown = shownUrl(url);
  if (url.protocol !== 'https:') return Promise.reject(new Error(`${shown}: runbooks are fetched over https only`));
  const maxBytes = options.maxBytes ?? MAX_RUNBOOK_BYTES;
  const headers: Record<string, string> = { accept: 'text/markdown, text/plain;q=0.9', 'user-agent': 'vigil' };
  if (options.etag) headers['if-none-match'] = options.etag;

  return new Promise((resolve, reject) => {
    let settled = false;
    let request: ReturnType<typeof https.request> | null = null;
    const finish = (error: Error | null, result?: RunbookFetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request?.destroy();
        reject(error);
      } else if (result) {
        resolve(result);
      }
    };
    const timer = setTimeout(() => finish(new Error(`${shown} did not answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    try {
      // A fresh connection each time (fetches are minutes apart): no kept-alive socket the wiki has since dropped.
      request = https.request(url, { method: 'GET', headers, agent: false, ...(options.ca ? { ca: options.ca } : {}) });
    } catch (error) {
      finish(new Error(`cannot fetch ${shown}: ${(error as Error).message}`));
      return;
    }
    request.on('error', (error: NodeJS.ErrnoException) => finish(new Error(`cannot fetch ${shown}: ${error.code ?? error.message}`)));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const fail = (message: string) => {
        response.resume();
        finish(new Error(message));
      };
      if (status === 304 && options.etag) {
        response.resume();
        finish(null, { status: 'not-modified' });
        return;
      }
      if (status >= 300 && status < 400) return fail(`${shown} redirects elsewhere (HTTP ${status}); redirects are not followed`);
      if (status !== 200) return fail(`HTTP ${status} from ${shown}`);
      const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!MARKDOWN_TYPES.has(mediaType)) return fail(`${shown} answers ${mediaType || 'no content type'}, not Markdown`);
      const declared = Number(response.headers['content-length'] ?? Number.NaN);
      if (declared > maxBytes) return fail(`${shown} is larger than ${countText(maxBytes)} bytes`);
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          finish(new Error(`${shown} is larger than ${countText(maxBytes)} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      let ended = false;
      response.on('end', () => {
        ended = true;
        const etag = response.headers.etag;
        finish(null, { status: 'ok', text: Buffer.concat(chunks).toString('utf8'), etag: typeof etag === 'string' && etag.length <= 1024 ? etag : null });
      });
      // 'close' without 'end': the server hung up mid-body.
      const cut = () => {
        if (!ended) finish(new Error(`${shown}: the connection closed before the runbook was complete`));
      };
      response.on('error', cut);
      response.on('close', cut);
    });
    request.end();
  });
}
