import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import type { VigilConfig } from '../../shared/config-schema.ts';
import type { IncidentView } from '../../shared/domain.ts';
import type { VigilHandlers } from '../../shared/ipc-contract.ts';
import { checkedStepIds } from '../../shared/runbooks/checklist-state.ts';
import { cutForParsing, MAX_NESTING, runbookFromTree } from '../../shared/runbooks/runbook-checklist.ts';
import { findStep, type RunbookChecklist, type RunbookView } from '../../shared/runbooks/runbook-model.ts';
import { boundTimelineInput } from '../../shared/timeline-schema.ts';
import type { TimelineJournal } from '../journal/timeline-journal.ts';
import { createMarkdownParser } from './markdown-worker.ts';
import { openRunbookCache } from './runbook-cache.ts';
import { createRunbookLibrary, type RunbookLibrary } from './runbook-library.ts';
import { resolveRunbookPaths } from './runbook-paths.ts';

// getRunbook / setChecklistStep. A checklist's state is the replay of the occurrence's
// step-checked / step-unchecked events in the journal (shared/runbooks/checklist-state.ts), so a
// check is durable once setChecklistStep answers, and nothing else stores it.

export interface RunbookHandlerDeps {
  clock: Clock;
  journal: Pick<TimelineJournal, 'append' | 'forIncident'>;
  /** Where fetched runbooks are cached (in the data dir). */
  cacheDir: string;
  /** Relative runbook paths of the demo's built-in config resolve against this (the app's folder). */
  appRoot: string;
  /** The running configuration; null while Vigil starts. */
  config(): VigilConfig | null;
  incident(incidentKey: string): IncidentView | null;
  /** How long one runbook may take to parse (default 10 s). */
  parseTimeoutMs?: number;
}

type Parsed = { checklist: RunbookChecklist; problem: null } | { checklist: null; problem: string };

/** Parsed runbooks kept, by content: a parse is paid once per version of a runbook. */
const PARSE_CACHE_SIZE = 32;

export function createRunbookHandlers(deps: RunbookHandlerDeps): { handlers: Pick<VigilHandlers, 'getRunbook' | 'setChecklistStep'>; dispose(): void } {
  const parser = createMarkdownParser({ clock: deps.clock, timeoutMs: deps.parseTimeoutMs ?? 10_000, maxDepth: MAX_NESTING + 4 });
  const cache = openRunbookCache(deps.cacheDir);
  const parsed = new Map<string, Promise<Parsed>>();
  let library: { owner: VigilConfig; library: RunbookLibrary } | null = null;

  // One library per configuration: a settings change (a new config object) starts afresh, while
  // the fetched copies stay on disk.
  const libraryFor = (config: VigilConfig): RunbookLibrary => {
    if (library?.owner === config) return library.library;
    const runbooks = config.runbooks && resolveRunbookPaths(config.runbooks, (path) => resolve(deps.appRoot, path));
    let ca: string | undefined;
    let caProblem: string | undefined;
    if (runbooks?.ca_file !== undefined) {
      try {
        ca = readFileSync(runbooks.ca_file, 'utf8');
      } catch (error) {
        caProblem = `runbooks.ca_file cannot be read: ${(error as Error).message}`;
      }
    }
    const created = createRunbookLibrary({ config: runbooks, cache, clock: deps.clock, ...(ca !== undefined ? { ca } : {}), ...(caProblem !== undefined ? { caProblem } : {}) });
    library = { owner: config, library: created };
    return created;
  };

  const parse = (text: string): Promise<Parsed> => {
    const key = createHash('sha256').update(text).digest('hex');
    let result = parsed.get(key);
    if (!result) {
      const cut = cutForParsing(text);
      result = parser.parse(cut.text).then(
        (tree): Parsed => ({ checklist: runbookFromTree(tree, { truncated: cut.truncated }), problem: null }),
        (error: Error): Parsed => ({ checklist: null, problem: error.message }),
      );
      parsed.set(key, result);
      if (parsed.size > PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    }
    return result;
  };

  const runbookOf = async (incident: IncidentView | null): Promise<Omit<RunbookView, 'checked'>> => {
    const config = deps.config();
    if (!config) return { checklist: null, source: null, problem: 'Vigil is still starting.', sizeChars: null };
    if (!incident || incident.kind !== 'alert') return { checklist: null, source: null, problem: null, sizeChars: null };
    const labels = incident.alerts[0]?.labels ?? incident.groupLabels;
    const found = await libraryFor(config).find({ alertname: incident.alertname, labels, runbookUrl: incident.runbookUrl });
    if (found.text === null) return { checklist: null, source: found.source, problem: found.problem, sizeChars: null };
    const result = await parse(found.text);
    return { checklist: result.checklist, source: found.source, problem: result.problem ?? found.problem, sizeChars: found.text.length };
  };

  const checked = (incidentKey: string, occurrenceId: string) => checkedStepIds(deps.journal.forIncident(incidentKey), occurrenceId);

  return {
    handlers: {
      getRunbook: async ({ incidentKey, occurrenceId }) => {
        const runbook = await runbookOf(deps.incident(incidentKey));
        return { ...runbook, checked: checked(incidentKey, occurrenceId) };
      },
      setChecklistStep: async ({ incidentKey, occurrenceId, stepId, checked: wanted }) => {
        const config = deps.config();
        if (!config) throw new Error('Vigil is still starting.');
        const incident = deps.incident(incidentKey);
        if (!incident) throw new Error('Vigil no longer knows this incident.');
        if (incident.occurrenceId !== occurrenceId) throw new Error('This occurrence of the incident is over: its checklist no longer changes.');
        const runbook = await runbookOf(incident);
        if (!runbook.checklist) throw new Error(runbook.problem ?? 'This incident has no runbook checklist.');
        const hit = findStep(runbook.checklist, stepId);
        if (!hit) throw new Error('That step is not in the runbook as it is now (it may have changed): reload the checklist.');
        // Read after the await: a concurrent toggle of the same step is journaled once.
        if (checked(incidentKey, occurrenceId).includes(stepId) !== wanted) {
          const label = `${hit.step.number !== null ? `${hit.step.number}. ` : ''}${hit.step.text || 'step'}`;
          deps.journal.append(
            boundTimelineInput({
              incidentKey,
              occurrenceId,
              at: deps.clock.now(),
              type: wanted ? 'step-checked' : 'step-unchecked',
              message: `${wanted ? 'Checked' : 'Unchecked'} "${label}"${hit.phase.title ? ` (${hit.phase.title})` : ''}`,
              by: config.me.id,
              data: { step: stepId, text: hit.step.text, phase: hit.phase.title },
            }),
          );
        }
        return { checked: checked(incidentKey, occurrenceId) };
      },
    },
    dispose: () => parser.dispose(),
  };
}
