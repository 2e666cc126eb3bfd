import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import type { RunbooksConfig } from '../../shared/config-schema.ts';
import type { LabelSet } from '../../shared/domain.ts';
import type { RunbookSourceView } from '../../shared/runbooks/runbook-model.ts';
import type { RunbookCache } from './runbook-cache.ts';
import { fetchRunbook, MAX_RUNBOOK_BYTES, shownUrl } from './runbook-fetch.ts';
import { countText } from '../../shared/count-text.ts';

// Where an incident's runbook comes from, in order (docs/runbooks.md):
//   1. the config's map: the first entry whose labels all match names a file or an https URL;
//   2. the runbook folder: <dir>/<alertname>.md;
//   3. the alert's runbook_url annotation, when it is https on an allowed host and answers Markdown;
//   otherwise none (the window shows the runbook_url link as it always did).
// URL runbooks are cached on disk with their ETag and asked for again at most every `refresh`;
// when the server cannot be reached the cached copy is used, so a runbook opens offline.

export interface RunbookSubject {
  alertname: string;
  labels: LabelSet;
  runbookUrl: string | null;
}

export interface FoundRunbookText {
  text: string | null;
  source: RunbookSourceView | null;
  problem: string | null;
}

export interface RunbookLibraryDeps {
  config: RunbooksConfig | undefined;
  cache: RunbookCache;
  clock: Pick<Clock, 'now'>;
  /** The CA bundle's text (ca_file read by the caller), if any. */
  ca?: string;
  /** Why ca_file could not be read: no URL is fetched without the CA the config asks for. */
  caProblem?: string;
}

export interface RunbookLibrary {
  find(subject: RunbookSubject): Promise<FoundRunbookText>;
}

const NONE: FoundRunbookText = { text: null, source: null, problem: null };

/** An alertname that can be a file name in the folder: no path separators, no leading dot. */
function isSafeFileStem(name: string): boolean {
  return name.length > 0 && name.length <= 200 && /^[A-Za-z0-9_:-][A-Za-z0-9_.:-]*$/.test(name);
}

/** Labels decide the entry: looked up as own properties only, so no label name reaches a prototype. */
function matches(match: Record<string, string>, labels: LabelSet): boolean {
  return Object.entries(match).every(([name, value]) => Object.hasOwn(labels, name) && labels[name] === value);
}

export function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry));
}

interface UrlEntry {
  text: string | null;
  etag: string | null;
  fetchedAt: number | null;
  checkedAt: number;
  error: string | null;
}

async function readRunbookFile(path: string): Promise<FoundRunbookText | null> {
  const source: RunbookSourceView = { kind: 'file', location: path, fetchedAt: null, offline: false };
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { text: null, source, problem: `cannot read ${path}: ${(error as Error).message}` };
  }
  if (!info.isFile()) return { text: null, source, problem: `${path} is not a file` };
  if (info.size > MAX_RUNBOOK_BYTES) return { text: null, source, problem: `${path} is larger than ${countText(MAX_RUNBOOK_BYTES)} bytes` };
  try {
    return { text: await readFile(path, 'utf8'), source, problem: null };
  } catch (error) {
    return { text: null, source, problem: `cannot read ${path}: ${(error as Error).message}` };
  }
}

export function createRunbookLibrary(deps: RunbookLibraryDeps): RunbookLibrary {
  const config = deps.config;
  const entries = new Map<string, UrlEntry>();
  const inFlight = new Map<string, Promise<UrlEntry>>();

  const refresh = async (url: URL, key: string): Promise<UrlEntry> => {
    const now = deps.clock.now();
    let entry = entries.get(key);
    if (!entry) {
      const cached = deps.cache.read(key);
      entry = cached ? { text: cached.text, etag: cached.etag, fetchedAt: cached.fetchedAt, checkedAt: Number.NEGATIVE_INFINITY, error: null } : undefined;
    }
    if (entry && now - entry.checkedAt < (config?.refresh ?? 0)) return entry;
    try {
      const answer = await fetchRunbook(url, { timeoutMs: config?.timeout ?? 5_000, etag: entry?.text != null ? entry.etag : null, ...(deps.ca ? { ca: deps.ca } : {}) });
      if (answer.status === 'not-modified' && entry) {
        entry = { ...entry, checkedAt: now, error: null };
      } else if (answer.status === 'ok') {
        entry = { text: answer.text, etag: answer.etag, fetchedAt: now, checkedAt: now, error: null };
        try {
          deps.cache.write({ url: key, etag: answer.etag, fetchedAt: now, text: answer.text });
        } catch (error) {
          entry.error = `the runbook could not be cached on disk: ${(error as Error).message}`;
        }
      }
    } catch (error) {
      entry = { text: entry?.text ?? null, etag: entry?.etag ?? null, fetchedAt: entry?.fetchedAt ?? null, checkedAt: now, error: (error as Error).message };
    }
    entries.set(key, entry!);
    return entry!;
  };

  const fromUrl = async (raw: string): Promise<FoundRunbookText> => {
    if (deps.caProblem !== undefined) return { ...NONE, problem: deps.caProblem };
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ...NONE, problem: 'runbook URL is not a URL' };
    }
    // The cache key keeps the query (it may select the document) but never the fragment.
    url.hash = '';
    const key = url.toString();
    let pending = inFlight.get(key);
    if (!pending) {
      pending = refresh(url, key).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const entry = await pending;
    const source: RunbookSourceView = { kind: 'url', location: shownUrl(url), fetchedAt: entry.fetchedAt, offline: entry.text !== null && entry.error !== null };
    if (entry.text === null) return { text: null, source: null, problem: entry.error };
    return { text: entry.text, source, problem: entry.error === null ? null : `showing the copy cached on this machine: ${entry.error}` };
  };

  return {
    async find(subject) {
      if (!config) return NONE;
      for (const entry of config.map) {
        if (!matches(entry.match, subject.labels)) continue;
        if (entry.file !== undefined) return (await readRunbookFile(entry.file)) ?? { ...NONE, problem: `runbook file ${entry.file} (from runbooks.map) does not exist` };
        if (entry.url !== undefined) return fromUrl(entry.url);
      }
      if (config.dir !== undefined && isSafeFileStem(subject.alertname)) {
        const found = await readRunbookFile(join(config.dir, `${subject.alertname}.md`));
        if (found) return found;
      }
      if (subject.runbookUrl === null || config.allowed_hosts.length === 0) return NONE;
      let url: URL;
      try {
        url = new URL(subject.runbookUrl);
      } catch {
        return NONE;
      }
      if (url.protocol !== 'https:') return { ...NONE, problem: 'runbook_url is not https, so it is not fetched' };
      if (url.username || url.password) return { ...NONE, problem: 'runbook_url carries credentials, so it is not fetched' };
      if (!hostAllowed(url.hostname, config.allowed_hosts)) return { ...NONE, problem: `runbook_url's host ${url.hostname} is not in runbooks.allowed_hosts, so it is not fetched` };
      return fromUrl(url.toString());
    },
  };
}
