import http from 'node:http';
import https from 'node:https';
import { isCredentialHeaderName } from '../../shared/config-schema.ts';
import { isSecureTransport } from '../../shared/secure-transport.ts';
import { ArrayAnswerStream, type ArrayAnswerEnd, type ArrayItemReader } from './array-answer-stream.ts';
import { eventLoopSlices } from './event-loop-slices.ts';
import type { LastAnswerBytes } from './last-answer-bytes.ts';

// The one place Vigil talks HTTP to Alertmanager. Written on node:http(s) rather than fetch so that
// a custom CA, a byte cap enforced while streaming and an exact "the connection closed early" signal
// are all available; each failure becomes an AmHttpError whose `kind` the UI can explain.

export type AmHttpErrorKind = 'timeout' | 'http' | 'too-large' | 'malformed' | 'network' | 'auth';

export class AmHttpError extends Error {
  readonly kind: AmHttpErrorKind;
  /** HTTP status for 'http'/'auth' errors, otherwise null. */
  readonly status: number | null;
  /** The request URL without query or credentials (null when the request never got that far). */
  readonly url: string | null;
  /** Cleaned start of the error body, so callers can recognise Alertmanager's own messages. */
  readonly bodySnippet: string;

  constructor(kind: AmHttpErrorKind, message: string, details: { status?: number | null; url?: string | null; bodySnippet?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AmHttpError';
    this.kind = kind;
    this.status = details.status ?? null;
    this.url = details.url ?? null;
    this.bodySnippet = details.bodySnippet ?? '';
  }
}

export type ResolvedAuth = { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface AmRequestOptions {
  /** Base URL, may carry a path prefix (e.g. https://mimir.example/alertmanager). */
  baseUrl: string;
  method?: 'GET' | 'POST' | 'DELETE';
  /** Path below the base, starting with '/'. */
  path: string;
  /** Ordered pairs so a key can repeat (Alertmanager takes one `filter` per matcher). */
  query?: ReadonlyArray<readonly [string, string]>;
  /** Sent as JSON when defined. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  auth?: ResolvedAuth;
  /** PEM bundle trusted for https URLs instead of the system store. */
  ca?: string;
  /** Bound on the whole exchange, connection to last body byte. */
  timeoutMs: number;
  /** Abort as soon as more than this many body bytes arrived. */
  maxBytes: number;
  signal?: AbortSignal;
  /** Accept an empty 2xx body (answers null) instead of calling it malformed; for DELETE. */
  allowEmpty?: boolean;
  /**
   * For answers that are JSON arrays: read item by item as they stream in, against the bytes of the
   * last answer to this request (array-answer-stream.ts), instead of parsing the whole answer; the
   * response then has no body (`itemsStreamed: true`, or `repeated: true` for the last answer's
   * bytes again). An answer that is not an array is parsed whole, as without this. A throw from
   * the reader makes the answer malformed.
   */
  arrayItems?: { reader: ArrayItemReader; lastBytes: LastAnswerBytes };
}

export interface AmResponse {
  status: number;
  /** Parsed JSON (null for an allowed empty body). Still unvalidated: callers run a zod schema. */
  body: unknown;
  /** The answer was an array and went item by item to `arrayItems.reader`. */
  itemsStreamed?: boolean;
  /** The answer was the bytes of `arrayItems.lastBytes` again: nothing went to the reader. */
  repeated?: boolean;
  /** The request URL for messages (no query, no credentials). */
  url: string;
  /** Body bytes received. */
  bytes: number;
}

const SNIPPET_LIMIT = 200;
/** Enough of an error body to quote; the rest is discarded so an error page cannot eat memory. */
const ERROR_BODY_LIMIT = 4096;

/** Bodies are untrusted text that ends up in logs and the UI: strip control characters, collapse space, cap length. */
export function cleanSnippet(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = raw.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_LIMIT ? `${flat.slice(0, SNIPPET_LIMIT - 1)}…` : flat;
}

/** Build the request URL: base path prefix + path, repeated query keys kept in order. */
export function buildRequestUrl(baseUrl: string, path: string, query: ReadonlyArray<readonly [string, string]> = []): URL {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}${path.startsWith('/') ? path : `/${path}`}`;
  url.search = '';
  url.hash = '';
  for (const [key, value] of query) url.searchParams.append(key, value);
  return url;
}

/** What is safe to print: never the userinfo, never the query (it can carry tokens on some proxies). */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

// One agent per CA bundle, so keep-alive connections are reused across polls instead of a new TLS
// handshake every few seconds. Only a handful of distinct CAs ever exist in one configuration.
const caAgents = new Map<string, https.Agent>();
function agentForCa(ca: string): https.Agent {
  let agent = caAgents.get(ca);
  if (!agent) {
    agent = new https.Agent({ ca, keepAlive: true });
    caAgents.set(ca, agent);
  }
  return agent;
}

function authHeader(auth: ResolvedAuth): string {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}${error.message && !error.message.includes(error.code) ? ` (${error.message})` : ''}` : error.message;
}

/** One JSON request. Resolves only for a complete 2xx answer that parsed as JSON. */
export function requestJson(options: AmRequestOptions): Promise<AmResponse> {
  const method = options.method ?? 'GET';
  let url: URL;
  try {
    url = buildRequestUrl(options.baseUrl, options.path, options.query);
  } catch (error) {
    return Promise.reject(new AmHttpError('network', `invalid Alertmanager URL "${options.baseUrl}": ${(error as Error).message}`, { cause: error }));
  }
  const shown = displayUrl(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new AmHttpError('network', `unsupported URL scheme ${url.protocol} in ${shown}`, { url: shown }));
  }
  // Config validation refuses these already; this is the last check before anything is sent.
  if (url.username || url.password) {
    return Promise.reject(new AmHttpError('auth', `refused to send to ${shown}: credentials in the URL (user:password@) are not accepted; configure auth instead`, { url: shown }));
  }
  const sendsCredentials = options.auth !== undefined || Object.keys(options.headers ?? {}).some(isCredentialHeaderName);
  if (sendsCredentials && !isSecureTransport(url)) {
    return Promise.reject(
      new AmHttpError('auth', `refused to send credentials to ${shown} over plain http: use https (http only for 127.0.0.1, localhost, [::1])`, { url: shown }),
    );
  }
  if (options.signal?.aborted) {
    return Promise.reject(new AmHttpError('network', `${method} ${shown} aborted`, { url: shown, cause: options.signal.reason }));
  }

  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'vigil' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  // The resolved auth wins over a same-named custom header: credentials come from one place only.
  if (options.auth) headers.authorization = authHeader(options.auth);
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }

  return new Promise<AmResponse>((resolve, reject) => {
    let settled = false;
    let request: http.ClientRequest | null = null;
    const finish = (error: AmHttpError | null, response?: AmResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        request?.destroy();
        // What was received of this answer is not kept: it was never read in full.
        options.arrayItems?.lastBytes.dropReceived();
        reject(error);
      } else if (response) {
        resolve(response);
      }
    };
    const timer = setTimeout(() => {
      finish(new AmHttpError('timeout', `${method} ${shown} timed out after ${options.timeoutMs} ms`, { url: shown }));
    }, options.timeoutMs);
    const onAbort = () => finish(new AmHttpError('network', `${method} ${shown} aborted`, { url: shown, cause: options.signal?.reason }));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const transport = url.protocol === 'https:' ? https : http;
    const requestOptions: https.RequestOptions = { method, headers };
    if (url.protocol === 'https:' && options.ca) requestOptions.agent = agentForCa(options.ca);

    try {
      request = transport.request(url, requestOptions);
    } catch (error) {
      // Node throws synchronously for e.g. a header value with a newline: a configuration error.
      finish(new AmHttpError('network', `cannot send ${method} ${shown}: ${(error as Error).message}`, { url: shown, cause: error }));
      return;
    }

    request.on('error', (error: NodeJS.ErrnoException) => {
      finish(new AmHttpError('network', `${method} ${shown} failed: ${describeNetworkError(error)}`, { url: shown, cause: error }));
    });

    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      const declared = response.headers['content-length'] === undefined ? null : Number(response.headers['content-length']);
      if (ok && declared !== null && declared > options.maxBytes) {
        finish(new AmHttpError('too-large', `answer larger than ${options.maxBytes} bytes from ${shown} (Content-Length ${declared})`, { url: shown }));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let ended = false;
      // An array answer item by item: no whole-answer buffer, string or parse.
      const streamed = ok && options.arrayItems ? new ArrayAnswerStream(options.arrayItems.reader, options.arrayItems.lastBytes) : null;
      const chunkHandled = eventLoopSlices(response);

      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (ok) {
          if (received > options.maxBytes) {
            finish(new AmHttpError('too-large', `answer larger than ${options.maxBytes} bytes from ${shown}`, { url: shown }));
            return;
          }
          if (streamed) {
            try {
              streamed.write(chunk);
            } catch (error) {
              finish(malformed(shown, (error as Error).message, error));
              return;
            }
            chunkHandled();
          } else chunks.push(chunk);
        } else if (received - chunk.length < ERROR_BODY_LIMIT) {
          chunks.push(chunk);
        }
      });

      // The whole text of a 2xx answer, parsed as JSON.
      const finishWhole = (text: string) => {
        if (text.trim() === '') {
          if (options.allowEmpty) finish(null, { status, body: null, url: shown, bytes: received });
          else finish(malformed(shown, 'empty body'));
          return;
        }
        try {
          finish(null, { status, body: JSON.parse(text) as unknown, url: shown, bytes: received });
        } catch (error) {
          finish(malformed(shown, (error as Error).message, error));
        }
      };

      response.on('end', () => {
        ended = true;
        if (settled) return;
        if (!ok) {
          const snippet = cleanSnippet(Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_LIMIT));
          const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
          const isAuth = status === 401 || status === 403;
          const hint = isAuth ? ' (authentication failed: check the source credentials)' : '';
          finish(
            new AmHttpError(isAuth ? 'auth' : 'http', `HTTP ${status}${reason} from ${shown}${hint}${snippet ? `: ${snippet}` : ''}`, {
              status,
              url: shown,
              bodySnippet: snippet,
            }),
          );
          return;
        }
        // A proxy that drops the connection can still end the stream cleanly; compare with what was promised.
        if (declared !== null && received !== declared) {
          finish(malformed(shown, `received ${received} of ${declared} bytes`));
          return;
        }
        if (streamed) {
          let streamEnd: ArrayAnswerEnd;
          try {
            streamEnd = streamed.end();
          } catch (error) {
            finish(malformed(shown, (error as Error).message, error));
            return;
          }
          if (streamEnd.kind === 'whole') finishWhole(streamEnd.text);
          else finish(null, { status, body: undefined, url: shown, bytes: received, ...(streamEnd.kind === 'repeated' ? { repeated: true } : { itemsStreamed: true }) });
          return;
        }
        finishWhole(Buffer.concat(chunks).toString('utf8'));
      });

      // 'close' without 'end' means the peer hung up mid-body (premature close or chunked stream cut short).
      response.on('close', () => {
        if (!ended) finish(malformed(shown, 'connection closed before the answer was complete'));
      });
      response.on('error', () => {
        if (!ended) finish(malformed(shown, 'connection closed before the answer was complete'));
      });
    });

    request.end(payload);
  });
}

function malformed(shown: string, detail: string, cause?: unknown): AmHttpError {
  return new AmHttpError('malformed', `truncated or malformed JSON answer from ${shown} (${cleanSnippet(detail)})`, { url: shown, cause });
}
