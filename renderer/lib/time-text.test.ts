import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, formatClock, formatCountdown, formatDelay, shouldAnnounceCountdown, spokenCountdown } from './time-text.ts';

describe('formatCountdown', () => {
  it('shows mm:ss while time remains', () => {
    expect(formatCountdown(120_000)).toBe('02:00');
    expect(formatCountdown(59_000)).toBe('00:59');
  });

  it('rounds remaining time up so 00:00 only shows at the deadline', () => {
    expect(formatCountdown(400)).toBe('00:01');
    expect(formatCountdown(119_001)).toBe('02:00');
    expect(formatCountdown(0)).toBe('00:00');
  });

  it('shows "overdue +mm:ss" once the deadline has passed', () => {
    expect(formatCountdown(-1)).toBe('overdue +00:00');
    expect(formatCountdown(-3_500)).toBe('overdue +00:03');
    expect(formatCountdown(-61_000)).toBe('overdue +01:01');
  });

  it('switches to h:mm:ss for deadlines an hour or more away', () => {
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(24 * 3_600_000)).toBe('24:00:00');
    expect(formatCountdown(-(2 * 3_600_000 + 5_000))).toBe('overdue +2:00:05');
  });
});

describe('formatClock', () => {
  it('never shows negative numbers', () => {
    expect(formatClock(-5)).toBe('00:00');
  });
});

describe('formatAgo', () => {
  it('says how stale something is in the largest sensible unit', () => {
    expect(formatAgo(200)).toBe('just now');
    expect(formatAgo(-5_000)).toBe('just now');
    expect(formatAgo(12_400)).toBe('12 s ago');
    expect(formatAgo(3 * 60_000 + 59_000)).toBe('3 min ago');
    expect(formatAgo(2 * 3_600_000)).toBe('2 h ago');
    expect(formatAgo(5 * 86_400_000)).toBe('5 d ago');
  });
});

describe('formatAge', () => {
  it('is compact', () => {
    expect(formatAge(45_000)).toBe('45s');
    expect(formatAge(12 * 60_000)).toBe('12m');
    expect(formatAge(3 * 3_600_000 + 5 * 60_000)).toBe('3h05m');
    expect(formatAge(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d04h');
    expect(formatAge(-10)).toBe('0s');
  });
});

describe('formatDelay', () => {
  it('formats the playbook escalation delays', () => {
    expect([0, 15, 30, 60, 120, 150].map((m) => formatDelay(m * 60_000))).toEqual(['0m', '15m', '30m', '1h', '2h', '2h30m']);
  });

  it('keeps seconds that are not whole minutes (a ladder scaled down for a drill)', () => {
    expect([6_000, 12_000, 90_000].map(formatDelay)).toEqual(['6s', '12s', '1m30s']);
  });
});

describe('shouldAnnounceCountdown', () => {
  it('announces once a minute when more than a minute is left', () => {
    const announced = [];
    for (let s = 180; s > 60; s--) if (shouldAnnounceCountdown(s * 1000)) announced.push(s);
    expect(announced).toEqual([180, 120]);
  });

  it('announces every 15 s in the last minute and once when overdue', () => {
    const announced = [];
    for (let s = 60; s >= -5; s--) if (shouldAnnounceCountdown(s * 1000 - (s < 0 ? 1 : 0))) announced.push(s);
    expect(announced).toEqual([60, 45, 30, 15, 0]);
  });
});

describe('spokenCountdown', () => {
  it('reads naturally', () => {
    expect(spokenCountdown(90_000)).toBe('1 minute 30 seconds left');
    expect(spokenCountdown(120_000)).toBe('2 minutes left');
    expect(spokenCountdown(-3_600_000)).toBe('overdue by 1 hour');
    expect(spokenCountdown(0)).toBe('0 seconds left');
  });
});
