import type { Clock } from '../../shared/clock.ts';
import { feedUrlProblem, redactUrl } from '../../shared/rotation/feed-url.ts';

// A conditional GET for documents re-fetched on a timer (the rotation YAML, ICS feeds): the
// validator of the last answer goes back as If-None-Match / If-Modified-Since, so an unchanged
// document costs a 304 and no parsing. The timeout runs on the injected clock.

export interface CachedDocument {
  text: string;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchDocumentOptions {
  fetchImpl: typeof fetch;
  clock: Clock;
  timeoutMs: number;
  maxBytes: number;
  /** The previous answer, whose validators make the request conditional. */
  previous: CachedDocument | null;
  /** Aborts the request when the owner stops. */
  signal?: AbortSignal;
}

export type FetchDocumentResult = { changed: false } | { changed: true; document: CachedDocument };

/** Rejects with a message that names the (redacted) URL; never includes the URL's secret parts. */
export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchDocumentResult> {
  const problem = feedUrlProblem(url);
  if (problem) throw new Error(problem);
  const shown = redactUrl(url);
  const timeout = new AbortController();
  const timer = options.clock.setTimeout(() => timeout.abort(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  try {
    const headers: Record<string, string> = { accept: 'text/yaml, text/calendar, text/plain, */*' };
    if (options.previous?.etag) headers['if-none-match'] = options.previous.etag;
    if (options.previous?.lastModified) headers['if-modified-since'] = options.previous.lastModified;
    let response: Response;
    try {
      response = await options.fetchImpl(url, { headers, signal, redirect: 'follow' });
    } catch (error) {
      throw new Error(`could not fetch ${shown}: ${reason(error, signal)}`, { cause: error });
    }
    // A redirect must not downgrade to plain http on the network.
    if (response.url && response.url !== url && feedUrlProblem(response.url)) {
      await response.body?.cancel();
      throw new Error(`${shown} redirected to a URL that is not https`);
    }
    if (response.status === 304 && options.previous) {
      await response.body?.cancel();
      return { changed: false };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status} from ${shown}`);
    }
    const text = await readCapped(response, options.maxBytes, shown, signal);
    return { changed: true, document: { text, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') } };
  } finally {
    options.clock.clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, shown: string, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw new Error(`${shown} is larger than ${maxBytes} bytes`);
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (signal.aborted) throw new Error(`could not fetch ${shown}: ${reason(error, signal)}`, { cause: error });
    throw error;
  }
  return text + decoder.decode();
}

function reason(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
