import type { AlarmView, EscalationView } from '../../shared/domain.ts';
import { ackRuleText, clockAckDeadline } from '../lib/ack-deadline.ts';
import { formatClock, formatDelay } from '../lib/time-text.ts';
import { formatTimeOfDay } from '../lib/zone-time.ts';
import { Countdown } from './countdown.tsx';
import { EscalationStepRow } from './escalation-step-row.tsx';

/**
 * How long the incident has run, the ack and respond deadlines, and who is paged next. While the
 * incident alarms me, the ack deadline shown is my one ack deadline (the same instant the alarm
 * strip, the list and the detail show); otherwise it is the team's, the first step's, and says so.
 */
export function EscalationClock({ escalation, alarm, now }: { escalation: EscalationView; alarm: AlarmView | null; now: number }) {
  const ack = clockAckDeadline({ alarm, escalation });
  const teamRule = `The team's ack deadline: ${formatDelay(escalation.ackDeadline - escalation.startedAt)} from the incident's start (${formatTimeOfDay(escalation.startedAt)})`;
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
            {ack ? (
              <DeadlineTerm
                term={ack.whose === 'mine' ? 'your deadline' : "team's deadline"}
                deadline={ack.at}
                now={now}
                testId="escalation-ack-countdown"
                label={ack.whose === 'mine' ? 'Time left to acknowledge' : "Time left for the team's ack"}
                title={alarm && ack.whose === 'mine' ? ackRuleText(alarm) : teamRule}
                ackWords
                whose={ack.whose}
              />
            ) : null}
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

interface DeadlineTermProps {
  term: string;
  deadline: number;
  now: number;
  testId: string;
  label: string;
  title?: string;
  ackWords?: boolean;
  whose?: 'mine' | 'team';
}

/** One deadline of the clock: its name and a live countdown to it. */
function DeadlineTerm({ term, deadline, now, testId, label, title, ackWords, whose }: DeadlineTermProps) {
  return (
    <div data-whose={whose}>
      <dt>{term}</dt>
      <dd>
        <Countdown deadline={deadline} now={now} testId={testId} label={label} title={title} ackWords={ackWords} />
      </dd>
    </div>
  );
}
