import { describe, expect, it } from 'vitest';
import { amAlertSchema, type AmAlert } from '../../shared/alertmanager-schemas.ts';
import { mergeHaMemberAnswers } from './merge-ha-members.ts';

function alert(fingerprint: string, over: { updatedAt?: string; silencedBy?: string[]; inhibitedBy?: string[]; summary?: string; receivers?: string[] } = {}): AmAlert {
  const silencedBy = over.silencedBy ?? [];
  return amAlertSchema.parse({
    fingerprint,
    labels: { alertname: `A-${fingerprint}` },
    annotations: { summary: over.summary ?? 'first' },
    startsAt: '2025-01-01T00:00:00Z',
    updatedAt: over.updatedAt ?? '2025-01-01T00:00:00Z',
    receivers: (over.receivers ?? ['vigil-oncall']).map((name) => ({ name })),
    status: { state: silencedBy.length > 0 ? 'suppressed' : 'active', silencedBy, inhibitedBy: over.inhibitedBy ?? [] },
  });
}

describe('mergeHaMemberAnswers', () => {
  it('keeps one alert per fingerprint, in first-seen order', () => {
    const merged = mergeHaMemberAnswers([
      [alert('a'), alert('b')],
      [alert('b'), alert('c')],
    ]);
    expect(merged.map((a) => a.fingerprint)).toEqual(['a', 'b', 'c']);
  });

  it('unions silencedBy/inhibitedBy and marks the merged alert suppressed if any member silenced it', () => {
    const [merged] = mergeHaMemberAnswers([[alert('a', { updatedAt: '2025-01-01T00:00:05Z' })], [alert('a', { silencedBy: ['s1'], inhibitedBy: ['i1'] })]]);
    expect(merged!.status.silencedBy).toEqual(['s1']);
    expect(merged!.status.inhibitedBy).toEqual(['i1']);
    expect(merged!.status.state).toBe('suppressed');
    const [both] = mergeHaMemberAnswers([[alert('a', { silencedBy: ['s1', 's2'] })], [alert('a', { silencedBy: ['s2', 's3'] })]]);
    expect(both!.status.silencedBy).toEqual(['s1', 's2', 's3']);
  });

  it('takes other fields from the most recently updated copy, whichever member sent it', () => {
    const older = alert('a', { updatedAt: '2025-01-01T00:00:01Z', summary: 'old' });
    const newer = alert('a', { updatedAt: '2025-01-01T00:00:09Z', summary: 'new' });
    expect(mergeHaMemberAnswers([[older], [newer]])[0]!.annotations.summary).toBe('new');
    expect(mergeHaMemberAnswers([[newer], [older]])[0]!.annotations.summary).toBe('new');
  });

  it('unions receivers by name', () => {
    const [merged] = mergeHaMemberAnswers([[alert('a', { receivers: ['x'] })], [alert('a', { receivers: ['x', 'y'] })]]);
    expect(merged!.receivers.map((r) => r.name)).toEqual(['x', 'y']);
  });
});
