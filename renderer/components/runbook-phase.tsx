import type { RunbookPhase as Phase, RunbookStep as Step } from '../../shared/runbooks/runbook-model.ts';
import { formatTimeBox } from '../../shared/runbooks/runbook-model.ts';
import { displayText } from '../../shared/display-text.ts';
import { Countdown } from './countdown.tsx';
import { RunbookCommand, type CopyState } from './runbook-command.tsx';
import { RunbookLine, RunbookLinks, RunbookNotes } from './runbook-text.tsx';

export interface StepControls {
  checked: ReadonlySet<string>;
  /** The step that takes Tab focus (roving tabindex): arrows and j/k move it. */
  activeStepId: string | null;
  pendingStepId: string | null;
  copied: CopyState | null;
  onToggle(step: Step): void;
  onFocusStep(stepId: string): void;
  onCopy(key: string, command: string): void;
}

function RunbookStep({ step, controls }: { step: Step; controls: StepControls }) {
  const checked = controls.checked.has(step.id);
  return (
    <li className={`runbook-step runbook-step--depth-${Math.min(step.depth, 4)}${checked ? ' runbook-step--checked' : ''}`} data-testid="runbook-step" data-step-id={step.id} data-checked={checked ? 'true' : 'false'}>
      <button
        type="button"
        role="checkbox"
        aria-checked={checked}
        aria-busy={controls.pendingStepId === step.id}
        tabIndex={controls.activeStepId === step.id ? 0 : -1}
        className="runbook-step__toggle"
        data-step-toggle={step.id}
        data-testid="runbook-step-toggle"
        onClick={() => controls.onToggle(step)}
        onFocus={() => controls.onFocusStep(step.id)}
      >
        <span className="runbook-step__box" aria-hidden="true">
          {checked ? '✓' : ''}
        </span>
        {step.number !== null ? <span className="runbook-step__number">{step.number}.</span> : null}
        <span className="runbook-step__text">{step.parts.length > 0 ? <RunbookLine parts={step.parts} /> : 'Run the command below'}</span>
      </button>
      <RunbookLinks lines={[step.parts, ...step.notes.map((n) => n.parts)]} />
      <RunbookNotes notes={step.notes} />
      {step.commands.map((command, index) => (
        <RunbookCommand key={index} command={command} copyKey={`${step.id}#${index}`} copied={controls.copied} onCopy={controls.onCopy} />
      ))}
    </li>
  );
}

/** A phase: its title, its time box counting down from the incident's start (red once passed), its steps. */
export function RunbookPhase({ phase, startsAt, now, controls }: { phase: Phase; startsAt: number; now: number; controls: StepControls }) {
  const elapsed = now - startsAt;
  const box = phase.timeBox;
  const current = box !== null && elapsed >= box.fromMs && elapsed < box.toMs;
  const done = phase.steps.length > 0 && phase.steps.every((s) => controls.checked.has(s.id));
  const title = displayText(phase.title, 300).text;
  return (
    <section className={`runbook-phase${current ? ' runbook-phase--current' : ''}`} data-testid="runbook-phase" data-phase-id={phase.id} data-current={current ? 'true' : 'false'} aria-label={title || 'Before the phases'}>
      {title || box ? (
        <div className="runbook-phase__head">
          <h4 className="runbook-phase__title" data-testid="runbook-phase-title">
            {title}
          </h4>
          {box ? (
            <span className="runbook-phase__timebox" data-testid="runbook-timebox">
              {formatTimeBox(box)}
              {current ? <span className="runbook-phase__now"> · now</span> : null}
              {' · '}
              {done ? (
                <span className="ok" data-testid="runbook-phase-done">
                  done
                </span>
              ) : (
                <Countdown deadline={startsAt + box.toMs} now={now} testId="runbook-phase-countdown" label={`${title}: time left`} title="Time left in this phase, counted from the incident's start" live={false} />
              )}
            </span>
          ) : null}
        </div>
      ) : null}
      <RunbookLinks lines={phase.notes.map((n) => n.parts)} />
      <RunbookNotes notes={phase.notes} />
      {phase.commands.map((command, index) => (
        <RunbookCommand key={index} command={command} copyKey={`${phase.id}#${index}`} copied={controls.copied} onCopy={controls.onCopy} />
      ))}
      {phase.steps.length > 0 ? (
        <ol className="runbook-steps">
          {phase.steps.map((step) => (
            <RunbookStep key={step.id} step={step} controls={controls} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
