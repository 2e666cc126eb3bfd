import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Clock, TimerHandle } from '../../shared/clock.ts';
import { redactUrl } from '../../shared/rotation/feed-url.ts';
import { MAX_ROTATION_BYTES, formatRotationErrors, parseRotationText } from '../../shared/rotation/parse-rotation.ts';
import type { IcsShift, Rotation, RotationFile } from '../../shared/rotation/rotation-schema.ts';
import type { Logger } from '../ports.ts';
import { fetchDocument } from './fetch-document.ts';
import type { CachedDocument } from './fetch-document.ts';
import { createIcsFeedCache } from './ics-feeds.ts';

// Loads the rotation file from a path or an https URL and keeps it current: a timer re-checks it
// (file: mtime/size; URL: ETag), fs.watch reloads a file as soon as it is saved, and ICS feeds
// are refreshed alongside. A version that fails validation never replaces a good one: the last
// good rotation stays in use and `warning` says what is wrong, with file, line and field.

export interface RotationLoaderState {
  rotation: Rotation | null;
  /** The file path, or the URL without its secret parts. */
  source: string;
  warning: string | null;
  /** When the rotation in use was accepted. */
  loadedAt: number | null;
}

/** Editors save in several writes; one reload after the burst avoids parsing a half-written file. */
export const WATCH_DEBOUNCE_MS = 250;

export interface RotationLoaderOptions {
  file?: string;
  url?: string;
  refreshMs: number;
  clock: Clock;
  fetchImpl?: typeof fetch;
  onChange: (state: RotationLoaderState) => void;
  /** Reload a file as soon as it changes on disk (default true); the timer covers platforms without it. */
  watch?: boolean;
  timeoutMs?: number;
  logger?: Logger;
}

export interface RotationLoader {
  /** First load, then the refresh timer and the file watch. Resolves after the first load. */
  start(): Promise<void>;
  stop(): void;
  /** Re-read now (the file even if its mtime did not change). Concurrent calls share one follow-up run. */
  reload(): Promise<void>;
  state(): RotationLoaderState;
}

interface Origin {
  kind: 'file' | 'url';
  location: string;
  /** ICS `file:` layers resolve against this; null for a rotation fetched from a URL. */
  baseDir: string | null;
}

export function createRotationLoader(options: RotationLoaderOptions): RotationLoader {
  if ((options.file === undefined) === (options.url === undefined)) throw new Error('createRotationLoader: give exactly one of file or url');
  const origin: Origin =
    options.file !== undefined
      ? { kind: 'file', location: options.file, baseDir: dirname(resolve(options.file)) }
      : { kind: 'url', location: options.url ?? '', baseDir: null };
  const source = origin.kind === 'file' ? origin.location : redactUrl(origin.location);
  const clock = options.clock;
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const feeds = createIcsFeedCache({ clock, fetchImpl, timeoutMs });
  const abort = new AbortController();

  let state: RotationLoaderState = { rotation: null, source, warning: null, loadedAt: null };
  let accepted: RotationFile | null = null;
  let icsShifts: Record<string, IcsShift[]> = {};
  let document: CachedDocument | null = null;
  let stamp: string | null = null;
  /** Why the source could not be read on the last attempt. */
  let readError: string | null = null;
  /** Why the latest version was rejected, until a good version replaces it. */
  let rejection: string | null = null;
  let feedWarnings: string[] = [];
  let timer: TimerHandle | null = null;
  let watcher: FSWatcher | null = null;
  let debounce: TimerHandle | null = null;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  /** The rotation text if it changed since the last look, else null. */
  async function readSource(force: boolean): Promise<string | null> {
    if (origin.kind === 'url') {
      const result = await fetchDocument(origin.location, { fetchImpl, clock, timeoutMs, maxBytes: MAX_ROTATION_BYTES, previous: document, signal: abort.signal });
      if (!result.changed) return null;
      const changed = result.document.text !== document?.text;
      document = result.document;
      return changed || accepted === null ? document.text : null;
    }
    const info = await stat(origin.location);
    const nextStamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (!force && nextStamp === stamp) return null;
    if (info.size > MAX_ROTATION_BYTES) throw new Error(`the file is larger than ${MAX_ROTATION_BYTES} bytes`);
    const text = await readFile(origin.location, 'utf8');
    // Only a file actually read counts as seen, so a failed read is retried on the next tick.
    stamp = nextStamp;
    if (text === document?.text && accepted !== null) return null;
    document = { text, etag: null, lastModified: null };
    return text;
  }

  function keeping(): string {
    return state.loadedAt === null ? 'no rotation is in use' : `still using the version loaded ${new Date(state.loadedAt).toISOString()}`;
  }

  async function run(force: boolean): Promise<void> {
    let fileChanged = false;
    try {
      const text = await readSource(force);
      readError = null;
      if (text !== null) {
        const parsed = parseRotationText(text, origin.kind === 'file' ? origin.location : source);
        if (parsed.ok) {
          accepted = parsed.rotation;
          fileChanged = true;
          rejection = null;
        } else {
          rejection = `${source} was rejected; ${keeping()}:\n${formatRotationErrors(parsed.errors)}`;
        }
      }
    } catch (error) {
      if (stopped) return;
      readError = `could not read ${source}: ${(error as Error).message}; ${keeping()}`;
    }
    if (stopped) return;
    let feedsChanged = false;
    if (accepted !== null) {
      const refreshed = await feeds.refresh(accepted, { baseDir: origin.baseDir }, abort.signal);
      if (stopped) return;
      feedsChanged = refreshed.changed;
      icsShifts = refreshed.shifts;
      feedWarnings = refreshed.warnings;
    }
    const warning = [readError, rejection, ...feedWarnings].filter((line): line is string => line !== null).join('\n') || null;
    const rotationChanged = accepted !== null && (fileChanged || feedsChanged || state.rotation === null);
    if (!rotationChanged && warning === state.warning) return;
    state = {
      rotation: rotationChanged && accepted !== null ? { ...accepted, icsShifts } : state.rotation,
      source,
      warning,
      loadedAt: fileChanged ? clock.now() : state.loadedAt,
    };
    if (warning !== null) options.logger?.warn('rotation warning', { source, warning });
    else if (fileChanged) options.logger?.info('rotation loaded', { source });
    options.onChange(state);
  }

  function reload(force = true): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!inFlight) {
      inFlight = run(force).finally(() => {
        inFlight = null;
      });
      return inFlight;
    }
    // One follow-up run covers every request made while a run was in flight.
    queued ??= inFlight.then(() => {
      queued = null;
      return reload(true);
    });
    return queued;
  }

  function schedule(): void {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void reload(false).finally(schedule);
    }, options.refreshMs);
  }

  function startWatch(): void {
    if (origin.kind !== 'file' || options.watch === false || stopped) return;
    const name = basename(origin.location);
    try {
      // Watch the directory, not the file: editors save by renaming a new file over the old one,
      // which ends a watch on the old inode.
      watcher = watch(dirname(resolve(origin.location)), (_event, changed) => {
        if ((changed !== null && changed !== name) || debounce !== null || stopped) return;
        debounce = clock.setTimeout(() => {
          debounce = null;
          void reload(true);
        }, WATCH_DEBOUNCE_MS);
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
    } catch {
      watcher = null; // no watch support here: the timer still picks changes up
    }
  }

  return {
    async start() {
      await reload(true);
      startWatch();
      schedule();
    },
    stop() {
      stopped = true;
      abort.abort(new Error('rotation loader stopped'));
      if (timer !== null) clock.clearTimeout(timer);
      if (debounce !== null) clock.clearTimeout(debounce);
      timer = null;
      debounce = null;
      watcher?.close();
      watcher = null;
    },
    reload: () => reload(true),
    state: () => state,
  };
}
