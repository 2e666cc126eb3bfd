// A runbook as Vigil shows it: a checklist of phases and steps, made from Markdown by
// runbook-checklist.ts. Plain data (it crosses IPC and WebSocket). Every text in it is untrusted
// and is rendered as text only; link URLs are kept as data for the main process's allowlist.

/** A piece of a line: plain, `code`, **strong**, or a link whose URL only openLink may open. */
export interface RunbookInline {
  text: string;
  url?: string;
  code?: true;
  strong?: true;
}

/** A paragraph, a bullet, a table row or a raw-HTML block (shown as its literal text). */
export interface RunbookNote {
  parts: RunbookInline[];
  bullet: boolean;
}

export interface RunbookTimeBox {
  /** Offsets from the incident's start: "5-15 minutes" is 300,000 to 900,000 ms. */
  fromMs: number;
  toMs: number;
}

export interface RunbookStep {
  /** Stable across re-parses of the same text: phase index, step index and a hash of the step. */
  id: string;
  /** 'step': an ordered-list item; 'task': a GFM task item (- [ ] ...). */
  kind: 'step' | 'task';
  /** The number the runbook gives it (ordered lists), null for task items. */
  number: number | null;
  /** Nesting below the phase's own list (0 = top level). */
  depth: number;
  /** The step's words as plain text: its accessible name, and what the journal records. */
  text: string;
  parts: RunbookInline[];
  notes: RunbookNote[];
  /** Code blocks: shown with a copy button, never run. */
  commands: string[];
}

export interface RunbookPhase {
  id: string;
  /** Empty for what comes before the first phase heading. */
  title: string;
  timeBox: RunbookTimeBox | null;
  steps: RunbookStep[];
  notes: RunbookNote[];
  commands: string[];
}

export interface RunbookChecklist {
  /** The runbook's own title: its only level-1 heading, when that comes first. */
  title: string | null;
  phases: RunbookPhase[];
  /** Part of the runbook was left out (it is too long or too deeply nested to show whole). */
  truncated: boolean;
}

/** Where a runbook came from, as the UI shows it. */
export interface RunbookSourceView {
  kind: 'file' | 'url';
  /** A file path, or the URL without its query (which may carry a token). */
  location: string;
  /** When the copy in use was fetched (URL runbooks only). */
  fetchedAt: number | null;
  /** True when the last fetch failed and the copy cached on disk is shown. */
  offline: boolean;
}

/** getRunbook's answer: the runbook (or why there is none) and this occurrence's checked steps. */
export interface RunbookView {
  checklist: RunbookChecklist | null;
  source: RunbookSourceView | null;
  /** Why no runbook (or only an offline copy) is shown; null when there simply is none to look up. */
  problem: string | null;
  /** Characters in the runbook as found (the checklist may cover only its beginning). */
  sizeChars: number | null;
  checked: string[];
}

export function findStep(checklist: RunbookChecklist, stepId: string): { phase: RunbookPhase; step: RunbookStep } | null {
  for (const phase of checklist.phases) {
    const step = phase.steps.find((s) => s.id === stepId);
    if (step) return { phase, step };
  }
  return null;
}

export function plainText(parts: readonly RunbookInline[]): string {
  return parts.map((p) => p.text).join('');
}

/** "0–5 min", "15–30 min", "1–2 h": how a time box reads beside its phase. */
export function formatTimeBox(box: RunbookTimeBox): string {
  const minutes = (ms: number) => ms / 60_000;
  if (box.toMs % 3_600_000 === 0 && box.fromMs % 3_600_000 === 0 && box.toMs >= 3_600_000) {
    return `${box.fromMs / 3_600_000}–${box.toMs / 3_600_000} h`;
  }
  if (box.toMs % 60_000 === 0 && box.fromMs % 60_000 === 0) return `${minutes(box.fromMs)}–${minutes(box.toMs)} min`;
  return `${Math.round(box.fromMs / 1000)}–${Math.round(box.toMs / 1000)} s`;
}
