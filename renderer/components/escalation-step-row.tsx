import type { EscalationStepView } from '../../shared/domain.ts';
import { formatDelay } from '../lib/time-text.ts';
import { ContactButtons } from './contact-buttons.tsx';
import { Countdown } from './countdown.tsx';
import { SafeText } from './safe-text.tsx';

export function EscalationStepRow({ step, now, stopped }: { step: EscalationStepView; now: number; stopped: boolean }) {
  return (
    <li
      className={`escalation-step${step.current ? ' escalation-step--current' : ''}${step.reached ? ' escalation-step--reached' : ''}${step.includesMe ? ' escalation-step--me' : ''}`}
      data-testid="escalation-step"
      data-index={step.index}
      data-current={step.current ? 'true' : 'false'}
      data-reached={step.reached ? 'true' : 'false'}
      data-includes-me={step.includesMe ? 'true' : 'false'}
    >
      <div className="escalation-step__head">
        <span className="escalation-step__delay mono">+{formatDelay(step.delayMs)}</span>
        <span className="escalation-step__target" data-testid="escalation-target" data-kind={step.target.kind}>
          {step.target.kind}: <SafeText value={step.target.value} limit={120} />
        </span>
        {step.includesMe ? <span className="badge badge--me">you</span> : null}
        <span className="escalation-step__when">
          {step.reached ? 'reached' : stopped ? 'not needed' : <Countdown deadline={step.at} now={now} label="Until this step" />}
        </span>
      </div>
      {step.people.length > 0 ? (
        <ul className="escalation-step__people">
          {step.people.map((person) => (
            <li key={person.handle} data-testid="escalation-person" data-handle={person.handle}>
              <SafeText value={person.name} limit={120} /> <ContactButtons person={person} />
            </li>
          ))}
        </ul>
      ) : step.target.kind !== 'action' ? (
        <p className="escalation-step__nobody">Nobody holds this role right now.</p>
      ) : null}
    </li>
  );
}
