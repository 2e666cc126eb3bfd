// A configuration problem the user must fix, with every issue found (not just the first) and,
// where the input was a file, the line and column to look at.

export interface ConfigIssue {
  /** File path or a description of the input ("settings overlay", "amtool config"). */
  source: string;
  line: number | null;
  column: number | null;
  /** Dotted field path, e.g. "sources.0.urls.1"; empty for the document itself. */
  path: string;
  message: string;
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line === null ? issue.source : `${issue.source}:${issue.line}:${issue.column ?? 1}`;
  return `${where}: ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  readonly source: string;

  constructor(source: string, issues: ConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`invalid Vigil configuration in ${source} (${count}):\n${issues.map((issue) => `  - ${formatConfigIssue(issue)}`).join('\n')}`);
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
  }
}
