import { z } from 'zod';
import { twoDigits } from './two-digits.ts';

// Durations in config files are written the way Prometheus and Alertmanager write them
// ("90s", "2m", "1h30m"), so an on-call engineer reads one notation everywhere.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d|w))+$/.test(trimmed)) {
    throw new Error(`invalid duration "${text}" (expected e.g. 30s, 2m, 1h30m)`);
  }
  let total = 0;
  for (const match of trimmed.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return Math.round(total);
}

export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms / 1000));
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (h > 0) return `${sign}${h}h${twoDigits(m)}m`;
  if (m > 0) return `${sign}${m}m${twoDigits(s)}s`;
  return `${sign}${s}s`;
}

/** A zod field that accepts "2m" (or a number of milliseconds) and yields milliseconds. */
export const durationField = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
