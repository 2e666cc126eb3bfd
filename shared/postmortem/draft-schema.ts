import { z } from 'zod';

// A post-mortem draft's revision log (core/postmortem/draft-store.ts), read back from disk after
// crashes: every line is checked against this schema before it is trusted. A revision is either
// the whole text (created, restored, imported) or one splice on the revision before it (an edit).

/** The longest draft Vigil keeps (characters); far beyond any post-mortem, well under a request's size cap. */
export const MAX_DRAFT_LENGTH = 400_000;

const common = {
  v: z.literal(1),
  rev: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  by: z.string().max(256).optional(),
  /** The text's length after this revision: a splice that does not produce it is not trusted. */
  length: z.number().int().nonnegative().max(MAX_DRAFT_LENGTH),
};

export const draftRevisionLineSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('created'), occurrenceId: z.string().min(1).max(600), incidentKey: z.string().min(1).max(512), text: z.string().max(MAX_DRAFT_LENGTH) }).strict(),
  z.object({ ...common, kind: z.literal('edit'), start: z.number().int().nonnegative(), deleted: z.number().int().nonnegative(), insert: z.string().max(MAX_DRAFT_LENGTH) }).strict(),
  z.object({ ...common, kind: z.literal('restore'), from: z.number().int().positive(), text: z.string().max(MAX_DRAFT_LENGTH) }).strict(),
  /** The Markdown file was changed outside Vigil (an editor of the user's choice): its text became a revision. */
  z.object({ ...common, kind: z.literal('external'), text: z.string().max(MAX_DRAFT_LENGTH) }).strict(),
]);
export type DraftRevisionLine = z.infer<typeof draftRevisionLineSchema>;
export type DraftRevisionKind = DraftRevisionLine['kind'];

/** The smallest single splice turning `before` into `after` (common prefix and suffix kept). */
export function spliceBetween(before: string, after: string): { start: number; deleted: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end += 1;
  return { start, deleted: before.length - start - end, insert: after.slice(start, after.length - end) };
}

export function applySplice(text: string, splice: { start: number; deleted: number; insert: string }): string | null {
  if (splice.start + splice.deleted > text.length) return null;
  return text.slice(0, splice.start) + splice.insert + text.slice(splice.start + splice.deleted);
}

/** A draft as the core hands it to a renderer. */
export interface PostMortemDraftView {
  occurrenceId: string;
  incidentKey: string;
  text: string;
  rev: number;
  createdAt: number;
  savedAt: number;
  /** The plain Markdown file on disk (postmortem.md in the data directory). */
  file: string;
}

export interface DraftRevisionInfo {
  rev: number;
  at: number;
  kind: DraftRevisionKind;
  by: string | null;
  length: number;
}
