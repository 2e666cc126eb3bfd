import { describe, expect, it } from 'vitest';
import { ackMatchers, buildAckSilence, parseAckSilence, silenceCoversIncident } from './ack-silence.ts';
import type { AmSilence } from '../alertmanager-schemas.ts';

const group = { alertname: 'WeaviateDown', service: 'weaviate', cluster: 'prod' };
const now = Date.UTC(2026, 10, 23, 9);

describe('ack silences', () => {
  it('matches the identifying labels only, so a changed pod label keeps the ack', () => {
    expect(ackMatchers(group)).toEqual([
      { name: 'alertname', value: 'WeaviateDown', isRegex: false, isEqual: true },
      { name: 'cluster', value: 'prod', isRegex: false, isEqual: true },
      { name: 'service', value: 'weaviate', isRegex: false, isEqual: true },
    ]);
  });

  it('is recognised by other Vigils as an ack by its creator, and maintenance silences are not', () => {
    const silence = buildAckSilence({ incidentKey: 'WeaviateDown-abc', groupLabels: group, me: 'alex.chen', via: 'tray', nowMs: now, durationMs: 30 * 60_000, title: 'WeaviateDown' });
    expect(silence.createdBy).toBe('alex.chen');
    expect(Date.parse(silence.endsAt) - Date.parse(silence.startsAt)).toBe(30 * 60_000);
    expect(parseAckSilence(silence)).toEqual({ incidentKey: 'WeaviateDown-abc', via: 'tray', by: 'alex.chen' });
    expect(parseAckSilence({ comment: 'DB maintenance window', createdBy: 'ops' })).toBeNull();
  });

  it('covers the incident only while active with the same matchers', () => {
    const s = buildAckSilence({ incidentKey: 'k', groupLabels: group, me: 'a', via: 'window', nowMs: now, durationMs: 60_000, title: 't' });
    const live: AmSilence = { ...s, id: 'x', status: { state: 'active' } };
    expect(silenceCoversIncident(live, group, now + 1000)).toBe(true);
    expect(silenceCoversIncident(live, group, now + 61_000)).toBe(false);
    expect(silenceCoversIncident({ ...live, status: { state: 'expired' } }, group, now)).toBe(false);
    expect(silenceCoversIncident(live, { ...group, service: 'other' }, now)).toBe(false);
  });
});
