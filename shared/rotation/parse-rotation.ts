import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { rotationFileSchema } from './rotation-schema.ts';
import type { Rotation } from './rotation-schema.ts';

// Turns the text of a rotation file into a validated Rotation, or into errors that name the
// file, line, column and field, because a rejected rotation is fixed by someone reading a
// warning banner, not a stack trace.

export interface RotationError {
  source: string;
  /** 1-based; null when the error has no position (e.g. the file is empty). */
  line: number | null;
  column: number | null;
  /** The field, e.g. rotations[0].layers[1].members[2]; empty for the whole file. */
  path: string;
  message: string;
}

export type ParseRotationResult = { ok: true; rotation: Rotation } | { ok: false; errors: RotationError[] };

/** Upper bound on a rotation file; a real one is a few kilobytes. */
export const MAX_ROTATION_BYTES = 1024 * 1024;

export function parseRotationText(text: string, sourceName: string): ParseRotationResult {
  if (text.length > MAX_ROTATION_BYTES) {
    return fail(sourceName, null, '', `the file is larger than ${MAX_ROTATION_BYTES} bytes`);
  }
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error rather than a silent "last one wins".
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return { source: sourceName, line: pos.line, column: pos.col, path: '', message: firstLine(error.message) };
      }),
    };
  }
  let data: unknown;
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"); exceeding it throws.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return fail(sourceName, null, '', (error as Error).message);
  }
  if (data === null || data === undefined) return fail(sourceName, null, '', 'the file is empty');
  const parsed = rotationFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, rotation: parsed.data };
  return { ok: false, errors: parsed.error.issues.flatMap((issue) => issueToErrors(issue, doc, lineCounter, sourceName)) };
}

export function formatRotationError(error: RotationError): string {
  const where = error.line === null ? error.source : `${error.source}:${error.line}:${error.column ?? 1}`;
  return error.path ? `${where}: ${error.path}: ${error.message}` : `${where}: ${error.message}`;
}

export function formatRotationErrors(errors: RotationError[]): string {
  const shown = errors.slice(0, 10).map(formatRotationError);
  if (errors.length > shown.length) shown.push(`... and ${errors.length - shown.length} more`);
  return shown.join('\n');
}

/** rotations[0].layers[1].members — the notation people use when they read YAML. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function issueToErrors(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter, source: string): RotationError[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    // Point at each unknown key itself, not at the map that holds it.
    return issue.keys.map((key) => {
      const offset = keyOffset(doc, path, key) ?? nodeOffset(doc, path);
      const pos = offset === null ? null : lineCounter.linePos(offset);
      return { source, line: pos?.line ?? null, column: pos?.col ?? null, path: formatPath([...path, key]), message: `unknown field "${key}"` };
    });
  }
  const offset = nodeOffset(doc, path);
  const pos = offset === null ? null : lineCounter.linePos(offset);
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const message = missing ? `missing required field (${issue.message})` : issue.message;
  return [{ source, line: pos?.line ?? null, column: pos?.col ?? null, path: formatPath(path), message }];
}

/** Start offset of the deepest node that exists along the path (a missing field points at its parent). */
function nodeOffset(doc: Document, path: Array<string | number>): number | null {
  for (let length = path.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return null;
}

function keyOffset(doc: Document, path: Array<string | number>, key: string): number | null {
  const parent: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(parent)) return null;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return item.key.range[0];
  }
  return null;
}

function fail(source: string, line: number | null, path: string, message: string): ParseRotationResult {
  return { ok: false, errors: [{ source, line, column: null, path, message }] };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
