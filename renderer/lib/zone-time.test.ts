import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatInZone, formatTimeOfDay, isValidTimeZone } from './zone-time.ts';

// 2025-11-24T17:00:00Z is a Monday: 09:00 in Los Angeles (PST), 12:00 in New York, 18:00 in Berlin.
const MONDAY_17_UTC = Date.UTC(2025, 10, 24, 17, 0);

describe('formatInZone', () => {
  it('shows the same instant in each person\'s zone', () => {
    expect(formatInZone(MONDAY_17_UTC, 'America/Los_Angeles')).toMatch(/^Mon,? 24 Nov,? 09:00 /);
    expect(formatInZone(MONDAY_17_UTC, 'America/New_York')).toMatch(/^Mon,? 24 Nov,? 12:00 /);
    expect(formatInZone(MONDAY_17_UTC, 'Europe/Berlin')).toMatch(/^Mon,? 24 Nov,? 18:00 /);
  });

  it('names the zone so two columns cannot be confused', () => {
    expect(formatInZone(MONDAY_17_UTC, 'UTC')).toMatch(/17:00 UTC$/);
  });

  it('falls back to UTC for an unknown zone and says so', () => {
    const text = formatInZone(MONDAY_17_UTC, 'Mars/Olympus_Mons');
    expect(text).toMatch(/17:00 UTC/);
    expect(text).toContain('unknown zone Mars/Olympus_Mons');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects nonsense', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('PST (UTC-8)')).toBe(false);
  });
});

describe('formatTimeOfDay', () => {
  const zoneBefore = process.env.TZ;
  afterEach(() => {
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  });

  it('writes what an en-GB 24-hour Intl clock writes, in this machine\'s zone', () => {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      process.env.TZ = zone;
      const intl = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (epochMs) => {
          expect(formatTimeOfDay(epochMs)).toBe(intl.format(epochMs));
        }),
        { numRuns: 500 },
      );
    }
    process.env.TZ = 'UTC';
    expect(formatTimeOfDay(Date.UTC(2025, 10, 24, 9, 5, 3))).toBe('09:05:03');
  });
});
