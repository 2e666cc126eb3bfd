import type { PersonView } from '../../shared/domain.ts';

// Contact details come from the rotation file, i.e. from text anyone on the team can edit. Build
// conservative URLs here; the main process still runs every URL through its scheme allowlist
// (shared/link-allowlist.ts) before the OS sees it.

export interface ContactLink {
  kind: 'phone' | 'email' | 'slack';
  label: string;
  url: string;
}

export function phoneLink(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20) return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

export function emailLink(email: string): string | null {
  const trimmed = email.trim();
  // Deliberately narrow: one @, no whitespace, no characters that could smuggle mailto headers.
  if (!/^[^\s@<>"?&#/\\]+@[^\s@<>"?&#/\\]+\.[^\s@<>"?&#/\\]+$/.test(trimmed)) return null;
  return `mailto:${trimmed}`;
}

export function slackLink(slack: string): string | null {
  const trimmed = slack.trim();
  if (/^https:\/\/[^\s]+$/.test(trimmed) || /^slack:\/\/[^\s]+$/.test(trimmed)) return trimmed;
  const handle = trimmed.replace(/^@/, '');
  if (!/^[\w.-]{1,80}$/.test(handle)) return null;
  return `https://slack.com/app_redirect?channel=${encodeURIComponent(`@${handle}`)}`;
}

export function contactLinks(person: Pick<PersonView, 'phone' | 'email' | 'slack'>): ContactLink[] {
  const links: ContactLink[] = [];
  const tel = person.phone ? phoneLink(person.phone) : null;
  if (tel && person.phone) links.push({ kind: 'phone', label: `Call ${person.phone.trim()}`, url: tel });
  const mail = person.email ? emailLink(person.email) : null;
  if (mail && person.email) links.push({ kind: 'email', label: `Email ${person.email.trim()}`, url: mail });
  const slack = person.slack ? slackLink(person.slack) : null;
  if (slack && person.slack) links.push({ kind: 'slack', label: `Slack ${person.slack.trim()}`, url: slack });
  return links;
}
