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

/**
 * The one empty list every alert with no silence, inhibition or mute holds (most of them): at 10k
 * alerts, 20k arrays fewer for the collector to mark on every full collection. Frozen, because
 * thousands of alerts hold it: a change in place throws instead of reaching them all.
 */
const NO_IDS = Object.freeze([]) as unknown as string[];

type Receivers = AmAlert['receivers'];

export class StringPool {
  readonly #strings = new Map<string, string>();
  /** Receiver lists by their names (JSON of the names, so no two lists share a key). */
  readonly #receivers = new Map<string, Receivers>();

  /** The first string equal to `value` this pool saw. */
  get(value: string): string {
    const pooled = this.#strings.get(value);
    if (pooled !== undefined) return pooled;
    this.#strings.set(value, value);
    return value;
  }

  /**
   * The first receivers list with these names this pool saw: alerts routed alike (all of one
   * team's) share one list and its objects. Frozen, as NO_IDS.
   */
  receivers(list: Receivers): Receivers {
    const key = JSON.stringify(list.map((r) => r.name));
    const pooled = this.#receivers.get(key);
    if (pooled !== undefined) return pooled;
    const made = Object.freeze(list.map((r) => Object.freeze({ name: this.get(r.name) }))) as Receivers;
    this.#receivers.set(key, made);
    return made;
  }

  /** Distinct texts seen. */
  get size(): number {
    return this.#strings.size;
  }
}

function poolValues(record: Record<string, string>, pool: StringPool): void {
  for (const key of Object.keys(record)) record[key] = pool.get(record[key]!);
}

/** The list with the pool's texts, or the shared empty list. */
function poolList<T extends string[] | null | undefined>(list: T, pool: StringPool): T {
  if (!list) return list;
  if (list.length === 0) return NO_IDS as T;
  for (let i = 0; i < list.length; i++) list[i] = pool.get(list[i]!);
  return list;
}

/**
 * Replaces the alert's repeated texts, empty lists and receiver lists by the pool's shared ones, in
 * place. Only for an alert object this read just made (JSON.parse's, held by nobody else). Its
 * fingerprint is unique: left alone.
 */
export function poolAlertStrings(alert: AmAlert, pool: StringPool): void {
  poolValues(alert.labels, pool);
  poolValues(alert.annotations, pool);
  if (alert.startsAt !== null) alert.startsAt = pool.get(alert.startsAt);
  if (alert.endsAt !== undefined) alert.endsAt = pool.get(alert.endsAt);
  if (alert.updatedAt !== undefined) alert.updatedAt = pool.get(alert.updatedAt);
  if (alert.generatorURL !== undefined) alert.generatorURL = pool.get(alert.generatorURL);
  alert.receivers = pool.receivers(alert.receivers);
  alert.status.silencedBy = poolList(alert.status.silencedBy, pool);
  alert.status.inhibitedBy = poolList(alert.status.inhibitedBy, pool);
  if (alert.status.mutedBy !== undefined) alert.status.mutedBy = poolList(alert.status.mutedBy, pool);
}
