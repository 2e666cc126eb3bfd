import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import { redactUrl } from '../../shared/rotation/feed-url.ts';
import { parseIcsShifts } from '../../shared/rotation/ics-layer.ts';
import type { IcsShift, RotationFile } from '../../shared/rotation/rotation-schema.ts';
import { icsLayerSource } from '../../shared/rotation/rotation-schema.ts';
import { fetchDocument } from './fetch-document.ts';
import type { CachedDocument } from './fetch-document.ts';

// Keeps the ICS feeds a rotation names fresh: each refresh revalidates every feed (ETag for URLs,
// content for files) and re-expands recurrences into a window around now, since RRULEs are
// unbounded and the window moves. A feed that fails keeps its last shifts and reports a warning.

const DAY_MS = 86_400_000;
const WINDOW_BEFORE_MS = 35 * DAY_MS;
const WINDOW_AFTER_MS = 120 * DAY_MS;
/** Re-expand unchanged feeds this often so the window keeps moving with the clock. */
const REEXPAND_EVERY_MS = DAY_MS;
export const MAX_ICS_BYTES = 10 * 1024 * 1024;

interface FeedSource {
  /** Rotation.icsShifts key: the layer's url or file exactly as written. */
  key: string;
  url: string | null;
  path: string | null;
  zone: string;
}

interface FeedEntry {
  document: CachedDocument | null;
  shifts: IcsShift[];
  expandedAt: number;
  people: RotationFile['people'] | null;
}

export interface IcsRefresh {
  shifts: Record<string, IcsShift[]>;
  warnings: string[];
  /** True when any feed's shifts were replaced since the last refresh. */
  changed: boolean;
}

export interface IcsFeedCache {
  refresh(file: RotationFile, origin: { baseDir: string | null }, signal: AbortSignal): Promise<IcsRefresh>;
}

export function createIcsFeedCache(deps: { clock: Clock; fetchImpl: typeof fetch; timeoutMs: number }): IcsFeedCache {
  const entries = new Map<string, FeedEntry>();

  async function refreshOne(source: FeedSource, people: RotationFile['people'], signal: AbortSignal): Promise<{ entry: FeedEntry; changed: boolean }> {
    const previous = entries.get(source.key) ?? null;
    let document = previous?.document ?? null;
    let textChanged = false;
    if (source.url !== null) {
      const result = await fetchDocument(source.url, { fetchImpl: deps.fetchImpl, clock: deps.clock, timeoutMs: deps.timeoutMs, maxBytes: MAX_ICS_BYTES, previous: document, signal });
      if (result.changed) {
        textChanged = result.document.text !== document?.text;
        document = result.document;
      }
    } else if (source.path !== null) {
      const info = await stat(source.path);
      if (info.size > MAX_ICS_BYTES) throw new Error(`${source.key} is larger than ${MAX_ICS_BYTES} bytes`);
      const text = await readFile(source.path, 'utf8');
      textChanged = text !== document?.text;
      document = { text, etag: null, lastModified: null };
    }
    const now = deps.clock.now();
    const stale = !previous || textChanged || previous.people !== people || now - previous.expandedAt >= REEXPAND_EVERY_MS;
    if (!stale || document === null) return { entry: previous ?? { document, shifts: [], expandedAt: now, people }, changed: false };
    const parsed = parseIcsShifts(document.text, { people, zone: source.zone, fromMs: now - WINDOW_BEFORE_MS, toMs: now + WINDOW_AFTER_MS });
    if (!parsed.ok) throw new Error(parsed.error);
    return { entry: { document, shifts: parsed.shifts, expandedAt: now, people }, changed: true };
  }

  return {
    async refresh(file, origin, signal) {
      const { sources, problems } = feedSourcesOf(file, origin.baseDir);
      const warnings = [...problems];
      const shifts: Record<string, IcsShift[]> = {};
      let changed = false;
      for (const source of sources) {
        const shown = source.url !== null ? redactUrl(source.url) : source.key;
        try {
          const { entry, changed: replaced } = await refreshOne(source, file.people, signal);
          entries.set(source.key, entry);
          changed ||= replaced;
          shifts[source.key] = entry.shifts;
        } catch (error) {
          const kept = entries.get(source.key);
          if (kept) shifts[source.key] = kept.shifts;
          warnings.push(`ICS feed ${shown}: ${(error as Error).message}${kept ? ' (keeping its last good shifts)' : ''}`);
        }
      }
      // Feeds no longer named by the rotation are forgotten.
      for (const key of entries.keys()) {
        if (!(key in shifts)) {
          entries.delete(key);
          changed = true;
        }
      }
      return { shifts, warnings, changed };
    },
  };
}

/**
 * The distinct feeds of a rotation. A rotation fetched from a URL may not name local files: a
 * remote document must not make Vigil read the disk.
 */
function feedSourcesOf(file: RotationFile, baseDir: string | null): { sources: FeedSource[]; problems: string[] } {
  const sources = new Map<string, FeedSource>();
  const problems: string[] = [];
  for (const role of file.rotations) {
    for (const layer of role.layers) {
      if (layer.kind !== 'ics') continue;
      const key = icsLayerSource(layer);
      if (sources.has(key)) continue;
      const zone = layer.timezone ?? file.timezone;
      if (layer.url !== undefined) {
        sources.set(key, { key, url: layer.url, path: null, zone });
      } else if (baseDir === null) {
        problems.push(`ICS feed ${key}: a rotation fetched from a URL cannot read local files; use an https url`);
      } else {
        sources.set(key, { key, url: null, path: isAbsolute(key) ? key : resolve(baseDir, key), zone });
      }
    }
  }
  return { sources: [...sources.values()], problems };
}
