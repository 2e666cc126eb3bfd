import { describe, expect, it } from 'vitest';
import { ackDeadlineText, formatClock, formatCountdown } from './ack-deadline-text.ts';

const minutes = { left: (ms: number) => `${Math.floor(ms / 60_000)}m`, over: (ms: number) => `${Math.floor(ms / 60_000)}m` };

describe('ackDeadlineText', () => {
  const deadline = 1_000_000;

  it('counts down to the deadline, rounding up so "00:00" shows only at the deadline', () => {
    expect(ackDeadlineText(deadline, deadline - 103_000)).toBe('ack within 01:43');
    expect(ackDeadlineText(deadline, deadline - 400)).toBe('ack within 00:01');
    expect(ackDeadlineText(deadline, deadline)).toBe('ack within 00:00');
  });

  it('counts up past the deadline instead of starting a fresh countdown', () => {
    expect(ackDeadlineText(deadline, deadline + 1)).toBe('overdue +00:00');
    expect(ackDeadlineText(deadline, deadline + 137_900)).toBe('overdue +02:17');
    expect(ackDeadlineText(deadline, deadline + 2 * 3_600_000 + 5_000)).toBe('overdue +2:00:05');
  });

  it('reads the same for every view given the same deadline and clock', () => {
    const texts = new Set(Array.from({ length: 5 }, () => ackDeadlineText(deadline, deadline + 61_000)));
    expect([...texts]).toEqual(['overdue +01:01']);
  });

  it('takes a coarser duration for views that must not change every second (the tray menu)', () => {
    expect(ackDeadlineText(deadline, deadline - 119_000, minutes)).toBe('ack within 1m');
    expect(ackDeadlineText(deadline, deadline + 180_000, minutes)).toBe('overdue +3m');
  });
});

describe('formatCountdown', () => {
  it('is the same clock without the "ack within" words', () => {
    expect(formatCountdown(103_000)).toBe('01:43');
    expect(formatCountdown(-137_900)).toBe('overdue +02:17');
  });
});

describe('formatClock', () => {
  it('shows h:mm:ss from an hour on and never a negative number', () => {
    expect(formatClock(3600)).toBe('1:00:00');
    expect(formatClock(-5)).toBe('00:00');
  });
});
