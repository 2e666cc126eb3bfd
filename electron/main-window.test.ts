import { describe, expect, it } from 'vitest';
import { createMainWindowController, mainWindowOptions } from './main-window.ts';
import type { RendererLocation } from './renderer-location.ts';
import { FakeWindow } from '../test-fixtures/electron/fake-windows.ts';

const location: RendererLocation = {
  preloadPath: '/app/dist/electron/preload.cjs',
  rendererDir: '/app/dist/renderer',
  url: 'vigil://app/index.html',
  isAppUrl: () => true,
};

function setup() {
  const windows: FakeWindow[] = [];
  let quitting = false;
  const controller = createMainWindowController({
    createWindow: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window;
    },
    location,
    devTools: false,
    isQuitting: () => quitting,
  });
  return { controller, windows, quit: () => (quitting = true) };
}

describe('mainWindowOptions', () => {
  it('uses the hardened preferences and waits for ready-to-show', () => {
    const options = mainWindowOptions('/p.cjs', { devTools: false });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });
});

describe('createMainWindowController', () => {
  it('loads the built renderer and shows the window once it is ready', () => {
    const { windows } = setup();
    const [window] = windows;
    expect(window?.loads).toEqual([{ url: 'vigil://app/index.html' }]);
    expect(window?.visible).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.visible).toBe(true);
  });

  it('hides instead of closing, so alarms keep running from the tray', () => {
    const { controller, windows } = setup();
    const window = windows[0] as FakeWindow;
    window.show();
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    expect(controller.current()).toBe(window);
  });

  it('lets the window close when the app quits, and recreates it on reveal', () => {
    const { controller, windows, quit } = setup();
    const first = windows[0] as FakeWindow;
    quit();
    first.close();
    expect(first.destroyed).toBe(true);
    expect(controller.current()).toBeNull();
    controller.reveal();
    expect(windows).toHaveLength(2);
    expect(windows[1]?.calls).toEqual(['show', 'focus']);
  });

  it('reveal restores a minimised window and focuses it', () => {
    const { controller, windows } = setup();
    const window = windows[0] as FakeWindow;
    window.minimized = true;
    controller.reveal();
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });
});
