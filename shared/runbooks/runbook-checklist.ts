import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { stableHash } from '../incidents/stable-hash.ts';
import { plainText, type RunbookChecklist, type RunbookInline, type RunbookNote, type RunbookPhase, type RunbookStep, type RunbookTimeBox } from './runbook-model.ts';

// Markdown runbook -> checklist. The Markdown is parsed by micromark with GFM into an mdast tree
// (never by regular expressions over the text); this module walks the tree:
//   headings                      -> phases ("Immediate Response (0-5 minutes)" has a time box)
//   ordered-list and task items   -> steps that can be checked
//   code blocks                   -> commands (copied, never run)
//   everything else               -> notes, as text: raw HTML stays literal text, images become
//                                    their alt text (nothing is fetched), links keep their URL as data.
// Runbooks are untrusted, so the output is bounded whatever the input: a 2 MB file or a list nested
// a thousand deep gives a checklist of bounded size, marked truncated.

/**
 * Only this much of a runbook is parsed. micromark's cost grows faster than linearly with
 * document size (lists especially), and a runbook is read in the first minutes of an incident:
 * 64 KiB is about 30 printed pages.
 */
export const MAX_PARSE_CHARS = 64 * 1024;
const MAX_PHASES = 100;
const MAX_STEPS = 500;
const MAX_NOTES = 50;
const MAX_COMMANDS = 20;
const MAX_LINE_CHARS = 2000;
const MAX_PARTS = 100;
const MAX_TITLE_CHARS = 300;
const MAX_COMMAND_CHARS = 8000;
/** Lists and quotes nested deeper than this are left out (and the checklist marked truncated). */
export const MAX_NESTING = 16;
/** Total characters of text in one checklist, so many small pieces cannot add up to megabytes. */
const MAX_TOTAL_CHARS = 512 * 1024;

export const MARKDOWN_OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/** The start of a long runbook that is parsed, cut at a line end. */
export function cutForParsing(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_PARSE_CHARS) return { text, truncated: false };
  const lineEnd = text.lastIndexOf('\n', MAX_PARSE_CHARS);
  return { text: text.slice(0, lineEnd > 0 ? lineEnd + 1 : MAX_PARSE_CHARS), truncated: true };
}

/** Parse in this thread (tests, benchmarks). The core parses in a worker with a time limit instead. */
export function parseRunbookMarkdown(markdown: string): RunbookChecklist {
  const cut = cutForParsing(markdown);
  return runbookFromTree(fromMarkdown(cut.text, MARKDOWN_OPTIONS), { truncated: cut.truncated });
}

const UNIT_MS = new Map<string, number>([
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((u) => [u, 1000] as const),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u) => [u, 60_000] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u) => [u, 3_600_000] as const),
]);
// "0-5 minutes", "5–15 min", "15-30m", "1h-2h": a range, then its unit. Headings are short and
// cut to MAX_TITLE_CHARS before this runs, and the pattern has no nested quantifiers.
const TIME_BOX = /(?:^|[^\w.])(\d{1,4})\s*([a-z]*)\s*[-–—]\s*(\d{1,4})\s*([a-z]+)\b/i;

/** The time box written in a phase heading, as offsets from the incident's start; null if none. */
export function parseTimeBox(heading: string): RunbookTimeBox | null {
  const match = TIME_BOX.exec(heading.slice(0, MAX_TITLE_CHARS));
  if (!match) return null;
  const [, from, fromUnit, to, toUnit] = match;
  const unit = UNIT_MS.get((toUnit ?? '').toLowerCase());
  const firstUnit = fromUnit ? UNIT_MS.get(fromUnit.toLowerCase()) : unit;
  if (unit === undefined || firstUnit === undefined) return null;
  const fromMs = Number(from) * firstUnit;
  const toMs = Number(to) * unit;
  return toMs > fromMs ? { fromMs, toMs } : null;
}

interface Budget {
  chars: number;
  steps: number;
  truncated: boolean;
}

function clip(text: string, max: number, budget: Budget): string {
  const allowed = Math.min(max, budget.chars);
  if (text.length <= allowed) {
    budget.chars -= text.length;
    return text;
  }
  budget.truncated = true;
  budget.chars -= allowed;
  return `${text.slice(0, Math.max(0, allowed - 1))}…`;
}

/** Link definitions ([id]: url) by identifier: a Map, since identifiers are the document's own strings. */
function collectDefinitions(root: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const node of root.children) {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
  }
  return definitions;
}

/** Inline content as bounded parts; nothing is ever turned back into markup. */
function inlineParts(nodes: readonly Nodes[], definitions: ReadonlyMap<string, string>, budget: Budget): RunbookInline[] {
  const parts: RunbookInline[] = [];
  let chars = 0;
  const push = (part: RunbookInline) => {
    if (part.text === '' || parts.length >= MAX_PARTS || chars >= MAX_LINE_CHARS) {
      if (part.text !== '') budget.truncated = true;
      return;
    }
    const text = clip(part.text, MAX_LINE_CHARS - chars, budget);
    chars += text.length;
    const last = parts[parts.length - 1];
    // Neighbouring plain pieces with the same looks are one piece.
    if (last && last.url === undefined && part.url === undefined && last.code === part.code && last.strong === part.strong) last.text += text;
    else parts.push({ ...part, text });
  };
  const walk = (node: Nodes, strong: boolean, depth: number) => {
    if (depth > MAX_NESTING) {
      budget.truncated = true;
      return;
    }
    const looks = strong ? { strong: true as const } : {};
    switch (node.type) {
      case 'text':
        push({ text: node.value, ...looks });
        return;
      case 'inlineCode':
        push({ text: node.value, code: true });
        return;
      // Raw HTML is shown as the literal text it is, never interpreted.
      case 'html':
        push({ text: node.value, ...looks });
        return;
      case 'break':
        push({ text: ' ', ...looks });
        return;
      // Images are never fetched: their alt text stands in.
      case 'image':
      case 'imageReference':
        push({ text: node.alt ? `[image: ${node.alt}]` : '[image]', ...looks });
        return;
      case 'footnoteReference':
        push({ text: `[^${node.label ?? node.identifier}]`, ...looks });
        return;
      case 'link':
      case 'linkReference': {
        const url = node.type === 'link' ? node.url : definitions.get(node.identifier);
        const text = plainText(inlineParts(node.children, definitions, budget)) || url || '';
        push(url === undefined ? { text, ...looks } : { text, url, ...looks });
        return;
      }
      case 'strong':
        for (const child of node.children) walk(child, true, depth + 1);
        return;
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) walk(child, strong, depth + 1);
        else if ('value' in node && typeof node.value === 'string') push({ text: node.value, ...looks });
    }
  };
  for (const node of nodes) walk(node, false, 0);
  return parts;
}

interface Container {
  notes: RunbookNote[];
  commands: string[];
}

class ChecklistBuilder {
  readonly phases: RunbookPhase[] = [];
  title: string | null = null;
  readonly budget: Budget;
  private readonly definitions: ReadonlyMap<string, string>;

  constructor(definitions: ReadonlyMap<string, string>, truncated: boolean) {
    this.definitions = definitions;
    this.budget = { chars: MAX_TOTAL_CHARS, steps: MAX_STEPS, truncated };
  }

  get phase(): RunbookPhase {
    let phase = this.phases[this.phases.length - 1];
    if (!phase) {
      phase = { id: 'p0', title: '', timeBox: null, steps: [], notes: [], commands: [] };
      this.phases.push(phase);
    }
    return phase;
  }

  startPhase(title: string): boolean {
    if (this.phases.length >= MAX_PHASES) {
      this.budget.truncated = true;
      return false;
    }
    // An empty untitled lead-in (nothing before the first heading) is not a phase.
    const lead = this.phases[0];
    if (this.phases.length === 1 && lead && lead.title === '' && isEmptyPhase(lead)) this.phases.pop();
    this.phases.push({ id: `p${this.phases.length}`, title, timeBox: parseTimeBox(title), steps: [], notes: [], commands: [] });
    return true;
  }

  inline(nodes: readonly Nodes[]): RunbookInline[] {
    return inlineParts(nodes, this.definitions, this.budget);
  }

  note(into: Container, parts: RunbookInline[], bullet: boolean): void {
    if (parts.length === 0) return;
    if (into.notes.length >= MAX_NOTES) {
      this.budget.truncated = true;
      return;
    }
    into.notes.push({ parts, bullet });
  }

  command(into: Container, code: string): void {
    if (into.commands.length >= MAX_COMMANDS) {
      this.budget.truncated = true;
      return;
    }
    const text = clip(code, MAX_COMMAND_CHARS, this.budget);
    if (text !== '') into.commands.push(text);
  }

  /** Block content inside a phase, or inside a step when `step` is given. */
  block(node: RootContent, step: RunbookStep | null, depth: number): void {
    if (depth > MAX_NESTING) {
      this.budget.truncated = true;
      return;
    }
    const into: Container = step ?? this.phase;
    switch (node.type) {
      case 'paragraph':
        this.note(into, this.inline(node.children), false);
        return;
      case 'code':
        this.command(into, node.value);
        return;
      case 'html':
        this.note(into, this.inline([node]), false);
        return;
      case 'blockquote':
        for (const child of node.children) this.block(child, step, depth + 1);
        return;
      case 'table':
        // Each row is a line of text, its cells apart by " | ".
        for (const row of node.children) this.note(into, row.children.flatMap((cell, i) => [...(i > 0 ? [{ text: ' | ' }] : []), ...this.inline(cell.children)]), false);
        return;
      case 'list':
        node.children.forEach((item, index) => {
          const task = typeof item.checked === 'boolean';
          // The runbook's own numbering ("4." where a phase continues the previous one's list).
          const number = node.ordered && !task ? (node.start ?? 1) + index : null;
          if (node.ordered || task) this.step(item, task ? 'task' : 'step', number, step ? step.depth + 1 : 0, depth + 1);
          else this.bullet(item, step, depth + 1);
        });
        return;
      case 'heading':
        // A heading inside a list item or quote: text, not a new phase.
        this.note(into, this.inline(node.children), false);
        return;
      default:
        // thematicBreak, definition, footnoteDefinition, yaml: nothing to show.
        return;
    }
  }

  private bullet(item: Extract<RootContent, { type: 'listItem' }>, step: RunbookStep | null, depth: number): void {
    const into: Container = step ?? this.phase;
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph') this.note(into, this.inline(first.children), true);
    else if (first) this.block(first, step, depth);
    for (const child of rest) this.block(child, step, depth);
  }

  private step(item: Extract<RootContent, { type: 'listItem' }>, kind: RunbookStep['kind'], number: number | null, stepDepth: number, depth: number): void {
    if (this.budget.steps <= 0 || depth > MAX_NESTING) {
      this.budget.truncated = true;
      return;
    }
    this.budget.steps -= 1;
    const phase = this.phase;
    const [first, ...rest] = item.children;
    const parts = first?.type === 'paragraph' ? this.inline(first.children) : [];
    const text = plainText(parts);
    const index = phase.steps.length;
    const step: RunbookStep = { id: '', kind, number, depth: stepDepth, text, parts, notes: [], commands: [] };
    // Pushed before its content, so nested steps follow their parent in reading order.
    phase.steps.push(step);
    for (const child of first?.type === 'paragraph' ? rest : item.children) this.block(child, step, depth);
    // A step that is only a code block is known by its command.
    step.id = `${phase.id}.s${index}.${stableHash(`${kind}\n${text}\n${text === '' ? step.commands.join('\n') : ''}`).slice(0, 8)}`;
  }
}

function isEmptyPhase(phase: RunbookPhase): boolean {
  return phase.steps.length === 0 && phase.notes.length === 0 && phase.commands.length === 0;
}

/** Turn a parsed mdast tree (micromark + GFM) into the checklist. */
export function runbookFromTree(root: Root, options: { truncated?: boolean } = {}): RunbookChecklist {
  const builder = new ChecklistBuilder(collectDefinitions(root), options.truncated ?? false);
  const headings = root.children.filter((node) => node.type === 'heading');
  const first = headings[0];
  // A runbook's one level-1 heading, when it opens the document, is its title, not a phase.
  const titleHeading = first && first.depth === 1 && headings.filter((h) => h.depth === 1).length === 1 ? first : null;
  for (const node of root.children) {
    if (node === titleHeading) {
      builder.title = clip(plainText(builder.inline(node.children)), MAX_TITLE_CHARS, builder.budget);
    } else if (node.type === 'heading') {
      if (!builder.startPhase(clip(plainText(builder.inline(node.children)), MAX_TITLE_CHARS, builder.budget))) break;
    } else {
      builder.block(node, null, 0);
    }
  }
  // A heading with nothing under it groups the headings that follow; it is not a phase of its own.
  const phases = builder.phases.filter((phase) => phase.timeBox !== null || !isEmptyPhase(phase));
  return { title: builder.title, phases, truncated: builder.budget.truncated };
}
