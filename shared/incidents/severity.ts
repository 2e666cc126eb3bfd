// The one severity vocabulary: the severities the seed documents use, most urgent first
// (critical/high/warning/medium/low/info/none). The renderer, the tray and the engine rank with it.
export const SEVERITY_ORDER: readonly string[] = ['critical', 'high', 'warning', 'medium', 'low', 'info', 'none'];

const RANK = new Map(SEVERITY_ORDER.map((severity, index) => [severity, index]));
/** Where a severity outside the vocabulary (configured by the team under `policy:`) ranks: just after warning. */
const UNLISTED_RANK = SEVERITY_ORDER.indexOf('warning') + 0.5;

/** Lower is more urgent. A Map, not an object: severities come from alert labels. */
export function severityRank(severity: string): number {
  return RANK.get(severity.toLowerCase()) ?? UNLISTED_RANK;
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
