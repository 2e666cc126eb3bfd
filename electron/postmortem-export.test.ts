import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVigilCore } from '../core/create-vigil-core.ts';
import { systemClock } from '../core/runtime/system-clock.ts';
import type { VigilCore } from '../core/vigil-core.ts';
import { ipcChannel } from '../shared/ipc-contract.ts';
import { FIXTURE_EVENTS, FIXTURE_OCCURRENCE } from '../shared/postmortem/postmortem-fixture.ts';
import { openTimelineJournal } from '../core/journal/timeline-journal.ts';
import { registerIpcHandlers, type IpcMainLike } from './ipc-handlers.ts';
import { createPostMortemExporter } from './postmortem-export.ts';
import * as fake from '../test-fixtures/electron/fake-electron.ts';
import { createSenderTrust } from './trusted-sender.ts';

// Export in the desktop app, wired as main.ts wires it: IPC (sender check, argument schema) -> core
// -> the exporter on the fake electron's save dialog and webContents.printToPDF -> a real file.

const APP_URL = 'vigil://app/index.html';
let userData: string;
let core: VigilCore;
let window: fake.FakeBrowserWindow;

const invoke = (name: string, args: unknown) => {
  const handler = fake.ipcMain.handlers.get(ipcChannel(name as 'exportPostMortem'));
  if (!handler) throw new Error(`no handler for ${name}`);
  return Promise.resolve(handler({ sender: window.webContents, senderFrame: { url: APP_URL, parent: null } }, args));
};

beforeAll(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'vigil-export-'));
  // A journal from an earlier run: the occurrence the post-mortem is about.
  const journal = openTimelineJournal(path.join(userData, 'timeline'));
  for (const event of FIXTURE_EVENTS) journal.append(event);
  journal.close();
  window = new fake.FakeBrowserWindow({});
  const kv = new Map<string, unknown>();
  core = createVigilCore({
    clock: systemClock,
    notifier: { show: async () => ({ shown: true, error: null }), onAction: () => () => undefined },
    secrets: { get: async () => null, set: async () => undefined },
    store: { get: (k) => kv.get(k), set: (k, v) => void kv.set(k, v) },
    dataDir: userData,
    configPath: null,
    env: {},
    homeDir: path.join(userData, 'home'),
    appRoot: path.resolve(import.meta.dirname, '..'),
    openExternal: async () => undefined,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    postMortemExporter: createPostMortemExporter({ dialog: fake.dialog, window: () => window, documentsDir: () => '/home/alex/Documents' }),
  });
  registerIpcHandlers({
    ipcMain: fake.ipcMain as unknown as IpcMainLike,
    handlers: core.handlers,
    isTrustedSender: createSenderTrust({ isAppUrl: (url) => url === APP_URL, isOwnWebContents: (contents) => contents === window.webContents }),
  });
  await invoke('createPostMortem', { occurrenceId: FIXTURE_OCCURRENCE, zone: 'Europe/Berlin' });
  await invoke('savePostMortem', { occurrenceId: FIXTURE_OCCURRENCE, text: '# Incident Post-Mortem\r\n\r\nRoot cause: OOM' });
}, 60_000);

afterAll(async () => {
  await core.stop();
});

beforeEach(() => {
  fake.dialog.saveRequests.length = 0;
  fake.dialog.saveAnswers.length = 0;
});

describe('post-mortem export in the app', () => {
  it('saves Markdown where the save dialog says, starting in Documents with a name from date and alertname', async () => {
    const file = path.join(userData, 'chosen.md');
    fake.dialog.saveAnswers.push({ canceled: false, filePath: file });
    expect(await invoke('exportPostMortem', { occurrenceId: FIXTURE_OCCURRENCE, format: 'markdown' })).toEqual({ status: 'saved', path: file });
    expect(readFileSync(file, 'utf8')).toBe('# Incident Post-Mortem\n\nRoot cause: OOM\n');
    const asked = fake.dialog.saveRequests[0]!;
    expect(asked.window).toBe(window);
    expect(asked.options).toMatchObject({ defaultPath: '/home/alex/Documents/postmortem-2025-03-04-WeaviateDown.md', filters: [{ name: 'Markdown', extensions: ['md'] }] });
  });

  it('prints the window to PDF after the dialog, and writes the bytes', async () => {
    const file = path.join(userData, 'chosen.pdf');
    fake.dialog.saveAnswers.push({ canceled: false, filePath: file });
    expect(await invoke('exportPostMortem', { occurrenceId: FIXTURE_OCCURRENCE, format: 'pdf' })).toEqual({ status: 'saved', path: file });
    expect(readFileSync(file, 'utf8').startsWith('%PDF-')).toBe(true);
    expect(window.webContents.pdfRequests.at(-1)).toEqual({ pageSize: 'A4', printBackground: false, generateDocumentOutline: true });
  });

  it('writes nothing when the dialog is cancelled, and refuses a renderer-chosen path', async () => {
    const printed = window.webContents.pdfRequests.length;
    expect(await invoke('exportPostMortem', { occurrenceId: FIXTURE_OCCURRENCE, format: 'pdf' })).toEqual({ status: 'cancelled' });
    expect(window.webContents.pdfRequests).toHaveLength(printed);
    await expect(invoke('exportPostMortem', { occurrenceId: FIXTURE_OCCURRENCE, format: 'markdown', path: '/etc/passwd' })).rejects.toThrow(/invalid arguments for exportPostMortem/);
    expect(fake.dialog.saveRequests).toHaveLength(1);
  });

  it('says so when the window is gone', async () => {
    window.close();
    await expect(invoke('exportPostMortem', { occurrenceId: FIXTURE_OCCURRENCE, format: 'pdf' })).rejects.toThrow(/window is closed/);
  });
});
