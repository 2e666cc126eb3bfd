import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportOutcome, PostMortemExporter } from '../core/postmortem/export-port.ts';

// Post-mortem export in the desktop app: Electron's save dialog picks the path (so a renderer never
// names a file to write), and webContents.printToPDF prints the main window, whose print stylesheet
// leaves only the post-mortem preview. Thin on purpose: the draft and its Markdown are the core's.

/** The parts of Electron used here (BrowserWindow, dialog satisfy them). */
export interface PrintableWindow {
  isDestroyed(): boolean;
  webContents: { printToPDF(options: { pageSize: 'A4'; printBackground: boolean; generateDocumentOutline: boolean }): Promise<Uint8Array> };
}
export interface SaveDialogLike<W> {
  showSaveDialog(window: W, options: { title: string; defaultPath: string; filters: Array<{ name: string; extensions: string[] }>; properties: Array<'createDirectory' | 'showOverwriteConfirmation'> }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

export interface PostMortemExporterDeps<W extends PrintableWindow> {
  dialog: SaveDialogLike<W>;
  /** The main window, where the draft is open. */
  window(): W | null;
  /** Where the dialog starts (the user's Documents folder). */
  documentsDir(): string;
  writeFile?(file: string, data: string | Uint8Array): Promise<void>;
}

export function createPostMortemExporter<W extends PrintableWindow>(deps: PostMortemExporterDeps<W>): PostMortemExporter {
  const write = deps.writeFile ?? ((file: string, data: string | Uint8Array) => writeFile(file, data));
  const liveWindow = (): W => {
    const window = deps.window();
    if (!window || window.isDestroyed()) throw new Error('the Vigil window is closed');
    return window;
  };
  const ask = async (window: W, suggestedName: string, kind: { name: string; extension: string }): Promise<string | null> => {
    const answer = await deps.dialog.showSaveDialog(window, {
      title: `Save post-mortem as ${kind.name}`,
      defaultPath: path.join(deps.documentsDir(), suggestedName),
      filters: [{ name: kind.name, extensions: [kind.extension] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return answer.canceled || !answer.filePath ? null : answer.filePath;
  };
  return {
    async saveMarkdown({ suggestedName, markdown }): Promise<ExportOutcome> {
      const file = await ask(liveWindow(), suggestedName, { name: 'Markdown', extension: 'md' });
      if (file === null) return { status: 'cancelled' };
      await write(file, markdown);
      return { status: 'saved', path: file };
    },
    async savePdf({ suggestedName }): Promise<ExportOutcome> {
      const window = liveWindow();
      const file = await ask(window, suggestedName, { name: 'PDF', extension: 'pdf' });
      if (file === null) return { status: 'cancelled' };
      // Printed after the dialog closed, so the page is what the user sees, without the dialog's sheet.
      await write(file, await window.webContents.printToPDF({ pageSize: 'A4', printBackground: false, generateDocumentOutline: true }));
      return { status: 'saved', path: file };
    },
  };
}
