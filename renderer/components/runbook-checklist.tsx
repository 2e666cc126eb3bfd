import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { IncidentView } from '../../shared/domain.ts';
import type { RunbookStep, RunbookView } from '../../shared/runbooks/runbook-model.ts';
import { checklistKey, stepAfterMove } from '../lib/checklist-keys.ts';
import { displayText } from '../../shared/display-text.ts';
import { formatTimeOfDay } from '../lib/zone-time.ts';
import { useRunbook, useSetChecklistStep } from '../state/runbook-query.ts';
import { copyCommand, type CopyState } from './runbook-command.tsx';
import { RunbookPhase, type StepControls } from './runbook-phase.tsx';
import { SafeText } from './safe-text.tsx';
import './runbook-checklist.css';
import { countText } from '../../shared/count-text.ts';

function RunbookSource({ view }: { view: RunbookView }) {
  const source = view.source;
  return (
    <p className="runbook-checklist__source muted" data-testid="runbook-source">
      {source ? (
        <>
          from <SafeText value={source.location} limit={300} />
          {source.kind === 'url' && source.fetchedAt !== null ? ` (fetched ${formatTimeOfDay(source.fetchedAt)}${source.offline ? ', offline copy' : ''})` : ''}
        </>
      ) : null}
      {view.checklist?.truncated ? (
        <span data-testid="runbook-truncated">
          {' '}
          · only part of this runbook{view.sizeChars !== null ? ` (${countText(view.sizeChars)} characters)` : ''} is shown as a checklist
        </span>
      ) : null}
    </p>
  );
}

/**
 * The incident's runbook as a live checklist: phases with their time boxes counting down from the
 * incident's start, steps to check (journaled by the core, so they survive restarts), commands to
 * copy. Nothing from the runbook is ever HTML, fetched by the renderer or run.
 */
export function RunbookChecklist({ incident, now }: { incident: IncidentView; now: number }) {
  const runbook = useRunbook(incident.key, incident.occurrenceId);
  const setStep = useSetChecklistStep(incident.key, incident.occurrenceId);
  const [activeStepId, setActiveStepId] = useState<string | null>(null);
  const [copied, setCopied] = useState<CopyState | null>(null);
  const root = useRef<HTMLElement>(null);
  const view = runbook.data;
  const checklist = view?.checklist ?? null;
  const steps = useMemo(() => checklist?.phases.flatMap((p) => p.steps) ?? [], [checklist]);
  const checked = useMemo(() => new Set(view?.checked ?? []), [view]);

  if (runbook.isPending) {
    return (
      <p className="runbook-checklist__loading muted" data-testid="runbook-loading">
        Loading the runbook…
      </p>
    );
  }
  if (runbook.isError) {
    return (
      <p className="error" data-testid="runbook-problem">
        Could not load the runbook: <SafeText value={runbook.error.message} limit={300} />
      </p>
    );
  }
  if (!view || !checklist) {
    // No checklist: the runbook_url link above stays the way in, with the reason if there is one.
    return view?.problem ? (
      <p className="runbook-checklist__problem muted" data-testid="runbook-problem">
        No runbook checklist: <SafeText value={view.problem} limit={400} />
      </p>
    ) : null;
  }

  const copy = (key: string, command: string) => {
    void copyCommand(command).then((ok) => setCopied({ key, ok }));
  };
  const controls: StepControls = {
    checked,
    activeStepId: activeStepId !== null && steps.some((s) => s.id === activeStepId) ? activeStepId : (steps[0]?.id ?? null),
    pendingStepId: setStep.isPending ? (setStep.variables?.stepId ?? null) : null,
    copied,
    onToggle: (step: RunbookStep) => setStep.mutate({ stepId: step.id, checked: !checked.has(step.id) }),
    onFocusStep: setActiveStepId,
    onCopy: copy,
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const key = checklistKey({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, repeat: event.repeat, target: event.target instanceof HTMLElement ? event.target : null });
    if (!key || !(event.target instanceof HTMLElement)) return;
    const current = event.target.closest<HTMLElement>('[data-step-id]')?.dataset.stepId ?? controls.activeStepId;
    if (key === 'copy') {
      const step = steps.find((s) => s.id === current);
      if (!step || step.commands.length === 0) return;
      copy(`${step.id}#0`, step.commands[0]!);
    } else {
      const next = stepAfterMove(
        steps.map((s) => s.id),
        current,
        key,
      );
      if (next === null) return;
      setActiveStepId(next);
      root.current?.querySelector<HTMLElement>(`[data-step-toggle="${CSS.escape(next)}"]`)?.focus();
    }
    // The window's j/k (next incident) must not also act on this key.
    event.preventDefault();
    event.stopPropagation();
  };

  const done = steps.filter((s) => checked.has(s.id)).length;
  const clock = incident.resolvedAt ?? now;
  return (
    <section className="runbook-checklist" data-testid="runbook-checklist" aria-label="Runbook checklist" ref={root} onKeyDown={onKeyDown}>
      <header className="runbook-checklist__head">
        <h3 className="section-title">Runbook</h3>
        {checklist.title ? <span className="runbook-checklist__title">{displayText(checklist.title, 200).text}</span> : null}
        <span className="runbook-checklist__progress muted" data-testid="runbook-progress">
          {done} of {steps.length} steps checked
        </span>
      </header>
      <RunbookSource view={view} />
      {view.problem ? (
        <p className="runbook-checklist__problem muted" data-testid="runbook-problem">
          <SafeText value={view.problem} limit={400} />
        </p>
      ) : null}
      {setStep.isError ? (
        <p className="error" role="alert" data-testid="runbook-step-error">
          Not saved: <SafeText value={setStep.error.message} limit={300} />
        </p>
      ) : null}
      <div className="runbook-checklist__phases">
        {checklist.phases.map((phase) => (
          <RunbookPhase key={phase.id} phase={phase} startsAt={incident.startsAt} now={clock} controls={controls} />
        ))}
      </div>
    </section>
  );
}
