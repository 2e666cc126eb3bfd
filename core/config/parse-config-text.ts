import { isAbsolute, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import type { VigilConfig } from '../../shared/config-schema.ts';
import { ConfigError } from './config-error.ts';
import { resolveRunbookPaths } from '../runbooks/runbook-paths.ts';
import type { ConfigIssue } from './config-error.ts';

// Parse and validate the text of a Vigil YAML config without touching the file system, so the
// settings UI and tests can check a config before it is saved. Every problem is reported with
// the line and column of the offending field.

export interface ParseConfigOptions {
  /** Resolve relative paths in the file (ca_file, rotation.file) against this directory. */
  baseDir?: string;
}

export function parseVigilConfigText(text: string, sourceName: string, options: ParseConfigOptions = {}): VigilConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      sourceName,
      doc.errors.map((error) => ({
        source: sourceName,
        line: error.linePos?.[0].line ?? null,
        column: error.linePos?.[0].col ?? null,
        path: '',
        // With prettyErrors the message repeats the position and a source excerpt; the first line is the reason.
        message: `YAML syntax: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code}`,
      })),
    );
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const parsed = vigilConfigSchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => locateIssue(issue, doc, lineCounter, sourceName));
  if (parsed.success) {
    parsed.data.sources.forEach((source, index) => {
      if (parsed.data.sources.findIndex((other) => other.id === source.id) !== index) {
        issues.push(locate(['sources', index, 'id'], `duplicate source id "${source.id}"`, doc, lineCounter, sourceName));
      }
    });
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(sourceName, issues);
  return options.baseDir === undefined ? parsed.data : resolveRelativePaths(parsed.data, options.baseDir);
}

/** Paths in a config are relative to the config file, not to wherever Vigil was started. */
export function resolveRelativePaths(config: VigilConfig, baseDir: string): VigilConfig {
  const fix = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    ...config,
    sources: config.sources.map((source) => {
      const fixed = source.ca_file === undefined ? source : { ...source, ca_file: fix(source.ca_file) };
      return fixed.prometheus?.ca_file === undefined ? fixed : { ...fixed, prometheus: { ...fixed.prometheus, ca_file: fix(fixed.prometheus.ca_file) } };
    }),
    rotation: config.rotation?.file === undefined ? config.rotation : { ...config.rotation, file: fix(config.rotation.file) },
    runbooks: config.runbooks === undefined ? undefined : resolveRunbookPaths(config.runbooks, fix),
  };
}

type PathKey = string | number;

function locateIssue(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter, sourceName: string): ConfigIssue {
  const path = issue.path.filter((key): key is PathKey => typeof key === 'string' || typeof key === 'number');
  if (issue.code === 'unrecognized_keys') {
    // Point at the unknown key itself, which is where a typo is.
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    const key = issue.keys[0];
    if (isMap(parent) && key !== undefined) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      const keyNode = pair?.key as YamlNode | undefined;
      if (keyNode?.range) {
        const pos = lineCounter.linePos(keyNode.range[0]);
        return { source: sourceName, line: pos.line, column: pos.col, path: [...path, key].join('.'), message: `unknown field "${key}"${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : ''}` };
      }
    }
  }
  const present = hasNode(doc, path);
  const message = !present && issue.code === 'invalid_type' ? `required field is missing (${issue.message})` : issue.message;
  return locate(path, message, doc, lineCounter, sourceName);
}

function hasNode(doc: Document, path: PathKey[]): boolean {
  return path.length === 0 ? doc.contents !== null : doc.hasIn(path);
}

/** The position of the deepest node along `path` that exists (a missing field points at its parent). */
function locate(path: PathKey[], message: string, doc: Document, lineCounter: LineCounter, sourceName: string): ConfigIssue {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as YamlNode | null | undefined)?.range;
    if (range) {
      const pos = lineCounter.linePos(range[0]);
      return { source: sourceName, line: pos.line, column: pos.col, path: path.join('.'), message };
    }
  }
  // Nothing to point at (an empty file): the top of the file is where the field belongs.
  return { source: sourceName, line: 1, column: 1, path: path.join('.'), message };
}
