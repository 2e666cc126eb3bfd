import type { PreventableEvent } from './window-security.ts';

// Quitting is the only way Vigil stops (closing windows hides them). On quit the core gets a
// chance to stop cleanly (end polls, flush its state file) before the process exits, bounded so a
// hung network call can never make Vigil impossible to quit.

/** The slice of Electron's app used here. */
export interface QuittableApp {
  on(event: 'before-quit', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface QuitHandlingInput {
  app: QuittableApp;
  stop(): Promise<void>;
  stopTimeoutMs: number;
  onStopError?(error: unknown): void;
}

export function installQuitHandling(input: QuitHandlingInput): { isQuitting(): boolean } {
  let quitting = false;
  let phase: 'running' | 'stopping' | 'stopped' = 'running';

  input.app.on('before-quit', () => {
    quitting = true;
  });
  input.app.on('will-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    quitting = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        input.onStopError?.(new Error(`core did not stop within ${input.stopTimeoutMs} ms; quitting anyway`));
        resolve();
      }, input.stopTimeoutMs);
    });
    const stopped = input.stop().catch((error: unknown) => input.onStopError?.(error));
    void Promise.race([stopped, timeout]).then(() => {
      clearTimeout(timer);
      phase = 'stopped';
      input.app.quit();
    });
  });

  return { isQuitting: () => quitting };
}
