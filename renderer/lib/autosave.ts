// Autosave for the post-mortem editor: every change reaches the core within `maxWaitMs` even while
// typing never pauses (the core journals and fsyncs it before answering), sooner when typing stops
// for `idleMs`. A refused save (disk full) keeps the text here, says so, and retries until it lands.
// Timers are injected so the schedule is tested without waiting.

export type SaveOutcome = { ok: true; rev: number; savedAt: number } | { ok: false; error: string };

export interface AutosaveState {
  status: 'saved' | 'pending' | 'saving' | 'failed';
  /** Why the last save failed; kept until a save succeeds. */
  error: string | null;
  lastSavedAt: number | null;
  rev: number | null;
}

export interface AutosaveOptions {
  save(text: string): Promise<SaveOutcome>;
  onState(state: AutosaveState): void;
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  idleMs?: number;
  maxWaitMs?: number;
  retryMs?: number;
}

export interface Autosave {
  change(text: string): void;
  /** Save now (Ctrl+S, leaving the editor, before an export). Resolves once the latest text is saved or refused. */
  flush(): Promise<AutosaveState>;
  state(): AutosaveState;
  dispose(): void;
}

export const AUTOSAVE_IDLE_MS = 250;
export const AUTOSAVE_MAX_WAIT_MS = 700;
export const AUTOSAVE_RETRY_MS = 2000;

export function createAutosave(initialText: string, options: AutosaveOptions): Autosave {
  const idleMs = options.idleMs ?? AUTOSAVE_IDLE_MS;
  const maxWaitMs = options.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS;
  const retryMs = options.retryMs ?? AUTOSAVE_RETRY_MS;
  let latest = initialText;
  let saved = initialText;
  let dirtySince: number | null = null;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  let disposed = false;
  let current: AutosaveState = { status: 'saved', error: null, lastSavedAt: null, rev: null };

  const set = (patch: Partial<AutosaveState>) => {
    current = { ...current, ...patch };
    if (!disposed) options.onState(current);
  };
  const schedule = (ms: number) => {
    if (timer !== null) options.clearTimer(timer);
    timer = options.setTimer(() => {
      timer = null;
      void run();
    }, Math.max(0, ms));
  };

  const run = async (): Promise<void> => {
    if (inFlight) return inFlight;
    if (latest === saved) {
      dirtySince = null;
      if (current.status !== 'failed') set({ status: 'saved' });
      return;
    }
    const text = latest;
    set({ status: 'saving' });
    inFlight = (async () => {
      let outcome: SaveOutcome;
      try {
        outcome = await options.save(text);
      } catch (error) {
        outcome = { ok: false, error: (error as Error).message };
      }
      inFlight = null;
      if (outcome.ok) {
        saved = text;
        set({ status: latest === saved ? 'saved' : 'pending', error: null, lastSavedAt: outcome.savedAt, rev: outcome.rev });
        if (latest !== saved) schedule(0);
        else dirtySince = null;
      } else {
        set({ status: 'failed', error: outcome.error });
        if (!disposed) schedule(retryMs);
      }
    })();
    return inFlight;
  };

  return {
    change(text) {
      if (disposed || text === latest) return;
      latest = text;
      const now = options.now();
      dirtySince ??= now;
      if (current.status === 'saved') set({ status: 'pending' });
      if (inFlight || current.status === 'failed') return; // saved when the flight lands / on the next retry
      schedule(Math.min(idleMs, dirtySince + maxWaitMs - now));
    },
    async flush() {
      if (timer !== null) options.clearTimer(timer);
      timer = null;
      // A save in flight may carry older text: wait for it, then save what is latest.
      if (inFlight) await inFlight;
      if (latest !== saved) await run();
      return current;
    },
    state: () => current,
    dispose() {
      disposed = true;
      if (timer !== null) options.clearTimer(timer);
      timer = null;
    },
  };
}
