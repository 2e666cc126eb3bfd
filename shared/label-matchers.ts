import type { LabelSet } from './domain.ts';

// Alertmanager-syntax label matchers (`team="platform"`, `severity=~"critical|warning"`,
// `env!="dev"`, `job!~"test-.*"`), applied locally. Alertmanager applies a source's `filter` on the
// server; Prometheus has no such filter, so the same matchers are applied here to what Prometheus
// reports (pending alerts), and `dashboards:` links use them to pick the incidents they fit.

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Anchored like Prometheus: the whole value must match. Null for = and !=. */
  regex: RegExp | null;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;
const MAX_MATCHER_LENGTH = 1024;

function unquote(raw: string): string {
  if (!raw.startsWith('"')) {
    if (raw.includes('"')) throw new Error('a value with " must be quoted');
    return raw;
  }
  if (raw.length < 2 || !raw.endsWith('"')) throw new Error('unterminated quoted value');
  const inner = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner[i]!;
    if (c === '"') throw new Error('unescaped " inside a quoted value');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = inner[i + 1];
    if (next === undefined) throw new Error('a quoted value ends with a lone \\');
    out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    i += 1;
  }
  return out;
}

/** Parse one matcher; throws an Error saying what is wrong with it. */
export function parseMatcher(text: string): LabelMatcher {
  if (text.length > MAX_MATCHER_LENGTH) throw new Error(`matcher longer than ${MAX_MATCHER_LENGTH} characters`);
  // amtool and the newer parser accept a matcher wrapped in braces: {team="platform"}.
  const bare = text.trim().replace(/^\{(.*)\}$/s, '$1');
  const match = MATCHER.exec(bare);
  if (!match) throw new Error(`"${text}" is not a matcher like name="value", name!="value", name=~"regex" or name!~"regex"`);
  const [, name, op, rawValue] = match as unknown as [string, string, MatchOp, string];
  const value = unquote(rawValue);
  let regex: RegExp | null = null;
  if (op === '=~' || op === '!~') {
    try {
      regex = new RegExp(`^(?:${value})$`);
    } catch (error) {
      throw new Error(`"${text}": invalid regular expression: ${(error as Error).message}`, { cause: error });
    }
  }
  return { name, op, value, regex };
}

/** Parse a list of matchers, or say which one is wrong. */
export function parseMatchers(texts: readonly string[]): { ok: true; matchers: LabelMatcher[] } | { ok: false; error: string } {
  const matchers: LabelMatcher[] = [];
  for (const text of texts) {
    try {
      matchers.push(parseMatcher(text));
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
  return { ok: true, matchers };
}

/** A label's value, '' when absent (Prometheus semantics); never a prototype property. */
export function labelValue(labels: LabelSet, name: string): string {
  return Object.hasOwn(labels, name) ? (labels[name] ?? '') : '';
}

export function matchesLabel(labels: LabelSet, matcher: LabelMatcher): boolean {
  const value = labelValue(labels, matcher.name);
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return matcher.regex!.test(value);
    case '!~':
      return !matcher.regex!.test(value);
  }
}

/** True when every matcher matches (an empty list matches everything). */
export function matchesAll(labels: LabelSet, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => matchesLabel(labels, m));
}
