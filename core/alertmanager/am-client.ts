import type { z } from 'zod';
import {
  amPostableSilenceSchema,
  amPostSilenceResponseSchema,
  amSilenceSchema,
  amStatusSchema,
  type AmAlert,
  type AmPostableSilence,
  type AmSilence,
  type AmStatus,
} from '../../shared/alertmanager-schemas.ts';
import type { SourceConfig } from '../../shared/config-schema.ts';
import type { AlertFetch, AlertmanagerApi, Logger, RingingAnswer, SecretStore } from '../ports.ts';
import { AmHttpError, displayUrl, type AmResponse } from './am-http.ts';
import { createSourceRequest } from './source-request.ts';
import { readAmAlert } from '../../shared/alertmanager-alert-reader.ts';
import { mergeHaMemberAnswers } from './merge-ha-members.ts';
import { AlertItemCache } from './alert-item-cache.ts';
import { RingingGroupsCache } from './ringing-groups-cache.ts';

export interface AlertmanagerClientDeps {
  secrets: SecretStore;
  /** Reads `ca_file`; injectable so tests and the Electron main process can choose how. */
  readFile?: (path: string) => Promise<string>;
  /** Told about dropped (schema-breaking) silences, which the listSilences signature cannot carry. */
  logger?: Logger;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}

/** A configured URL fit for messages: credentials in it are never echoed. */
function shownUrl(url: string): string {
  try {
    return displayUrl(new URL(url));
  } catch {
    return '(invalid URL)';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Alertmanager 0.25 answers DELETE of an unknown or already expired silence with a 500 and one of
// these texts (newer versions use 404), so the body decides whether the goal is already reached.
function isUnknownSilenceError(error: unknown): boolean {
  if (!(error instanceof AmHttpError)) return false;
  return error.status === 404 || (error.status === 500 && /silence not found/i.test(error.bodySnippet));
}

function isAlreadyExpiredError(error: unknown): boolean {
  return error instanceof AmHttpError && error.status === 500 && /already expired/i.test(error.bodySnippet);
}

export function createAlertmanagerClient(source: SourceConfig, deps: AlertmanagerClientDeps): AlertmanagerApi {
  const label = `source "${source.id}"`;
  // Auth, secret-ref headers and the CA file are resolved by the same code the source's Prometheus uses.
  const send = createSourceRequest(source, label, deps);

  function parseWith<T extends z.ZodType>(schema: T, response: AmResponse, what: string): z.output<T> {
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      throw new AmHttpError('malformed', `invalid ${what} from ${response.url}: ${issueText(parsed.error)}`, { url: response.url });
    }
    return parsed.data;
  }

  /** Keep the valid items of a JSON array answer; never read a non-array as "nothing there". */
  function parseArray<T extends z.ZodType>(schema: T, response: AmResponse, what: string): { items: z.output<T>[]; quarantined: number } {
    if (!Array.isArray(response.body)) {
      const got = response.body === null ? 'null' : typeof response.body;
      throw new AmHttpError('malformed', `expected a JSON array of ${what} from ${response.url}, got ${got}`, { url: response.url });
    }
    const items: z.output<T>[] = [];
    let quarantined = 0;
    for (const raw of response.body as unknown[]) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) items.push(parsed.data);
      else quarantined += 1;
    }
    return { items, quarantined };
  }

  /** The alerts of an answer through the fast reader (same verdicts as amAlertSchema, see its test); items it refuses are counted, never read as "resolved". */
  function readAlerts(response: AmResponse): { items: AmAlert[]; quarantined: number } {
    if (!Array.isArray(response.body)) {
      const got = response.body === null ? 'null' : typeof response.body;
      throw new AmHttpError('malformed', `expected a JSON array of alerts from ${response.url}, got ${got}`, { url: response.url });
    }
    const items: AmAlert[] = [];
    let quarantined = 0;
    for (const raw of response.body as unknown[]) {
      const alert = readAmAlert(raw);
      if (alert) items.push(alert);
      else quarantined += 1;
    }
    return { items, quarantined };
  }

  /** Try each URL in order until one answers; `fallOver` decides whether an error may be retried elsewhere. */
  async function firstAnswering<T>(attempt: (url: string) => Promise<T>, fallOver: (error: unknown) => boolean = () => true): Promise<T> {
    const errors: string[] = [];
    for (const url of source.urls) {
      try {
        return await attempt(url);
      } catch (error) {
        if (!fallOver(error) || source.urls.length === 1) throw error;
        errors.push(messageOf(error));
      }
    }
    throw new AmHttpError('network', `${label}: no Alertmanager answered: ${errors.join('; ')}`);
  }

  const alertsQuery: Array<[string, string]> = [
    ['active', 'true'],
    // Ack silences must stay visible so Vigil can show who acked and extend the silence.
    ['silenced', 'true'],
    // An inhibited alert cannot page anyone; its inhibitor is what needs attention.
    ['inhibited', 'false'],
    ['unprocessed', 'true'],
  ];
  if (source.receiver) alertsQuery.push(['receiver', source.receiver]);
  for (const matcher of source.filter) alertsQuery.push(['filter', matcher]);

  // Per member, its last answer: a poll reads only the alerts that changed (alert-item-cache.ts).
  const itemCaches = new Map<string, AlertItemCache>();

  async function fetchFrom(url: string, signal?: AbortSignal): Promise<{ items: AmAlert[]; quarantined: number; unchanged: boolean }> {
    let cache = itemCaches.get(url);
    if (!cache) itemCaches.set(url, (cache = new AlertItemCache()));
    const reading = cache.begin();
    const response = await send(url, { path: '/api/v2/alerts', query: alertsQuery, arrayItems: { reader: reading, lastBytes: cache.bytes } }, signal);
    if (response.repeated) return cache.repeated();
    // Not an array: parsed whole, and refused with what it was.
    if (!response.itemsStreamed) return { ...readAlerts(response), unchanged: false };
    return reading.finish();
  }

  // What can ring me right now: active, unsilenced, uninhibited, routed to me. Asked of the
  // alert groups, which Alertmanager has already routed: any GET of /api/v2/alerts routes every
  // alert it holds again (15 ms at 10k alerts whatever the filter), the groups answer costs a
  // fifth of that (docs/benchmarks.md), which is what lets 50 Vigils ask every 2 s.
  const ringingQuery: Array<[string, string]> = [['active', 'true'], ['silenced', 'false'], ['inhibited', 'false'], ...alertsQuery.filter(([name]) => name === 'receiver' || name === 'filter')];
  const ringingCaches = new Map<string, RingingGroupsCache>();

  async function getSilenceFrom(url: string, id: string, signal?: AbortSignal): Promise<AmSilence | null> {
    try {
      const response = await send(url, { path: `/api/v2/silence/${encodeURIComponent(id)}`, retryWhenBusy: true }, signal);
      return parseWith(amSilenceSchema, response, 'silence');
    } catch (error) {
      if (error instanceof AmHttpError && error.status === 404) return null;
      throw error;
    }
  }

  return {
    sourceId: source.id,

    async fetchAlerts(signal?: AbortSignal): Promise<AlertFetch> {
      if (source.urls.length === 1) {
        const only = await fetchFrom(source.urls[0]!, signal);
        return { alerts: only.items, quarantined: only.quarantined, partialErrors: [], unchanged: only.unchanged };
      }
      const results = await Promise.allSettled(source.urls.map((url) => fetchFrom(url, signal)));
      const answers: Array<{ items: AmAlert[]; quarantined: number; unchanged: boolean }> = [];
      const partialErrors: string[] = [];
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') answers.push(result.value);
        else partialErrors.push(`${shownUrl(source.urls[index]!)}: ${messageOf(result.reason)}`);
      });
      if (answers.length === 0) {
        const first = results[0]?.status === 'rejected' ? results[0].reason : null;
        const kind = first instanceof AmHttpError ? first.kind : 'network';
        throw new AmHttpError(kind, `${label}: all ${source.urls.length} Alertmanagers failed: ${partialErrors.join('; ')}`);
      }
      return {
        alerts: mergeHaMemberAnswers(answers.map((answer) => answer.items)),
        // Members of a pair answer the same items, so a broken item is usually reported by each:
        // the maximum says how many were dropped without counting one item twice.
        quarantined: Math.max(...answers.map((answer) => answer.quarantined)),
        partialErrors,
        unchanged: partialErrors.length === 0 && answers.every((answer) => answer.unchanged),
      };
    },

    async ringingFingerprints(signal?: AbortSignal): Promise<RingingAnswer> {
      // One member is enough: this only decides when to poll in full, which asks every member.
      return firstAnswering(async (url) => {
        let cache = ringingCaches.get(url);
        if (!cache) ringingCaches.set(url, (cache = new RingingGroupsCache()));
        const reading = cache.begin();
        const response = await send(url, { path: '/api/v2/alerts/groups', query: ringingQuery, arrayItems: { reader: reading, lastBytes: cache.bytes } }, signal);
        // The same bytes as last time: nothing new.
        if (response.repeated) return { fingerprints: null, answerBytes: response.bytes };
        if (!response.itemsStreamed) throw new AmHttpError('malformed', `expected a JSON array of alert groups from ${response.url}`, { url: response.url });
        return { fingerprints: reading.finish(), answerBytes: response.bytes };
      });
    },

    async countFiring(filter: readonly string[], signal?: AbortSignal): Promise<number> {
      const query: Array<[string, string]> = [['active', 'true'], ['silenced', 'true'], ['inhibited', 'true'], ['unprocessed', 'true'], ...filter.map((f): [string, string] => ['filter', f])];
      return firstAnswering(async (url) => {
        const response = await send(url, { path: '/api/v2/alerts', query }, signal);
        return readAlerts(response).items.length;
      });
    },

    async getSilence(id: string, signal?: AbortSignal): Promise<AmSilence | null> {
      // A silence created on one member reaches the others by gossip, so a 404 from one member is not
      // final; "gone" is only reported when every member answered 404.
      const errors: string[] = [];
      for (const url of source.urls) {
        try {
          const silence = await getSilenceFrom(url, id, signal);
          if (silence) return silence;
        } catch (error) {
          if (source.urls.length === 1) throw error;
          errors.push(messageOf(error));
        }
      }
      if (errors.length > 0) throw new AmHttpError('network', `${label}: cannot read silence ${id}: ${errors.join('; ')}`);
      return null;
    },

    async listSilences(signal?: AbortSignal): Promise<AmSilence[]> {
      return firstAnswering(async (url) => {
        const response = await send(url, { path: '/api/v2/silences', retryWhenBusy: true }, signal);
        const { items, quarantined } = parseArray(amSilenceSchema, response, 'silences');
        if (quarantined > 0) deps.logger?.warn('dropped silences that break the schema', { source: source.id, url: response.url, quarantined });
        return items;
      });
    },

    async createSilence(silence: AmPostableSilence, signal?: AbortSignal): Promise<AmSilence> {
      const checked = amPostableSilenceSchema.safeParse(silence);
      if (!checked.success) throw new Error(`${label}: invalid silence: ${issueText(checked.error)}`);
      // Errors after which the silence may already exist: posting it to another member would
      // create a duplicate, so these never fall over (a timeout, a garbled answer, a failed read-back).
      const mayExist = new WeakSet<object>();
      return firstAnswering(
        async (url) => {
          let silenceID: string;
          try {
            const response = await send(url, { method: 'POST', path: '/api/v2/silences', body: checked.data }, signal);
            silenceID = parseWith(amPostSilenceResponseSchema, response, 'silence creation answer').silenceID;
          } catch (error) {
            if (error instanceof AmHttpError && (error.kind === 'timeout' || error.kind === 'malformed')) mayExist.add(error);
            throw error;
          }
          try {
            // Read back from the member that took it: the others may not have it yet (gossip lag).
            const stored = await getSilenceFrom(url, silenceID, signal);
            if (stored) return stored;
            throw new AmHttpError('http', `${label}: silence ${silenceID} was accepted by ${shownUrl(url)} but cannot be read back`, { status: 404, url: shownUrl(url) });
          } catch (error) {
            const final = error instanceof AmHttpError ? error : new AmHttpError('network', `${label}: silence ${silenceID} was created on ${shownUrl(url)} but confirming it failed: ${messageOf(error)}`, { cause: error });
            mayExist.add(final);
            throw final;
          }
        },
        (error) => !(typeof error === 'object' && error !== null && mayExist.has(error)),
      );
    },

    async expireSilence(id: string, signal?: AbortSignal): Promise<void> {
      const errors: string[] = [];
      for (const url of source.urls) {
        try {
          await send(url, { method: 'DELETE', path: `/api/v2/silence/${encodeURIComponent(id)}`, allowEmpty: true }, signal);
          return;
        } catch (error) {
          if (isAlreadyExpiredError(error)) return;
          // Unknown on this member may still mean "not gossiped here yet": try the next one.
          if (isUnknownSilenceError(error)) continue;
          if (source.urls.length === 1) throw error;
          errors.push(messageOf(error));
        }
      }
      if (errors.length > 0) throw new AmHttpError('network', `${label}: cannot expire silence ${id}: ${errors.join('; ')}`);
    },

    async getStatus(signal?: AbortSignal): Promise<AmStatus> {
      return firstAnswering(async (url) => parseWith(amStatusSchema, await send(url, { path: '/api/v2/status' }, signal), 'status'));
    },
  };
}
