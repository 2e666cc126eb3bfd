import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, protocol, safeStorage, session, shell, Tray } from 'electron';
import ElectronStore from 'electron-store';
import { homedir } from 'node:os';
import path from 'node:path';
import { createVigilCore } from '../core/create-vigil-core.ts';
import { createDesktopNotifier } from '../core/notify/desktop-notifier.ts';
import { createStormControlledNotifier } from '../core/notify/notification-storm-control.ts';
import { createConsoleLogger } from '../core/runtime/console-logger.ts';
import { readPageContentSecurityPolicy } from '../core/runtime/page-content-security-policy.ts';
import { systemClock } from '../core/runtime/system-clock.ts';
import type { TrayIconState } from './tray-icon-state.ts';
import { createAlarmWindowController } from './alarm-window.ts';
import { APP_SCHEME, APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './app-protocol.ts';
import { firstFrameHtml } from '../shared/first-frame-html.ts';
import { parseLaunchOptions } from './command-line.ts';
import { E2E_HOOK_NAME } from './e2e-hook.ts';
import type { VigilTestHook } from './e2e-hook.ts';
import { openElectronKvStore } from './electron-kv-store.ts';
import { forwardCoreEvents, registerIpcHandlers, sendEventWhenLoaded } from './ipc-handlers.ts';
import { createMainWindowController } from './main-window.ts';
import { createOpenExternal } from './open-external.ts';
import { createPostMortemExporter } from './postmortem-export.ts';
import { installQuitHandling } from './quit-handling.ts';
import { resolveRendererLocation } from './renderer-location.ts';
import { createSafeStorageSecretStore } from './safe-storage-secrets.ts';
import { createTrayController } from './tray-controller.ts';
import { trayIconRepresentations } from './tray-icons.ts';
import { createSenderTrust } from './trusted-sender.ts';
import { hardenSession, hardenWebContents } from './window-security.ts';

// The Electron composition root: it only creates OS objects and wires them to the modules beside
// it (each unit-tested with fakes) and to the core. No decisions are made here.

const logger = createConsoleLogger('electron');

function fatal(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  logger.error('Vigil could not start', { error: message });
  dialog.showErrorBox('Vigil could not start', message);
  app.exit(1);
  throw error;
}

function trayImage(state: TrayIconState): Electron.NativeImage {
  const image = nativeImage.createEmpty();
  for (const representation of trayIconRepresentations(state)) image.addRepresentation(representation);
  return image;
}

async function start(launch: ReturnType<typeof parseLaunchOptions>): Promise<void> {
  const location = resolveRendererLocation({ mainDir: import.meta.dirname, devServerUrl: process.env.VITE_DEV_SERVER_URL, isPackaged: app.isPackaged });
  const devTools = !app.isPackaged;
  const openExternal = createOpenExternal(shell);

  hardenSession(session.defaultSession, { isAppUrl: location.isAppUrl, pagePolicy: readPageContentSecurityPolicy(location.rendererDir) });
  // Every webContents the app ever creates is hardened, not only the ones we remember to.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { openExternal, onBlocked: (what, url) => logger.warn('blocked in renderer', { what, url }) }),
  );

  const openStore = (options: ConstructorParameters<typeof ElectronStore>[0]) => new ElectronStore(options);
  const state = openElectronKvStore(openStore, 'vigil-state');
  const secretStore = openElectronKvStore(openStore, 'vigil-secrets');

  const core = createVigilCore({
    clock: systemClock,
    notifier: createStormControlledNotifier(createDesktopNotifier({ logger }), { clock: systemClock, logger }),
    secrets: createSafeStorageSecretStore({ safeStorage, store: secretStore.kv, platform: process.platform }),
    store: state.kv,
    dataDir: app.getPath('userData'),
    configPath: launch.configPath ? path.resolve(launch.configPath) : null,
    env: process.env,
    homeDir: homedir(),
    // The demo's example rotation ships inside the app (electron-builder `files`).
    appRoot: app.getAppPath(),
    openExternal,
    logger,
    // Save dialogs and printToPDF for post-mortem exports; the main window is created just below.
    postMortemExporter: createPostMortemExporter<BrowserWindow>({ dialog, window: () => mainWindow.current(), documentsDir: () => app.getPath('documents') }),
  });

  // Before any window exists: the windows load vigil://app/index.html, the main window's with its
  // first frame (the incidents of this moment, painted before the app's script runs).
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(location.rendererDir, {
      firstFrame: () => firstFrameHtml(core.snapshot()),
      onFirstFrameError: (error) => logger.error('bug: the first frame could not be built', { error: String(error) }),
    }),
  );

  const quit = installQuitHandling({ app, stop: () => core.stop(), stopTimeoutMs: 5_000, onStopError: (error) => logger.error('core stop failed', { error: String(error) }) });
  const onLoadFailed = (error: unknown) => logger.error('renderer failed to load', { error: String(error) });
  const mainWindow = createMainWindowController({ createWindow: (options) => new BrowserWindow(options), location, devTools, isQuitting: quit.isQuitting, onLoadFailed });
  const alarmWindow = createAlarmWindowController({
    createWindow: (options) => new BrowserWindow(options),
    location,
    devTools,
    stealFocus: () => app.focus({ steal: true }),
    onLoadFailed,
  });
  const ownWindows = (): BrowserWindow[] => [mainWindow.current(), alarmWindow.current()].filter((w): w is BrowserWindow => w !== null);

  registerIpcHandlers({
    ipcMain,
    handlers: core.handlers,
    isTrustedSender: createSenderTrust({ isAppUrl: location.isAppUrl, isOwnWebContents: (contents) => ownWindows().some((w) => w.webContents === contents) }),
    onRejected: (request, reason) => logger.warn('IPC call refused', { request, reason }),
  });
  forwardCoreEvents(core, () => ownWindows().map((w) => w.webContents));

  const tray = createTrayController({
    createTray: (icon: Electron.NativeImage) => new Tray(icon),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    icons: { ok: trayImage('ok'), firing: trayImage('firing'), unacked: trayImage('unacked'), blind: trayImage('blind') },
    onAck: (incidentKey) => {
      core.handlers
        .ackIncident({ incidentKey, via: 'tray' })
        .then((result) => !result.ok && logger.warn('tray ack failed', { incidentKey, error: result.error }))
        .catch((error: unknown) => logger.error('tray ack failed', { incidentKey, error: String(error) }));
    },
    onShowWindow: () => mainWindow.reveal(),
    onShowIncident: (incidentKey) => {
      mainWindow.reveal();
      const window = mainWindow.current();
      if (window) sendEventWhenLoaded(window.webContents, 'focusIncident', { incidentKey });
    },
    onQuit: () => app.quit(),
    now: () => systemClock.now(),
  });

  core.on('snapshot', (snapshot) => {
    tray.update(snapshot);
    alarmWindow.update(snapshot);
  });
  core.on('focusIncident', () => mainWindow.reveal());
  app.on('second-instance', () => mainWindow.reveal());
  app.on('activate', () => mainWindow.reveal());
  // Vigil lives in the tray: closing every window must not end the process (and its alarms).
  app.on('window-all-closed', () => undefined);

  const initial = core.snapshot();
  tray.update(initial);
  alarmWindow.update(initial);

  if (launch.e2e) {
    const hook: VigilTestHook = { trayState: () => tray.state(), alarmWindowOpen: () => alarmWindow.isOpen(), windowCount: () => ownWindows().length };
    Object.defineProperty(globalThis, E2E_HOOK_NAME, { value: Object.freeze(hook) });
  }

  await core.start();
}

let launch: ReturnType<typeof parseLaunchOptions>;
try {
  launch = parseLaunchOptions(process.argv, process.env);
} catch (error) {
  fatal(error);
}
// Before anything reads userData (stores, the single-instance lock), so each profile is separate.
if (launch.userDataDir) app.setPath('userData', path.resolve(launch.userDataDir));
// Privileges can only be given to a scheme before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);

if (!app.requestSingleInstanceLock()) {
  // Another Vigil owns the alarms; it was told (second-instance) and brings its window forward.
  app.quit();
} else {
  app.whenReady().then(() => start(launch)).catch(fatal);
}
