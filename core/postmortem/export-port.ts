// How the core saves an export where the user chooses: the Electron app implements it with its save
// dialog and webContents.printToPDF (electron/postmortem-export.ts); the headless host has none, and
// its browser downloads or prints instead. The path always comes from the OS dialog, never from a renderer.

export type ExportOutcome = { status: 'saved'; path: string } | { status: 'cancelled' };

export interface PostMortemExporter {
  saveMarkdown(input: { suggestedName: string; markdown: string }): Promise<ExportOutcome>;
  /** Prints the window showing the draft's preview (its print stylesheet leaves only the post-mortem). */
  savePdf(input: { suggestedName: string }): Promise<ExportOutcome>;
}
