// What changed between two evaluations, by incident key: the alert diff the alarm machine acts on.
export interface IncidentDiff {
  appeared: string[];
  continuing: string[];
  resolved: string[];
}

export function diffIncidentKeys(previous: Iterable<string>, current: Iterable<string>): IncidentDiff {
  const before = new Set(previous);
  const now = new Set(current);
  const appeared: string[] = [];
  const continuing: string[] = [];
  for (const key of now) (before.has(key) ? continuing : appeared).push(key);
  const resolved = [...before].filter((key) => !now.has(key));
  return { appeared, continuing, resolved };
}
