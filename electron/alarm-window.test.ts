import { describe, expect, it } from 'vitest';
import { alarmWindowOptions, createAlarmWindowController, shouldShowAlarmWindow } from './alarm-window.ts';
import type { RendererLocation } from './renderer-location.ts';
import { FakeWindow } from '../test-fixtures/electron/fake-windows.ts';
import { makeIncident, makeSnapshot, makeRinging } from '../test-fixtures/electron/snapshot-builders.ts';

const location: RendererLocation = {
  preloadPath: '/app/dist/electron/preload.cjs',
  rendererDir: '/app/dist/renderer',
  url: 'vigil://app/index.html',
  isAppUrl: () => true,
};

function setup(url = location.url) {
  const windows: FakeWindow[] = [];
  let steals = 0;
  const controller = createAlarmWindowController({
    createWindow: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window;
    },
    location: { ...location, url },
    devTools: false,
    stealFocus: () => void (steals += 1),
  });
  return { controller, windows, steals: () => steals };
}

const loud = (key: string, level = 0) => makeRinging(key, {}, { loud: true, level });
const quiet = (key: string) => makeRinging(key, { severity: 'warning' }, { loud: false });

describe('shouldShowAlarmWindow', () => {
  it('is true only while a loud alarm rings', () => {
    expect(shouldShowAlarmWindow(makeSnapshot([loud('a')]))).toBe(true);
    expect(shouldShowAlarmWindow(makeSnapshot([quiet('a')]))).toBe(false);
    expect(shouldShowAlarmWindow(makeSnapshot([makeIncident('a', { state: 'acked' })]))).toBe(false);
    // An ack in flight keeps ringing until the silence is confirmed.
    expect(shouldShowAlarmWindow(makeSnapshot([makeRinging('a', {}, { loud: true, acking: true })]))).toBe(true);
    expect(shouldShowAlarmWindow(makeSnapshot([makeRinging('a', { state: 'resolved' }, { loud: true })]))).toBe(false);
  });
});

describe('alarmWindowOptions', () => {
  it('is always on top and as locked down as the main window', () => {
    const options = alarmWindowOptions('/p.cjs', { devTools: false });
    expect(options).toMatchObject({ alwaysOnTop: true, show: false, minimizable: false });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, autoplayPolicy: 'no-user-gesture-required' });
  });
});

describe('createAlarmWindowController', () => {
  it('opens the #/alarm route for a loud ringing alarm and brings it to the front', () => {
    const { controller, windows, steals } = setup();
    controller.update(makeSnapshot([quiet('w')]));
    expect(windows).toHaveLength(0);
    controller.update(makeSnapshot([loud('a')]));
    expect(windows).toHaveLength(1);
    const window = windows[0] as FakeWindow;
    // The alarm window's page comes without the list's first frame (shared/first-frame-html.ts).
    expect(window.loads).toEqual([{ url: 'vigil://app/index.html?window=alarm#/alarm' }]);
    window.emit('ready-to-show');
    expect(window.calls).toEqual(['setAlwaysOnTop:true:screen-saver', 'setVisibleOnAllWorkspaces:true', 'show', 'moveTop', 'focus', 'flashFrame:true']);
    expect(steals()).toBe(1);
    expect(controller.isOpen()).toBe(true);
  });

  it('uses the dev server URL with the alarm hash in development', () => {
    const { controller, windows } = setup('http://localhost:5173/');
    controller.update(makeSnapshot([loud('a')]));
    expect(windows[0]?.loads).toEqual([{ url: 'http://localhost:5173/?window=alarm#/alarm' }]);
  });

  it('closes when the alarm is acknowledged', () => {
    const { controller, windows } = setup();
    controller.update(makeSnapshot([loud('a')]));
    controller.update(makeSnapshot([makeIncident('a', { state: 'acked' })]));
    expect(windows[0]?.destroyed).toBe(true);
    expect(controller.isOpen()).toBe(false);
  });

  it('does not reopen on every poll after the user closed it, only for something new', () => {
    const { controller, windows } = setup();
    controller.update(makeSnapshot([loud('a')]));
    (windows[0] as FakeWindow).close();
    controller.update(makeSnapshot([loud('a')]));
    expect(windows).toHaveLength(1);
    // A new loud incident.
    controller.update(makeSnapshot([loud('a'), loud('b')]));
    expect(windows).toHaveLength(2);
    (windows[1] as FakeWindow).close();
    controller.update(makeSnapshot([loud('a'), loud('b')]));
    expect(windows).toHaveLength(2);
    // A missed deadline escalates the alarm a level.
    controller.update(makeSnapshot([loud('a', 1), loud('b')]));
    expect(windows).toHaveLength(3);
  });

  it('raises the open window again when another loud alarm starts, without a second window', () => {
    const { controller, windows, steals } = setup();
    controller.update(makeSnapshot([loud('a')]));
    const window = windows[0] as FakeWindow;
    window.emit('ready-to-show');
    controller.update(makeSnapshot([loud('a')]));
    expect(steals()).toBe(1);
    controller.update(makeSnapshot([loud('a'), loud('b')]));
    expect(windows).toHaveLength(1);
    expect(steals()).toBe(2);
  });

  it('forgets a dismissal once everything is acked, so the next alarm shows again', () => {
    const { controller, windows } = setup();
    controller.update(makeSnapshot([loud('a')]));
    (windows[0] as FakeWindow).close();
    controller.update(makeSnapshot([]));
    controller.update(makeSnapshot([loud('a')]));
    expect(windows).toHaveLength(2);
  });
});
