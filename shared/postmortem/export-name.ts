import { zonedDate } from './zoned-stamp.ts';

/** "postmortem-2025-03-04-WeaviateDown.md": a file name from the occurrence's date and alertname, safe on every OS. */
export function postMortemFileName(title: string, firstSeenAt: number | null, zone: string, extension: 'md' | 'pdf'): string {
  const name = (title.split(' · ')[0] ?? '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'incident';
  const date = firstSeenAt === null ? '' : `${zonedDate(firstSeenAt, zone)}-`;
  return `postmortem-${date}${name}.${extension}`;
}
