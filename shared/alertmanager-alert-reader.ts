import { alertTimeSchema, amAlertSchema, type AmAlert } from './alertmanager-schemas.ts';

// The hot path of every poll: reading up to tens of thousands of alerts. `amAlertSchema` (zod) is
// the specification; this reader gives the same output for every item the schema accepts, in one
// pass with no intermediate copies, at a fraction of the cost (docs/benchmarks.md). An item it
// does not accept is handed to the schema, so what is refused, and why, stays zod's decision.
// Equivalence is a property test (alertmanager-alert-reader.test.ts).

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A label set: every own value a string. Returned as is (JSON.parse made it; nobody else holds it). */
function stringRecord(value: unknown): Record<string, string> | null {
  if (!isObject(value)) return null;
  for (const key in value) if (Object.hasOwn(value, key) && typeof value[key] !== 'string') return null;
  return value as Record<string, string>;
}

function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  for (const item of value) if (typeof item !== 'string') return null;
  return value as string[];
}

const STATES = new Set(['active', 'suppressed', 'unprocessed']);

function fastRead(raw: unknown): AmAlert | null {
  if (!isObject(raw)) return null;
  const { fingerprint, status } = raw;
  if (typeof fingerprint !== 'string' || fingerprint.length === 0) return null;
  const labels = stringRecord(raw.labels);
  if (!labels) return null;
  const annotations = raw.annotations === undefined ? {} : stringRecord(raw.annotations);
  if (!annotations) return null;
  for (const key of ['endsAt', 'updatedAt', 'generatorURL'] as const) if (raw[key] !== undefined && typeof raw[key] !== 'string') return null;
  let receivers: Array<{ name: string }> = [];
  if (raw.receivers !== undefined) {
    if (!Array.isArray(raw.receivers)) return null;
    receivers = [];
    for (const r of raw.receivers as unknown[]) {
      if (!isObject(r) || typeof r.name !== 'string') return null;
      receivers.push({ name: r.name });
    }
  }
  if (!isObject(status) || typeof status.state !== 'string' || !STATES.has(status.state)) return null;
  const silencedBy = status.silencedBy === undefined || status.silencedBy === null ? [] : stringList(status.silencedBy);
  const inhibitedBy = status.inhibitedBy === undefined || status.inhibitedBy === null ? [] : stringList(status.inhibitedBy);
  if (!silencedBy || !inhibitedBy) return null;
  const mutedBy = status.mutedBy === undefined || status.mutedBy === null ? status.mutedBy : stringList(status.mutedBy);
  if (mutedBy === null && status.mutedBy !== null) return null;
  const alert: AmAlert = {
    fingerprint,
    labels,
    annotations,
    startsAt: alertTimeSchema.parse(raw.startsAt),
    receivers,
    status: { state: status.state as AmAlert['status']['state'], silencedBy, inhibitedBy, ...(status.mutedBy !== undefined ? { mutedBy: mutedBy as string[] | null } : {}) },
  };
  if (raw.endsAt !== undefined) alert.endsAt = raw.endsAt as string;
  if (raw.updatedAt !== undefined) alert.updatedAt = raw.updatedAt as string;
  if (raw.generatorURL !== undefined) alert.generatorURL = raw.generatorURL as string;
  return alert;
}

/** One alert item of an Alertmanager answer, validated; null when the schema refuses it. */
export function readAmAlert(raw: unknown): AmAlert | null {
  const fast = fastRead(raw);
  if (fast) return fast;
  const checked = amAlertSchema.safeParse(raw);
  return checked.success ? checked.data : null;
}
