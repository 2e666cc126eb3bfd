// Severities seen in the seed documents (critical/high/warning/medium/low/info/none), most urgent first.
const ORDER = ['critical', 'high', 'warning', 'medium', 'low', 'info', 'none'];

export function severityRank(severity: string): number {
  const index = ORDER.indexOf(severity.toLowerCase());
  return index === -1 ? ORDER.indexOf('warning') + 0.5 : index;
}

/** The most urgent of several severities (an incident is as severe as its worst alert). */
export function worstSeverity(severities: Iterable<string>, fallback: string): string {
  let worst: string | null = null;
  for (const s of severities) {
    if (worst === null || severityRank(s) < severityRank(worst)) worst = s;
  }
  return worst ?? fallback;
}
