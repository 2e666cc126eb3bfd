import type { BrowserWindowConstructorOptions } from 'electron';
import type { AlarmWindowLike } from '../../electron/alarm-window.ts';
import type { PreventableEvent } from '../../electron/window-security.ts';

// A BrowserWindow stand-in that records what the controllers asked of it and lets a test fire
// the window's events (ready-to-show, a user clicking the close button, ...).

export class FakeWindow implements AlarmWindowLike {
  readonly webContents = { id: Symbol('webContents') };
  readonly calls: string[] = [];
  readonly loads: Array<{ file?: string; url?: string; hash?: string }> = [];
  visible = false;
  destroyed = false;
  minimized = false;
  readonly options: BrowserWindowConstructorOptions;
  private readonly listeners = new Map<string, Array<(event: PreventableEvent) => void>>();

  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }

  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
    this.calls.push('restore');
  }
  show() {
    this.visible = true;
    this.calls.push('show');
  }
  hide() {
    this.visible = false;
    this.calls.push('hide');
  }
  focus() {
    this.calls.push('focus');
  }
  moveTop() {
    this.calls.push('moveTop');
  }
  flashFrame(flag: boolean) {
    this.calls.push(`flashFrame:${flag}`);
  }
  setAlwaysOnTop(flag: boolean, level?: string) {
    this.calls.push(`setAlwaysOnTop:${flag}:${level ?? ''}`);
  }
  setVisibleOnAllWorkspaces(visible: boolean) {
    this.calls.push(`setVisibleOnAllWorkspaces:${visible}`);
  }
  async loadFile(file: string, options?: { hash?: string }) {
    this.loads.push({ file, ...(options?.hash !== undefined ? { hash: options.hash } : {}) });
  }
  async loadURL(url: string) {
    this.loads.push({ url });
  }
  on(event: string, listener: (event: PreventableEvent) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: () => void) {
    return this.on(event, listener);
  }
  /** Emits `event`; returns true when a listener called preventDefault. */
  emit(event: string): boolean {
    let prevented = false;
    for (const listener of this.listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) });
    return prevented;
  }
  /** What the OS does for a close: 'close' (cancellable), then destroy and 'closed'. */
  close() {
    this.calls.push('close');
    if (this.emit('close')) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}
