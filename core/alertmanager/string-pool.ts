import type { AmAlert } from '../../shared/alertmanager-schemas.ts';

// Alertmanager repeats the same texts across thousands of alerts: label values (severity, cluster,
// service, alertname), annotations written once per rule (runbook links, static descriptions),
// receiver names, the times of alerts that fired together, silence ids. JSON.parse makes every
// occurrence its own string; an answer read with one pool keeps one copy of each. (Label names
// need none: V8 already keeps object keys as single internalized strings.)
//
// A pool lives for one answer's read and is then dropped, so it never grows beyond one answer's
// distinct texts and never keeps a text alive that no alert holds. A Map, so a text such as
// "__proto__" is a key like any other.

export class StringPool {
  readonly #strings = new Map<string, string>();

  /** The first string equal to `value` this pool saw. */
  get(value: string): string {
    const pooled = this.#strings.get(value);
    if (pooled !== undefined) return pooled;
    this.#strings.set(value, value);
    return value;
  }

  /** Distinct texts seen. */
  get size(): number {
    return this.#strings.size;
  }
}

function poolValues(record: Record<string, string>, pool: StringPool): void {
  for (const key of Object.keys(record)) record[key] = pool.get(record[key]!);
}

function poolList(list: string[] | null | undefined, pool: StringPool): void {
  if (list) for (let i = 0; i < list.length; i++) list[i] = pool.get(list[i]!);
}

/**
 * Replaces the alert's repeated texts by the pool's copies, in place. Only for an alert object
 * this read just made (JSON.parse's, held by nobody else). Its fingerprint is unique: left alone.
 */
export function poolAlertStrings(alert: AmAlert, pool: StringPool): void {
  poolValues(alert.labels, pool);
  poolValues(alert.annotations, pool);
  if (alert.startsAt !== null) alert.startsAt = pool.get(alert.startsAt);
  if (alert.endsAt !== undefined) alert.endsAt = pool.get(alert.endsAt);
  if (alert.updatedAt !== undefined) alert.updatedAt = pool.get(alert.updatedAt);
  if (alert.generatorURL !== undefined) alert.generatorURL = pool.get(alert.generatorURL);
  for (const receiver of alert.receivers) receiver.name = pool.get(receiver.name);
  poolList(alert.status.silencedBy, pool);
  poolList(alert.status.inhibitedBy, pool);
  poolList(alert.status.mutedBy, pool);
}
