import { describe, expect, it } from 'vitest';
import { formatInZone, isValidTimeZone } from './zone-time.ts';

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
