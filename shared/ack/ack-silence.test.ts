import { describe, expect, it } from 'vitest';
import { ackMatchers, buildAckSilence, earliestAck, isLiveSilence, parseAckSilence } from './ack-silence.ts';

const group = { alertname: 'WeaviateDown', service: 'weaviate', cluster: 'prod' };
const now = Date.UTC(2026, 10, 23, 9);

describe('ack silences', () => {
  it('matches the identifying labels only, so a changed pod label keeps the ack', () => {
    expect(ackMatchers(group, ['alertname', 'cluster', 'service'])).toEqual([
      { name: 'alertname', value: 'WeaviateDown', isRegex: false, isEqual: true },
      { name: 'cluster', value: 'prod', isRegex: false, isEqual: true },
      { name: 'service', value: 'weaviate', isRegex: false, isEqual: true },
    ]);
  });

  it('is recognised by other Vigils as an ack by its creator, and maintenance silences are not', () => {
    const silence = buildAckSilence({ incidentKey: 'WeaviateDown-abc', groupLabels: group, labelNames: ['alertname', 'cluster', 'service'], me: 'alex.chen', via: 'tray', nowMs: now, durationMs: 30 * 60_000, title: 'WeaviateDown' });
    expect(silence.createdBy).toBe('alex.chen');
    expect(Date.parse(silence.endsAt) - Date.parse(silence.startsAt)).toBe(30 * 60_000);
    expect(parseAckSilence(silence)).toEqual({ incidentKey: 'WeaviateDown-abc', via: 'tray', by: 'alex.chen' });
    expect(parseAckSilence({ comment: 'DB maintenance window', createdBy: 'ops' })).toBeNull();
  });

  it('matches a grouping label the incident lacks as empty, so the ack covers no neighbouring incident', () => {
    expect(ackMatchers({ alertname: 'X' }, ['alertname', 'cluster'])).toEqual([
      { name: 'alertname', value: 'X', isRegex: false, isEqual: true },
      { name: 'cluster', value: '', isRegex: false, isEqual: true },
    ]);
    expect(ackMatchers({ alertname: 'X', constructor: 'c' }, ['alertname'])).toContainEqual({ name: 'constructor', value: 'c', isRegex: false, isEqual: true });
  });

  it('lets the earliest of two near-simultaneous acks stand, the same for every Vigil', () => {
    const a = { id: 'b-id', startsAt: '2026-11-23T09:00:00.100Z' };
    const b = { id: 'a-id', startsAt: '2026-11-23T09:00:00.300Z' };
    const c = { id: 'a-id2', startsAt: '2026-11-23T09:00:00.100Z' };
    expect(earliestAck([b, a])).toBe(a);
    expect(earliestAck([a, b, c])).toBe(c);
    expect(earliestAck([])).toBeNull();
  });

  it('is live only while active and before its end', () => {
    const live = { status: { state: 'active' as const }, endsAt: new Date(now + 60_000).toISOString() };
    expect(isLiveSilence(live, now)).toBe(true);
    expect(isLiveSilence(live, now + 61_000)).toBe(false);
    expect(isLiveSilence({ ...live, status: { state: 'expired' } }, now)).toBe(false);
  });
});
