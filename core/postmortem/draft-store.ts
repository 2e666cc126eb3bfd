import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import { applySplice, draftRevisionLineSchema, MAX_DRAFT_LENGTH, spliceBetween, type DraftRevisionInfo, type DraftRevisionLine, type PostMortemDraftView } from '../../shared/postmortem/draft-schema.ts';
import { fsyncDirectory, fsyncPath, writeAllSync } from '../journal/fs-durable.ts';
import { writeTextFileAtomic } from './atomic-text-file.ts';

// Post-mortem drafts, one folder per occurrence under <data dir>/postmortems/:
//   revisions.jsonl  every revision, appended and fsync'ed before a save returns (the truth: a
//                    kill -9 or power cut loses nothing that was acknowledged as saved), and the
//                    version history a user can restore from;
//   postmortem.md    the current text as plain Markdown, replaced atomically on every save, so the
//                    draft is never locked inside Vigil. If it was changed outside Vigil, that text
//                    is taken in as a new revision on the next open.
// Saves are synchronous: two saves never interleave within the process.

export const DRAFT_LOG_NAME = 'revisions.jsonl';
export const DRAFT_MARKDOWN_NAME = 'postmortem.md';

export type DraftView = PostMortemDraftView;

export interface DraftStore {
  readonly dir: string;
  get(occurrenceId: string): DraftView | null;
  has(occurrenceId: string): boolean;
  /** Throws when a draft exists already (a second "Write post-mortem" must never overwrite one). */
  create(meta: { occurrenceId: string; incidentKey: string }, text: string, by?: string): DraftView;
  /** Appends an edit; the same text again appends nothing. Throws (keeping nothing half-done) when the disk refuses. */
  save(occurrenceId: string, text: string, by?: string): DraftView;
  revisions(occurrenceId: string): DraftRevisionInfo[];
  revisionText(occurrenceId: string, rev: number): string | null;
  restore(occurrenceId: string, rev: number, by?: string): DraftView;
}

export interface DraftStoreOptions {
  clock?: Pick<Clock, 'now'>;
  /** Test seam for a full disk: called before every write, may throw the way the kernel would. */
  beforeWrite?(path: string): void;
}

interface Loaded {
  dir: string;
  occurrenceId: string;
  incidentKey: string;
  createdAt: number;
  lines: DraftRevisionLine[];
  /** The text after each revision (index = rev - 1), rebuilt on load. */
  texts: string[];
  /** postmortem.md lags the log (its last write failed): rewrite it on the next save. */
  markdownStale: boolean;
}

/** A folder name for an occurrence id: readable, safe on every file system, unique by its hash. */
export function draftFolderName(occurrenceId: string): string {
  const readable = occurrenceId.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[.]+/, '_').slice(0, 100);
  return `${readable}-${createHash('sha256').update(occurrenceId).digest('hex').slice(0, 10)}`;
}

export function openDraftStore(dir: string, options: DraftStoreOptions = {}): DraftStore {
  const clock = options.clock ?? { now: () => Date.now() };
  const beforeWrite = options.beforeWrite ?? (() => undefined);
  const cache = new Map<string, Loaded>();

  const folderOf = (occurrenceId: string) => join(dir, draftFolderName(occurrenceId));

  const appendLine = (draft: Loaded, line: DraftRevisionLine, text: string) => {
    const path = join(draft.dir, DRAFT_LOG_NAME);
    const created = !existsSync(path);
    mkdirSync(draft.dir, { recursive: true });
    beforeWrite(path);
    const fd = openSync(path, 'a');
    const sizeBefore = fstatSync(fd).size;
    try {
      writeAllSync(fd, Buffer.from(`${JSON.stringify(line)}\n`, 'utf8'));
      fsyncSync(fd);
    } catch (error) {
      // A full disk can take part of a line: cut it off, or the next append would be glued to it.
      try {
        ftruncateSync(fd, sizeBefore);
      } catch {
        // replay cuts a torn tail too
      }
      throw error;
    } finally {
      closeSync(fd);
    }
    if (created) {
      fsyncDirectory(draft.dir);
      fsyncDirectory(dir);
    }
    draft.lines.push(line);
    draft.texts.push(text);
    writeMarkdown(draft);
  };

  const writeMarkdown = (draft: Loaded) => {
    const path = join(draft.dir, DRAFT_MARKDOWN_NAME);
    draft.markdownStale = true;
    beforeWrite(path);
    writeTextFileAtomic(path, draft.texts.at(-1) ?? '');
    draft.markdownStale = false;
  };

  const view = (draft: Loaded): DraftView => ({
    occurrenceId: draft.occurrenceId,
    incidentKey: draft.incidentKey,
    text: draft.texts.at(-1) ?? '',
    rev: draft.lines.length,
    createdAt: draft.createdAt,
    savedAt: draft.lines.at(-1)?.at ?? draft.createdAt,
    file: join(draft.dir, DRAFT_MARKDOWN_NAME),
  });

  const load = (occurrenceId: string): Loaded | null => {
    const cached = cache.get(occurrenceId);
    if (cached) return cached;
    const folder = folderOf(occurrenceId);
    const logPath = join(folder, DRAFT_LOG_NAME);
    if (!existsSync(logPath)) return null;
    const draft = replay(folder, logPath, occurrenceId, clock.now());
    if (!draft) return null;
    cache.set(occurrenceId, draft);
    takeInMarkdownFile(draft);
    return draft;
  };

  /**
   * postmortem.md holds what the log's last revision says, unless a crash came between the two
   * writes (it holds the revision before: rewrite it) or someone edited it outside Vigil (keep
   * their text as a new revision: nothing is lost either way, the history has both).
   */
  const takeInMarkdownFile = (draft: Loaded) => {
    let onDisk: string | null;
    try {
      onDisk = readFileSync(join(draft.dir, DRAFT_MARKDOWN_NAME), 'utf8');
    } catch {
      onDisk = null;
    }
    const current = draft.texts.at(-1) ?? '';
    if (onDisk === current) return;
    try {
      if (onDisk === null || onDisk === draft.texts.at(-2) || onDisk.length > MAX_DRAFT_LENGTH) writeMarkdown(draft);
      else appendLine(draft, { v: 1, rev: draft.lines.length + 1, at: clock.now(), kind: 'external', text: onDisk, length: onDisk.length }, onDisk);
    } catch {
      draft.markdownStale = true; // the disk refuses now; the next save tries again
    }
  };

  const mustLoad = (occurrenceId: string): Loaded => {
    const draft = load(occurrenceId);
    if (!draft) throw new Error('no post-mortem draft for this occurrence yet');
    return draft;
  };

  const withBy = (by: string | undefined) => (by ? { by } : {});

  return {
    dir,
    get: (occurrenceId) => {
      const draft = load(occurrenceId);
      return draft ? view(draft) : null;
    },
    has: (occurrenceId) => load(occurrenceId) !== null,
    create(meta, text, by) {
      if (load(meta.occurrenceId)) throw new Error('a post-mortem draft exists for this occurrence already');
      const at = clock.now();
      const draft: Loaded = { dir: folderOf(meta.occurrenceId), occurrenceId: meta.occurrenceId, incidentKey: meta.incidentKey, createdAt: at, lines: [], texts: [], markdownStale: false };
      appendLine(draft, { v: 1, rev: 1, at, kind: 'created', occurrenceId: meta.occurrenceId, incidentKey: meta.incidentKey, text, length: text.length, ...withBy(by) }, text);
      cache.set(meta.occurrenceId, draft);
      return view(draft);
    },
    save(occurrenceId, text, by) {
      const draft = mustLoad(occurrenceId);
      const current = draft.texts.at(-1) ?? '';
      if (text === current) {
        if (draft.markdownStale) writeMarkdown(draft);
        return view(draft);
      }
      const splice = spliceBetween(current, text);
      appendLine(draft, { v: 1, rev: draft.lines.length + 1, at: clock.now(), kind: 'edit', ...splice, length: text.length, ...withBy(by) }, text);
      return view(draft);
    },
    revisions(occurrenceId) {
      const draft = load(occurrenceId);
      return draft ? draft.lines.map((l) => ({ rev: l.rev, at: l.at, kind: l.kind, by: l.by ?? null, length: l.length })) : [];
    },
    revisionText(occurrenceId, rev) {
      return load(occurrenceId)?.texts[rev - 1] ?? null;
    },
    restore(occurrenceId, rev, by) {
      const draft = mustLoad(occurrenceId);
      const text = draft.texts[rev - 1];
      if (text === undefined) throw new Error(`no revision ${rev}`);
      appendLine(draft, { v: 1, rev: draft.lines.length + 1, at: clock.now(), kind: 'restore', from: rev, text, length: text.length, ...withBy(by) }, text);
      return view(draft);
    },
  };
}

/**
 * Rebuilds a draft from its log. A torn last line (a crash mid-append) is copied aside and cut off;
 * so is anything after a line that is not a valid next revision, so the log always replays to
 * exactly the texts that were acknowledged as saved.
 */
function replay(folder: string, logPath: string, occurrenceId: string, now: number): Loaded | null {
  const bytes = readFileSync(logPath);
  const lines: DraftRevisionLine[] = [];
  const texts: string[] = [];
  let goodEnd = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const newline = bytes.indexOf(0x0a, offset);
    if (newline === -1) break;
    const line = parseLine(bytes.subarray(offset, newline).toString('utf8'));
    const text = line ? nextText(line, lines.length + 1, texts.at(-1)) : null;
    if (line === null || text === null || (line.kind === 'created' && line.occurrenceId !== occurrenceId)) break;
    lines.push(line);
    texts.push(text);
    offset = newline + 1;
    goodEnd = offset;
  }
  if (goodEnd < bytes.length) {
    let aside = `${logPath}.corrupt-${now}`;
    for (let n = 1; existsSync(aside); n += 1) aside = `${logPath}.corrupt-${now}-${n}`;
    writeFileSync(aside, bytes.subarray(goodEnd), { flag: 'wx' });
    fsyncPath(aside);
    truncateSync(logPath, goodEnd);
    fsyncPath(logPath);
  }
  const first = lines[0];
  if (!first || first.kind !== 'created') return null;
  return { dir: folder, occurrenceId, incidentKey: first.incidentKey, createdAt: first.at, lines, texts, markdownStale: false };
}

function parseLine(text: string): DraftRevisionLine | null {
  try {
    const parsed = draftRevisionLineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function nextText(line: DraftRevisionLine, expectedRev: number, previous: string | undefined): string | null {
  if (line.rev !== expectedRev || (line.kind === 'created') !== (expectedRev === 1)) return null;
  const text = line.kind === 'edit' ? (previous === undefined ? null : applySplice(previous, line)) : line.text;
  return text !== null && text.length === line.length ? text : null;
}
