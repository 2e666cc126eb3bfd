import { describe, expect, it } from 'vitest';
import type { EscalationView } from '../../shared/domain.ts';
import { ackRuleText, clockAckDeadline } from './ack-deadline.ts';
import { alarm, incident, ringing } from '../../test-fixtures/test-incidents.ts';

const escalation = (ackDeadline: number): EscalationView => ({ severity: 'critical', startedAt: 0, ackDeadline, respondDeadline: null, steps: [], stopped: false });
const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

describe('ackRuleText', () => {
  it('says how long I have from being paged, and when I was paged and the ack is due', () => {
    const paged = Date.UTC(2025, 0, 6, 10, 15, 3);
    expect(ackRuleText(alarm('k', { pagedAt: paged, ackDeadline: paged + 120_000 }), hhmmss)).toBe('Ack within 2m of being paged (paged 10:15:03, due 10:17:03)');
    expect(ackRuleText(alarm('k', { pagedAt: paged, ackDeadline: paged + 90_000 }), hhmmss)).toBe('Ack within 1m30s of being paged (paged 10:15:03, due 10:16:33)');
  });
});

describe('clockAckDeadline', () => {
  it('is my alarm’s deadline when the incident alarms me, even where the team’s differs (I was paged at a later step)', () => {
    const mine = ringing('k', { pagedAt: 900_000, ackDeadline: 1_020_000 }, { escalation: escalation(120_000) });
    expect(clockAckDeadline(mine)).toEqual({ at: 1_020_000, whose: 'mine' });
  });

  it('is the team’s deadline, labelled as such, when the incident does not alarm me', () => {
    expect(clockAckDeadline(incident('k', { escalation: escalation(120_000) }))).toEqual({ at: 120_000, whose: 'team' });
    expect(clockAckDeadline(incident('k'))).toBeNull();
  });
});
