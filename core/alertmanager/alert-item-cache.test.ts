import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmAlert } from '../../shared/alertmanager-schemas.ts';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { AlertItemCache, sameAlertBesidesRefreshTimes } from './alert-item-cache.ts';
import { createAlertmanagerClient } from './am-client.ts';
import { ArrayAnswerStream } from './array-answer-stream.ts';

// Prometheus re-sends every firing alert (every minute by default), and Alertmanager then answers
// it with new endsAt and updatedAt: a poll must not take that for a change of the alert.

let am: RunningAlertmanager;
beforeAll(async () => void (am = await startAlertmanager()));
afterAll(() => am.stop());

const base: AmAlert = {
  fingerprint: 'f1',
  labels: { alertname: 'A', severity: 'critical' },
  annotations: { summary: 's' },
  startsAt: '2026-12-02T09:00:00.000Z',
  endsAt: '2026-12-02T09:05:00.000Z',
  updatedAt: '2026-12-02T09:00:00.000Z',
  receivers: [{ name: 'oncall' }],
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
};

describe('reading an alerts answer against the previous one', () => {
  it('counts only endsAt and updatedAt as refresh times: every other field is a change', () => {
    expect(sameAlertBesidesRefreshTimes(base, { ...base, endsAt: '2026-12-02T09:06:00.000Z', updatedAt: '2026-12-02T09:01:00.000Z' })).toBe(true);
    const changes: AmAlert[] = [
      { ...base, fingerprint: 'f2' },
      { ...base, labels: { ...base.labels, severity: 'warning' } },
      { ...base, labels: { ...base.labels, extra: 'x' } },
      { ...base, annotations: {} },
      { ...base, startsAt: '2026-12-02T09:00:01.000Z' },
      { ...base, generatorURL: 'http://prometheus/graph' },
      { ...base, receivers: [{ name: 'other' }] },
      { ...base, status: { ...base.status, state: 'suppressed' } },
      { ...base, status: { ...base.status, silencedBy: ['s1'] } },
      { ...base, status: { ...base.status, inhibitedBy: ['i1'] } },
      { ...base, status: { ...base.status, mutedBy: ['m1'] } },
    ];
    for (const changed of changes) expect(sameAlertBesidesRefreshTimes(base, changed), JSON.stringify(changed)).toBe(false);
  });

  it('an alert re-sent as Prometheus does is the same alert; a changed annotation is a new one', async () => {
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url] }] });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    const alert = { labels: { alertname: 'Resent', severity: 'critical' }, annotations: { summary: 'first' } };
    await pushAlerts(am.url, [alert, { labels: { alertname: 'Bystander', severity: 'warning' } }]);
    const first = await api.fetchAlerts();
    const resent = first.alerts.find((a) => a.labels.alertname === 'Resent')!;

    // As Prometheus re-sends: the same start, a later end.
    const resend = { ...alert, startsAt: resent.startsAt!, endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    await pushAlerts(am.url, [resend]);
    const raw = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as AmAlert[];
    // Alertmanager does answer differently...
    expect(raw.find((a) => a.labels.alertname === 'Resent')!.endsAt).not.toBe(resent.endsAt);
    const again = await api.fetchAlerts();
    const after = again.alerts.find((a) => a.labels.alertname === 'Resent')!;
    // ...and for Vigil it is the same alert: nothing to regroup.
    expect(again.unchanged).toBe(true);
    expect(after).toBe(resent);

    await pushAlerts(am.url, [{ ...resend, annotations: { summary: 'second' } }]);
    const changed = await api.fetchAlerts();
    expect(changed.unchanged).toBe(false);
    expect(changed.alerts.find((a) => a.labels.alertname === 'Resent')!.annotations.summary).toBe('second');
    expect(changed.alerts.find((a) => a.labels.alertname === 'Bystander')).toBe(first.alerts.find((a) => a.labels.alertname === 'Bystander'));
  });

  it('reads text outside ASCII as UTF-8, and keeps the alerts before a changed one as they were', async () => {
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url], filter: ['team="unicode"'] }] });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    const alerts = Array.from({ length: 400 }, (_, i) => ({ labels: { alertname: `Température ${i}`, team: 'unicode', severity: 'warning' }, annotations: { summary: `Überhitzt ✓ ${'—'.repeat(40)} ${i}` } }));
    await pushAlerts(am.url, alerts);
    const first = await api.fetchAlerts();
    expect(first.alerts).toHaveLength(400);
    expect(first.alerts.find((a) => a.labels.alertname === 'Température 7')!.annotations.summary).toBe(`Überhitzt ✓ ${'—'.repeat(40)} 7`);

    // The answer (over 64 KiB, several chunks) changes in its last alert by fingerprint order.
    const lastAlert = [...first.alerts].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)).at(-1)!;
    await pushAlerts(am.url, [{ labels: lastAlert.labels, annotations: { summary: 'geändert ✓' } }]);
    const second = await api.fetchAlerts();
    expect(second.unchanged).toBe(false);
    const byName = new Map(first.alerts.map((a) => [a.labels.alertname, a]));
    const kept = second.alerts.filter((a) => a === byName.get(a.labels.alertname));
    expect(kept).toHaveLength(399);
    expect(second.alerts.find((a) => a.fingerprint === lastAlert.fingerprint)!.annotations.summary).toBe('geändert ✓');
  });

  it('finds last time\'s alert for a re-sent one whether it is in its place, after a removal or after an insertion', () => {
    const text = (fingerprint: string, endsAt = base.endsAt) => JSON.stringify({ ...base, fingerprint, endsAt });
    const read = (cache: AlertItemCache, texts: string[]) => {
      const reading = cache.begin();
      const stream = new ArrayAnswerStream(reading, cache.bytes);
      stream.write(Buffer.from(`[${texts.join(',')}]`));
      const end = stream.end();
      expect(end.kind).not.toBe('whole');
      return end.kind === 'repeated' ? cache.repeated() : reading.finish();
    };
    const later = '2026-12-02T09:09:00.000Z';
    const cases: Array<{ what: string; next: string[]; unchanged: boolean }> = [
      { what: 'in its place', next: [text('a'), text('b', later), text('c')], unchanged: true },
      { what: 'after a removal', next: [text('b', later), text('c')], unchanged: false },
      { what: 'after an insertion', next: [text('a'), text('a2'), text('b', later), text('c')], unchanged: false },
    ];
    for (const { what, next, unchanged } of cases) {
      const cache = new AlertItemCache();
      const first = read(cache, [text('a'), text('b'), text('c')]);
      const second = read(cache, next);
      expect(second.items.find((a) => a.fingerprint === 'b'), what).toBe(first.items[1]);
      expect(second.unchanged, what).toBe(unchanged);
    }
  });

  it('reads each answer as a fresh parse would, whatever changed and wherever the chunks are cut', () => {
    // Alerts compared where they lie in the last answer's bytes: a wrong offset would hand over
    // last time's alert for a changed one, or take one alert for another.
    const alertArb = fc.record({
      fingerprint: fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5', 'f6'),
      summary: fc.string({ unit: 'binary', maxLength: 6 }),
      endsAt: fc.constantFrom(base.endsAt, '2026-12-02T09:09:00.000Z'),
    });
    const answerArb = fc.array(alertArb, { maxLength: 6 }).map((alerts) => alerts.map(({ fingerprint, summary, endsAt }) => ({ ...base, fingerprint, endsAt, annotations: { summary } })));
    const cutsArb = fc.array(fc.nat({ max: 1500 }), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(answerArb, cutsArb), { minLength: 2, maxLength: 5 }), (answers) => {
        const cache = new AlertItemCache();
        let before: AmAlert[] | null = null;
        for (const [answer, cuts] of answers) {
          const bytes = Buffer.from(JSON.stringify(answer));
          const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((x, y) => x - y);
          const reading = cache.begin();
          const stream = new ArrayAnswerStream(reading, cache.bytes);
          [0, ...points].forEach((from, i) => stream.write(bytes.subarray(from, points[i] ?? bytes.length)));
          const end = stream.end();
          const read = end.kind === 'repeated' ? cache.repeated() : reading.finish();
          // Equal to the answer in all but the refresh times (an alert re-sent keeps last time's object).
          expect(read.items.map((a) => ({ ...a, endsAt: '', updatedAt: '' }))).toEqual(answer.map((a) => ({ ...a, endsAt: '', updatedAt: '' })));
          if (read.unchanged) expect(read.items).toEqual(before);
          before = read.items;
        }
      }),
      { numRuns: 300 },
    );
  });
});
