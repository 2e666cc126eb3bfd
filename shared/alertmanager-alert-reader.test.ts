import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAmAlert } from './alertmanager-alert-reader.ts';
import { amAlertSchema } from './alertmanager-schemas.ts';

// The fast reader must say exactly what the zod schema says: same items accepted, same output.

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'critical', '2026-12-02T02:51:21.123456789Z', '1999-01-01T00:00:00Z', 'not a time', 'constructor'));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(undefined), fc.constant(null), fc.integer(), fc.constant([]), fc.constant({}));
const labelKey = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('constructor', 'toString', 'alertname', 'severity'));
const labelSet = fc.oneof(fc.dictionary(labelKey, text, { maxKeys: 4 }), fc.dictionary(labelKey, maybe(text), { maxKeys: 3 }));
const strings = fc.array(maybe(text), { maxLength: 3 });
const alertLike = fc.record(
  {
    fingerprint: maybe(text),
    labels: maybe(labelSet),
    annotations: maybe(labelSet),
    startsAt: maybe(text),
    endsAt: maybe(text),
    updatedAt: maybe(text),
    generatorURL: maybe(text),
    receivers: maybe(fc.array(fc.oneof(fc.record({ name: maybe(text), extra: text }), fc.constant(7)), { maxLength: 2 })),
    status: maybe(fc.record({ state: maybe(fc.constantFrom('active', 'suppressed', 'unprocessed', 'firing')), silencedBy: maybe(strings), inhibitedBy: maybe(strings), mutedBy: maybe(strings), other: text }, { requiredKeys: [] })),
    extra: text,
  },
  { requiredKeys: [] },
);
const validish = fc.record({
  fingerprint: fc.string({ minLength: 1, maxLength: 16 }),
  labels: fc.dictionary(labelKey, fc.string(), { maxKeys: 5 }),
  annotations: fc.option(fc.dictionary(labelKey, fc.string(), { maxKeys: 3 }), { nil: undefined }),
  startsAt: text,
  receivers: fc.option(fc.array(fc.record({ name: fc.string(), extra: fc.string() }, { requiredKeys: ['name'] })), { nil: undefined }),
  status: fc.record(
    { state: fc.constantFrom('active', 'suppressed', 'unprocessed'), silencedBy: fc.option(fc.array(fc.string()), { nil: null }), inhibitedBy: fc.array(fc.string()), mutedBy: fc.option(fc.array(fc.string()), { nil: null }), extra: fc.string() },
    { requiredKeys: ['state', 'inhibitedBy'] },
  ),
  extra: fc.option(fc.string(), { nil: undefined }),
});
/** A valid alert with one field (or one status field) replaced by anything: the edges of the schema. */
const oneFieldOff = fc
  .tuple(validish, fc.constantFrom('fingerprint', 'labels', 'annotations', 'startsAt', 'endsAt', 'updatedAt', 'generatorURL', 'receivers', 'status', 'state', 'silencedBy', 'inhibitedBy', 'mutedBy'), maybe(fc.oneof(text, labelSet, strings)))
  .map(([alert, field, value]): unknown => {
    const copy = JSON.parse(JSON.stringify(alert)) as Record<string, unknown> & { status: Record<string, unknown> };
    if (['state', 'silencedBy', 'inhibitedBy', 'mutedBy'].includes(field)) copy.status[field] = value;
    else (copy as Record<string, unknown>)[field] = value;
    return copy;
  });

function zodSays(raw: unknown): unknown {
  const checked = amAlertSchema.safeParse(raw);
  return checked.success ? checked.data : null;
}

describe('readAmAlert', () => {
  it('accepts and refuses exactly what amAlertSchema does, with the same output', () => {
    fc.assert(
      fc.property(fc.oneof(alertLike, validish, oneFieldOff), (raw) => {
        // JSON round trip: the reader sees what JSON.parse makes, never undefined values or prototypes.
        const json = JSON.parse(JSON.stringify(raw)) as unknown;
        expect(readAmAlert(json)).toEqual(zodSays(json));
      }),
      { numRuns: 3000, seed: 424242 },
    );
  });

  it('keeps a "__proto__" label as a plain own label that reaches no prototype', () => {
    const raw = JSON.parse('{"fingerprint":"f","labels":{"__proto__":"x","alertname":"A"},"startsAt":"2026-12-02T00:00:00Z","status":{"state":"active","silencedBy":[],"inhibitedBy":[]}}') as unknown;
    const alert = readAmAlert(raw)!;
    expect(Object.getPrototypeOf(alert.labels)).toBe(Object.prototype);
    expect(alert.labels.alertname).toBe('A');
  });
});
