import { formatDuration } from '../duration.ts';
import type { TimelineEvent, TimelineEventType } from '../domain.ts';
import { markdownText, normalizeMarkdown } from './markdown-text.ts';
import { PLAYBOOK_POSTMORTEM_TEMPLATE } from './playbook-template.ts';
import type { PostMortemFacts } from './postmortem-facts.ts';
import { readerZone, zonedDate, zonedStamp } from './zoned-stamp.ts';

// The post-mortem draft: a template with {{placeholders}} filled from the facts and the timeline.
// Pure and deterministic (no clock, no locale default): the same facts, events, template and zone
// give the same bytes. Untrusted text goes in through markdownText, so it stays text.

export interface RenderPostMortemInput {
  facts: PostMortemFacts;
  events: readonly TimelineEvent[];
  /** The reader's IANA zone; times are written in it and in UTC. */
  zone: string;
  /** The team's template; the playbook's by default. */
  template?: string;
  /** This Vigil's user, named where the journal says "this Vigil paged me". */
  me?: string | null;
  /** The incident's labels and summary when Vigil still holds them (the journal keeps only its title). */
  incident?: { labels: Record<string, string>; summary: string | null } | null;
}

/** Every placeholder a template may use, documented in docs/post-mortems.md. */
export const POSTMORTEM_PLACEHOLDERS = [
  'title',
  'date',
  'start',
  'end',
  'duration',
  'severity',
  'summary',
  'labels',
  'paged',
  'acked',
  'time_to_ack',
  'escalation',
  'responders',
  'timeline',
  'action_items',
  'zone',
  'incident_key',
  'occurrence_id',
] as const;
export type PostMortemPlaceholder = (typeof POSTMORTEM_PLACEHOLDERS)[number];

/** Events that repeat without telling the story (a long incident extends its ack silence every few minutes). */
const LEFT_OUT: ReadonlySet<TimelineEventType> = new Set(['silence-extended']);

/** Events whose message already names who acted ("Acknowledged by alex.chen via window"). */
const NAMES_ACTOR: ReadonlySet<TimelineEventType> = new Set(['acked', 'acked-by-other']);

/** One timeline event as a Markdown list item: "- **<local> (<UTC>)** Note by alex.chen: rolled back to blue". */
export function timelineLine(event: TimelineEvent, zone: string): string {
  const message = markdownText(event.message);
  const by = event.by ? markdownText(event.by, 256) : null;
  const silenceId = event.data?.silenceId;
  const silence = NAMES_ACTOR.has(event.type) && typeof silenceId === 'string' && silenceId !== '' ? `, silence ${markdownText(silenceId, 128)}` : '';
  const text = event.type === 'user-note' ? `Note${by ? ` by ${by}` : ''}: ${message}` : `${message}${silence}${by && !NAMES_ACTOR.has(event.type) ? ` (by ${by})` : ''}`;
  return `- **${zonedStamp(event.at, zone)}** ${text}`;
}

export function timelineMarkdown(events: readonly TimelineEvent[], zone: string): string {
  const shown = [...events].filter((e) => !LEFT_OUT.has(e.type)).sort((a, b) => a.at - b.at);
  return shown.length === 0 ? '- [Time]: [Event description]' : shown.map((e) => timelineLine(e, zone)).join('\n');
}

export const ACTION_ITEM_LINE = '- [ ] [Action item] - owner: [@owner], due: [YYYY-MM-DD]';

function ackText(facts: PostMortemFacts, zone: string): string {
  if (!facts.ack) return '[Acknowledged: no ack was journaled]';
  const by = facts.ack.by ? markdownText(facts.ack.by, 256) : '[who]';
  const via = facts.ack.via ? ` via ${markdownText(facts.ack.via, 64)}` : '';
  const silence = facts.ack.silenceId ? ` (silence ${markdownText(facts.ack.silenceId, 128)})` : '';
  return `${by} at ${zonedStamp(facts.ack.at, zone)}${via}${silence}`;
}

function timeToAckText(facts: PostMortemFacts): string {
  if (!facts.ack) return '[Time to ack: no ack was journaled]';
  const from = facts.paged ?? (facts.startAt === null ? null : { at: facts.startAt, ackWithinMs: null });
  if (!from) return '[Time to ack: unknown start]';
  const took = Math.max(0, facts.ack.at - from.at);
  const after = facts.paged ? 'after the page' : 'after first seen (no alarm rang on this Vigil)';
  const policy = from.ackWithinMs ?? facts.policyAckWithinMs;
  if (policy === null) return `${formatDuration(took)} ${after} (policy: [ack window])`;
  const verdict = took <= policy ? 'met' : `missed by ${formatDuration(took - policy)}`;
  return `${formatDuration(took)} ${after} (policy: ack within ${formatDuration(policy)}, ${verdict})`;
}

function pagedText(facts: PostMortemFacts, zone: string, me: string | null | undefined): string {
  if (!facts.paged) return '[Who was paged: no alarm rang on this Vigil]';
  return `${me ? markdownText(me, 256) : 'this Vigil\'s user'}, by Vigil at ${zonedStamp(facts.paged.at, zone)}`;
}

const MAX_LABELS = 30;

function labelsText(labels: Record<string, string> | undefined): string {
  if (!labels) return '[Labels: no longer known to Vigil]';
  const names = Object.keys(labels).sort();
  const shown = names.slice(0, MAX_LABELS).map((name) => `${markdownText(name, 100)}=${markdownText(JSON.stringify(labels[name] ?? ''), 300)}`);
  return `${shown.join(', ')}${names.length > MAX_LABELS ? `, and ${names.length - MAX_LABELS} more` : ''}`;
}

/** The value of each placeholder, already Markdown. */
export function placeholderValues(input: RenderPostMortemInput): Record<PostMortemPlaceholder, string> {
  const { facts } = input;
  const zone = readerZone(input.zone);
  const start = facts.startAt;
  const end = facts.resolvedAt;
  return {
    title: markdownText(facts.title, 300),
    date: start === null ? '[Date]' : zonedDate(start, zone),
    start: start === null ? '[Start time]' : zonedStamp(start, zone),
    end: end === null ? '[End time: not resolved yet]' : zonedStamp(end, zone),
    duration: start === null || end === null ? '[Duration: still open]' : formatDuration(end - start),
    severity: facts.severity ? markdownText(facts.severity, 64) : '[Severity]',
    summary: input.incident?.summary ? markdownText(input.incident.summary, 1000) : '[What the alert said]',
    labels: labelsText(input.incident?.labels),
    paged: pagedText(facts, zone, input.me),
    acked: ackText(facts, zone),
    time_to_ack: timeToAckText(facts),
    escalation: facts.escalation.length === 0 ? 'no escalation step was journaled' : facts.escalation.map((s) => `${markdownText(s.text)} at ${zonedStamp(s.at, zone)}`).join('; '),
    responders: facts.responders.length === 0 ? '[Responders: nobody acked or wrote a note in Vigil]' : facts.responders.map((r) => markdownText(r, 256)).join(', '),
    timeline: timelineMarkdown(input.events, zone),
    action_items: ACTION_ITEM_LINE,
    zone: markdownText(zone, 64),
    incident_key: markdownText(facts.incidentKey, 600),
    occurrence_id: markdownText(facts.occurrenceId, 600),
  };
}

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The draft. Placeholders the template names but Vigil does not know stay as written, visibly. */
export function renderPostMortem(input: RenderPostMortemInput): string {
  const values = new Map(Object.entries(placeholderValues(input)));
  const template = input.template ?? PLAYBOOK_POSTMORTEM_TEMPLATE;
  // One pass: a value that happens to contain "{{title}}" (a note) is never expanded again.
  return normalizeMarkdown(template.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole));
}
