// The one severity vocabulary: the severities the seed documents use, most urgent first
// (critical/high/warning/medium/low/info/none). The engine (an incident is as severe as its worst
// alert), the window's ordering and colours, and the tray all rank with it.

/** Rank by severity; a Map, not an object: severities come from alert labels. */
const RANK: ReadonlyMap<string, number> = new Map([
  ['critical', 0],
  ['high', 1],
  ['warning', 2],
  ['medium', 2],
  ['low', 3],
  ['info', 3],
  ['none', 5],
]);
/** A severity outside the vocabulary (one the team configured under `policy:`): after info, before none. */
const UNLISTED_RANK = 4;

export const SEVERITY_ORDER: readonly string[] = [...RANK.keys()];

/** Lower is more urgent. */
export function severityRank(severity: string): number {
  return RANK.get(severity.toLowerCase()) ?? UNLISTED_RANK;
}

/** The colour family of a severity: critical red, warning amber, info blue, other grey. */
export function severityTone(severity: string): 'critical' | 'warning' | 'info' | 'other' {
  const rank = severityRank(severity);
  if (rank <= 1) return 'critical';
  if (rank === 2) return 'warning';
  if (rank === 3) return 'info';
  return 'other';
}

/** The most urgent of several severities (an incident is as severe as its worst alert). */
export function worstSeverity(severities: Iterable<string>, fallback: string): string {
  let worst: string | null = null;
  for (const s of severities) {
    if (worst === null || severityRank(s) < severityRank(worst)) worst = s;
  }
  return worst ?? fallback;
}

/** The severities an alert may carry as-is: the vocabulary plus those the config gives a policy. */
export function knownSeverities(configuredPolicies: Iterable<string>): ReadonlySet<string> {
  return new Set([...SEVERITY_ORDER, ...configuredPolicies]);
}
