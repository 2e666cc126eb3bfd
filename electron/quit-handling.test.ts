import { describe, expect, it } from 'vitest';
import { installQuitHandling } from './quit-handling.ts';
import type { QuittableApp } from './quit-handling.ts';

/** An app whose quit() runs before-quit and will-quit like Electron's, exiting unless prevented. */
function fakeApp() {
  const listeners = new Map<string, Array<(event: { preventDefault(): void }) => void>>();
  let exited = 0;
  const app: QuittableApp & { quitCalls: number } = {
    quitCalls: 0,
    on(event: string, listener: (event: { preventDefault(): void }) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return app;
    },
    quit() {
      app.quitCalls += 1;
      for (const event of ['before-quit', 'will-quit']) {
        let prevented = false;
        for (const listener of listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) });
        if (prevented) return;
      }
      exited += 1;
    },
  };
  return { app, exited: () => exited };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('installQuitHandling', () => {
  it('stops the core before letting the app exit', async () => {
    const { app, exited } = fakeApp();
    let release: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const quit = installQuitHandling({ app, stop: () => stopped, stopTimeoutMs: 60_000 });
    expect(quit.isQuitting()).toBe(false);
    app.quit();
    expect(quit.isQuitting()).toBe(true);
    app.quit(); // a second Quit click while stopping does not start a second stop
    await settle();
    expect(exited()).toBe(0);
    release();
    await settle();
    expect(exited()).toBe(1);
  });

  it('quits anyway when stop fails or hangs', async () => {
    const failing = fakeApp();
    const errors: string[] = [];
    installQuitHandling({ app: failing.app, stop: async () => Promise.reject(new Error('journal flush failed')), stopTimeoutMs: 60_000, onStopError: (e) => errors.push(String(e)) });
    failing.app.quit();
    await settle();
    expect(failing.exited()).toBe(1);

    const hanging = fakeApp();
    installQuitHandling({ app: hanging.app, stop: () => new Promise<void>(() => undefined), stopTimeoutMs: 5, onStopError: (e) => errors.push(String(e)) });
    hanging.app.quit();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hanging.exited()).toBe(1);
    expect(errors).toEqual(['Error: journal flush failed', 'Error: core did not stop within 5 ms; quitting anyway']);
  });
});
