import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import type { TimelineEvent } from '../../shared/domain.ts';
import type { VigilHandlers } from '../../shared/ipc-contract.ts';
import { postMortemFileName } from '../../shared/postmortem/export-name.ts';
import { normalizeMarkdown } from '../../shared/postmortem/markdown-text.ts';
import { eventsOfOccurrence, filterOccurrences, summarizeOccurrences } from '../../shared/postmortem/occurrences.ts';
import { postMortemFacts } from '../../shared/postmortem/postmortem-facts.ts';
import { renderPostMortem } from '../../shared/postmortem/render-postmortem.ts';
import { readerZone } from '../../shared/postmortem/zoned-stamp.ts';
import type { TimelineJournal } from '../journal/timeline-journal.ts';
import type { DraftStore } from './draft-store.ts';
import type { PostMortemExporter } from './export-port.ts';

// The post-mortem requests: occurrences and their notes come from the timeline journal, drafts from
// the draft store. None of them needs a source, the network or a running engine: a post-mortem is
// written from what was journaled, days later, offline.

export type PostMortemRequestName =
  | 'listOccurrences'
  | 'addNote'
  | 'getPostMortem'
  | 'createPostMortem'
  | 'savePostMortem'
  | 'listPostMortemRevisions'
  | 'getPostMortemRevision'
  | 'restorePostMortemRevision'
  | 'exportPostMortem';

export interface PostMortemDeps {
  clock: Pick<Clock, 'now'>;
  journal: Pick<TimelineJournal, 'all' | 'append' | 'forIncident'>;
  drafts: DraftStore;
  /** My identity (the config's me.id), '' before a configuration loads. */
  me(): string;
  /** The ack window of a severity's policy, for an occurrence whose alarm did not ring here. */
  ackWithinMs(severity: string): number | null;
  /** The team's template file (config postmortem.template) and the config file it is relative to. */
  template(): { path: string; configFile: string | null } | null;
  exporter?: PostMortemExporter | undefined;
  /** The incident's labels and summary while the engine still shows this occurrence (firing or just resolved). */
  liveIncident?(occurrenceId: string): { labels: Record<string, string>; summary: string | null } | null;
  /** A note was added: the renderers' timelines are stale. */
  onNote?(incidentKey: string): void;
}

const MAX_TEMPLATE_BYTES = 256 * 1024;

function readTemplate(spec: { path: string; configFile: string | null } | null): { text?: string; warning: string | null } {
  if (!spec) return { warning: null };
  const path = isAbsolute(spec.path) || spec.configFile === null ? spec.path : resolve(dirname(spec.configFile), spec.path);
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > MAX_TEMPLATE_BYTES) return { warning: `The post-mortem template ${path} is over 256 kB: the playbook's template was used instead.` };
    return { text, warning: null };
  } catch (error) {
    return { warning: `The post-mortem template ${path} could not be read (${(error as Error).message}): the playbook's template was used instead.` };
  }
}

export function createPostMortemHandlers(deps: PostMortemDeps): Pick<VigilHandlers, PostMortemRequestName> {
  const occurrence = (occurrenceId: string): TimelineEvent[] => {
    // An occurrence id is "<incidentKey>@<first seen>": look in that incident's events only.
    const incidentKey = occurrenceId.slice(0, occurrenceId.lastIndexOf('@'));
    return eventsOfOccurrence(deps.journal.forIncident(incidentKey), occurrenceId);
  };
  const mustExist = (occurrenceId: string) => {
    const events = occurrence(occurrenceId);
    if (events.length === 0) throw new Error('no such occurrence in the timeline journal');
    return events;
  };
  const by = () => deps.me() || undefined;

  return {
    listOccurrences: async ({ alertname, severity, from, to, limit }) => {
      const all = filterOccurrences(summarizeOccurrences(deps.journal.all()), { alertname, severity, from, to });
      return { total: all.length, occurrences: all.slice(0, limit ?? 200).map((o) => ({ ...o, hasPostMortem: deps.drafts.has(o.occurrenceId) })) };
    },
    addNote: async ({ incidentKey, occurrenceId, text }) => {
      if (!occurrenceId.startsWith(`${incidentKey}@`)) throw new Error('the occurrence is not one of this incident');
      mustExist(occurrenceId);
      const me = by();
      const event = deps.journal.append({ incidentKey, occurrenceId, at: deps.clock.now(), type: 'user-note', message: text, ...(me ? { by: me.slice(0, 256) } : {}) });
      deps.onNote?.(incidentKey);
      return event;
    },
    getPostMortem: async ({ occurrenceId }) => deps.drafts.get(occurrenceId),
    createPostMortem: async ({ occurrenceId, zone }) => {
      const existing = deps.drafts.get(occurrenceId);
      if (existing) return { draft: existing, warning: null };
      const events = mustExist(occurrenceId);
      const facts = postMortemFacts(occurrenceId, events);
      const template = readTemplate(deps.template());
      const text = renderPostMortem({
        facts: { ...facts, policyAckWithinMs: facts.severity === null ? null : deps.ackWithinMs(facts.severity) },
        events,
        zone: readerZone(zone),
        me: deps.me() || null,
        incident: deps.liveIncident?.(occurrenceId) ?? null,
        ...(template.text !== undefined ? { template: template.text } : {}),
      });
      return { draft: deps.drafts.create({ occurrenceId, incidentKey: facts.incidentKey }, text, by()), warning: template.warning };
    },
    savePostMortem: async ({ occurrenceId, text }) => {
      try {
        const saved = deps.drafts.save(occurrenceId, text, by());
        return { ok: true, rev: saved.rev, savedAt: saved.savedAt };
      } catch (error) {
        return { ok: false, error: (error as Error).message, rev: deps.drafts.get(occurrenceId)?.rev ?? 0 };
      }
    },
    listPostMortemRevisions: async ({ occurrenceId }) => deps.drafts.revisions(occurrenceId),
    getPostMortemRevision: async ({ occurrenceId, rev }) => {
      const text = deps.drafts.revisionText(occurrenceId, rev);
      return text === null ? null : { rev, text };
    },
    restorePostMortemRevision: async ({ occurrenceId, rev }) => deps.drafts.restore(occurrenceId, rev, by()),
    exportPostMortem: async ({ occurrenceId, format }) => {
      const draft = deps.drafts.get(occurrenceId);
      if (!draft) throw new Error('no post-mortem draft for this occurrence yet');
      if (!deps.exporter) return { status: 'browser' };
      const facts = postMortemFacts(occurrenceId, occurrence(occurrenceId));
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (format === 'markdown') return deps.exporter.saveMarkdown({ suggestedName: postMortemFileName(facts.title, facts.startAt, zone, 'md'), markdown: normalizeMarkdown(draft.text) });
      return deps.exporter.savePdf({ suggestedName: postMortemFileName(facts.title, facts.startAt, zone, 'pdf') });
    },
  };
}
