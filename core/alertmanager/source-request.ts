import { readFile as fsReadFile } from 'node:fs/promises';
import { setTimeout as wait } from 'node:timers/promises';
import type { SecretRef, SourceAuth } from '../../shared/config-schema.ts';
import type { SecretStore } from '../ports.ts';
import { AmHttpError, requestJson, type AmRequestOptions, type AmResponse, type ResolvedAuth } from './am-http.ts';

// How one configured HTTP target (an Alertmanager source, or the Prometheus beside it) sends a
// request: its auth and secret-ref headers resolved at each request (a rotated token applies at the
// next poll), its CA file read once, its timeout and byte cap; then requestJson does the HTTP.

export interface RequestTarget {
  auth?: SourceAuth | undefined;
  headers: Readonly<Record<string, string | SecretRef>>;
  ca_file?: string | undefined;
  timeout: number;
  max_response_bytes: number;
}

export interface SourceRequestDeps {
  secrets: SecretStore;
  /** Reads `ca_file`; injectable so tests and the Electron main process can choose how. */
  readFile?: (path: string) => Promise<string>;
}

export type RequestSpec = Pick<AmRequestOptions, 'method' | 'path' | 'query' | 'body' | 'allowEmpty' | 'arrayItems'> & {
  /** A GET of a user's action (an ack's silence lookups): asked again on a busy Alertmanager's 503 (see BUSY_RETRY_WAITS_MS). */
  retryWhenBusy?: boolean;
};
export type SendRequest = (baseUrl: string, spec: RequestSpec, signal?: AbortSignal) => Promise<AmResponse>;

// Alertmanager refuses GETs beyond its concurrency limit (--web.get-concurrency) with a 503
// "Limit of concurrent GET requests reached, try again later": with several Vigils, polls and an
// ack-all's lookups at once, that is a moment's load, and an ack that failed on it kept an alarm
// ringing. A GET made for a user's action (`retryWhenBusy`; nothing changes on the server) that
// gets a 503 is sent again after a short, jittered wait, twice at most; then the 503 is the
// answer. Polls are not: a failed poll is retried by its poller's own backoff.
const BUSY_RETRY_WAITS_MS = [200, 600] as const;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `label` names the target in errors, e.g. `source "prod"`. */
export function createSourceRequest(target: RequestTarget, label: string, deps: SourceRequestDeps): SendRequest {
  const readFile = deps.readFile ?? ((path: string) => fsReadFile(path, 'utf8'));
  let caPromise: Promise<string> | null = null;

  async function resolveSecret(ref: SecretRef, what: string): Promise<string> {
    // Resolved per request so a rotated token or a secret entered in Settings applies at the next poll.
    if ('env' in ref) {
      const value = process.env[ref.env];
      if (value === undefined || value === '') {
        throw new AmHttpError('auth', `${label}: environment variable ${ref.env} (${what}) is not set`);
      }
      return value;
    }
    const value = await deps.secrets.get(ref.secret);
    if (value === null || value === '') throw new AmHttpError('auth', `${label}: secret "${ref.secret}" (${what}) is not set`);
    return value;
  }

  async function resolveAuth(): Promise<ResolvedAuth | undefined> {
    const auth = target.auth;
    if (!auth) return undefined;
    if ('bearer' in auth) return { kind: 'bearer', token: await resolveSecret(auth.bearer, 'bearer token') };
    return { kind: 'basic', username: auth.basic.username, password: await resolveSecret(auth.basic.password, 'basic auth password') };
  }

  async function resolveHeaders(): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(target.headers)) {
      headers[name] = typeof value === 'string' ? value : await resolveSecret(value, `header ${name}`);
    }
    return headers;
  }

  function loadCa(): Promise<string> | null {
    if (!target.ca_file) return null;
    const path = target.ca_file;
    // Cached once read; a failed read is retried on the next request (the file may be fixed meanwhile).
    caPromise ??= readFile(path).catch((error: unknown) => {
      caPromise = null;
      throw new AmHttpError('network', `${label}: cannot read ca_file ${path}: ${messageOf(error)}`, { cause: error });
    });
    return caPromise;
  }

  return async (baseUrl, spec, signal) => {
    const [auth, headers, ca] = await Promise.all([resolveAuth(), resolveHeaders(), loadCa()]);
    const { retryWhenBusy, ...request } = spec;
    const send = () => requestJson({ ...request, baseUrl, auth, headers, ca: ca ?? undefined, timeoutMs: target.timeout, maxBytes: target.max_response_bytes, signal });
    if (!retryWhenBusy || (spec.method ?? 'GET') !== 'GET') return send();
    for (const waitMs of BUSY_RETRY_WAITS_MS) {
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof AmHttpError && error.status === 503) || signal?.aborted) throw error;
        // An abort ends the wait; the next send then fails as aborted.
        await wait(waitMs + Math.random() * waitMs, undefined, signal ? { signal } : undefined).catch(() => undefined);
      }
    }
    return send();
  };
}
