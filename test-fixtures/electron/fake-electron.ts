import { EventEmitter } from 'node:events';
import type { SafeStorageLike } from '../../electron/safe-storage-secrets.ts';

// An in-memory stand-in for the 'electron' module, just wide enough to run main.ts (the
// composition root) under Node: windows, tray, menus and IPC record what they were asked to do so
// a test can drive the app as a user would (click a tray item, invoke IPC from "the renderer").
// Only tests import this (through vi.mock); nothing here pretends to be secure.

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return false;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
  /** Like Electron's: prints the page as it is (its print stylesheet applied) to PDF bytes. */
  readonly pdfRequests: unknown[] = [];
  async printToPDF(options: unknown) {
    this.pdfRequests.push(options);
    return Buffer.from('%PDF-1.4\n% fake printToPDF\n');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loads: string[] = [];
  visible = false;
  destroyed = false;
  alwaysOnTop = false;
  readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
    // Electron fires web-contents-created for every new webContents.
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  moveTop() {}
  flashFrame() {}
  setVisibleOnAllWorkspaces() {}
  setAlwaysOnTop(flag: boolean) {
    this.alwaysOnTop = flag;
  }
  async loadURL(url: string) {
    this.loads.push(url);
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export interface FakeMenu {
  template: Array<Record<string, unknown>>;
}

export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  image: unknown;
  toolTip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.toolTip = text;
  }
  setContextMenu(menu: FakeMenu | null) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  isPackaged = false;
  appPath = process.cwd();
  exitCode: number | null = null;
  quitCount = 0;
  private ready = false;
  private readyResolve: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
  whenReady() {
    return this.readyPromise;
  }
  isReady() {
    return this.ready;
  }
  /** The test decides when the OS says the app is ready. */
  makeReady() {
    this.ready = true;
    this.readyResolve();
  }
  requestSingleInstanceLock() {
    return true;
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  getPath(name: string) {
    const value = this.paths.get(name);
    if (!value) throw new Error(`fake app: no path ${name}`);
    return value;
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return '0.0.0-test';
  }
  focus() {}
  /** Like Electron: before-quit, then will-quit (cancellable), then the process would exit. */
  quit() {
    this.quitCount += 1;
    this.emit('before-quit', { preventDefault: () => undefined });
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.exitCode = 0;
  }
  exit(code: number) {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  // electron-store registers a sync listener for its renderer helper.
  on() {
    return this;
  },
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** Like Electron's: privileges only before ready, handlers only after, one handler per scheme. */
export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler) {
    if (!app.isReady()) throw new Error('protocol.handle cannot be called before app is ready');
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
};

export const Menu = {
  buildFromTemplate: (template: Array<Record<string, unknown>>): FakeMenu => ({ template }),
};

export const nativeImage = {
  createEmpty: () => {
    const representations: unknown[] = [];
    return { representations, addRepresentation: (r: unknown) => representations.push(r) };
  },
};

/** No keychain, as on a CI machine, unless a test installs one (test-fixtures/electron/fake-keychain.ts). */
export const safeStorage = {
  keychain: null as SafeStorageLike | null,
  isAsyncEncryptionAvailable: async () => (safeStorage.keychain ? safeStorage.keychain.isAsyncEncryptionAvailable() : false),
  encryptStringAsync: async (plainText: string) => {
    if (!safeStorage.keychain) throw new Error('no keychain in tests');
    return safeStorage.keychain.encryptStringAsync(plainText);
  },
  decryptStringAsync: async (encrypted: Buffer) => {
    if (!safeStorage.keychain) throw new Error('no keychain in tests');
    return safeStorage.keychain.decryptStringAsync(encrypted);
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: null as unknown,
    headersListener: null as unknown,
    setPermissionRequestHandler(handler: unknown) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    webRequest: {
      onHeadersReceived(listener: unknown) {
        session.defaultSession.headersListener = listener;
      },
    },
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string) {
    shell.opened.push(url);
  },
};

export const dialog = {
  errors: [] as string[],
  showErrorBox(title: string, content: string) {
    dialog.errors.push(`${title}: ${content}`);
  },
  /** What the user answers the next save dialogs (cancel when none is queued), and what each was asked. */
  saveAnswers: [] as Array<{ canceled: boolean; filePath: string }>,
  saveRequests: [] as Array<{ window: unknown; options: Record<string, unknown> }>,
  async showSaveDialog(window: unknown, options: Record<string, unknown>) {
    dialog.saveRequests.push({ window, options });
    return dialog.saveAnswers.shift() ?? { canceled: true, filePath: '' };
  },
};

export const BrowserWindow = FakeBrowserWindow;
export const Tray = FakeTray;
