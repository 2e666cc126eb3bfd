import type { EscalationView } from '../../shared/domain.ts';
import { formatClock } from '../lib/time-text.ts';
import { Countdown } from './countdown.tsx';
import { EscalationStepRow } from './escalation-step-row.tsx';

/** How long the incident has run, the ack and respond deadlines, and who is paged next. */
export function EscalationClock({ escalation, now }: { escalation: EscalationView; now: number }) {
  return (
    <section className="escalation-clock" data-testid="escalation-clock" data-stopped={escalation.stopped ? 'true' : 'false'} aria-label="Escalation">
      <h3 className="section-title">Escalation</h3>
      <dl className="escalation-clock__times">
        <div>
          <dt>since start</dt>
          <dd className="mono" data-testid="escalation-elapsed">
            {formatClock((now - escalation.startedAt) / 1000)}
          </dd>
        </div>
        {escalation.stopped ? (
          <div>
            <dt>status</dt>
            <dd data-testid="escalation-stopped">stopped — acknowledged or resolved</dd>
          </div>
        ) : (
          <>
            <DeadlineTerm term="ack by" deadline={escalation.ackDeadline} now={now} testId="escalation-ack-countdown" label="Time left to acknowledge" />
            {escalation.respondDeadline !== null ? (
              <DeadlineTerm term="respond by" deadline={escalation.respondDeadline} now={now} testId="escalation-respond-countdown" label="Time left to respond" />
            ) : null}
          </>
        )}
      </dl>
      <ol className="escalation-clock__steps">
        {escalation.steps.map((step) => (
          <EscalationStepRow key={step.index} step={step} now={now} stopped={escalation.stopped} />
        ))}
      </ol>
    </section>
  );
}

/** One deadline of the clock: its name and a live countdown to it. */
function DeadlineTerm({ term, deadline, now, testId, label }: { term: string; deadline: number; now: number; testId: string; label: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        <Countdown deadline={deadline} now={now} testId={testId} label={label} />
      </dd>
    </div>
  );
}
