import type { IncidentView } from '../../shared/domain.ts';
import { alarmLevelTone, severityTone } from '../../shared/incidents/urgency.ts';
import { uiStore } from '../state/ui-store.ts';
import { AckButton } from './ack-button.tsx';
import { TickingAckDeadline } from './ack-deadline.tsx';
import { AckError } from './ack-error.tsx';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';

/** One ringing alarm: what, how bad, how long left to acknowledge, and the button to do it. */
export function AlarmBanner({ incident }: { incident: IncidentView }) {
  const alarm = incident.alarm;
  if (!alarm) return null;
  const level = alarmLevelTone(alarm.level);
  return (
    <section
      className={`alarm-banner alarm-banner--${severityTone(alarm.severity)} alarm-banner--level-${level}`}
      data-testid="alarm-banner"
      data-incident-key={incident.key}
      data-level={alarm.level}
      role="alert"
      aria-label={`Alarm: ${incident.title}`}
    >
      <div className="alarm-banner__what">
        <SeverityBadge severity={alarm.severity} testId="alarm-severity" />
        <button type="button" className="alarm-banner__title button--plain" onClick={() => uiStore.getState().focusIncident(incident.key)}>
          <SafeText value={incident.title} limit={200} testId="alarm-title" />
        </button>
        {alarm.level > 0 ? (
          <span className="alarm-banner__level" data-testid="alarm-level">
            re-alarm ×{alarm.level}
          </span>
        ) : null}
        {alarm.loud ? <span className="alarm-banner__loud">loud</span> : null}
      </div>
      <div className="alarm-banner__act">
        <TickingAckDeadline alarm={alarm} testId="alarm-countdown" />
        <AckButton incidentKey={incident.key} acking={alarm.acking} via="window" />
      </div>
      <AckError incidentKey={incident.key} coreError={alarm.ackError} />
    </section>
  );
}
