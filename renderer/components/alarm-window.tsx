import type { AppSnapshot } from '../../shared/domain.ts';
import { useAlarmSound } from '../audio/use-alarm-sound.ts';
import { alarmLevelTone, ringingAlarms, severityTone } from '../../shared/incidents/urgency.ts';
import { useKeyboardShortcuts } from '../state/use-keyboard-shortcuts.ts';
import { useNow } from '../state/use-now.ts';
import { useDocumentTitle, useReadyMarker } from '../state/use-page-effects.ts';
import { AckButton } from './ack-button.tsx';
import { AckDeadline } from './ack-deadline.tsx';
import { AckError } from './ack-error.tsx';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';

/**
 * The compact always-on-top alarm window (route #/alarm). OS notifications can be swallowed by
 * do-not-disturb; this window and its beep cannot, which is why loud alarms get it.
 */
export function AlarmWindow({ snapshot }: { snapshot: AppSnapshot }) {
  const now = useNow();
  const ringing = ringingAlarms(snapshot.incidents);
  const top = ringing[0];
  const loud = ringing.filter((incident) => incident.alarm?.loud && !incident.alarm.acking);
  const loudestLevel = Math.max(0, ...loud.map((incident) => incident.alarm?.level ?? 0));
  const sound = useAlarmSound(loud.length > 0, loudestLevel);
  useKeyboardShortcuts();
  useReadyMarker(true);
  useDocumentTitle(top ? `ALARM: ${top.title.slice(0, 80)}` : 'Vigil alarm');

  if (!top?.alarm) {
    return (
      <div className="alarm-window alarm-window--idle" data-testid="alarm-idle">
        <p>No alarm is ringing.</p>
      </div>
    );
  }
  const alarm = top.alarm;
  return (
    <div
      className={`alarm-window alarm-window--${severityTone(alarm.severity)} alarm-window--level-${alarmLevelTone(alarm.level)}`}
      data-testid="alarm-window"
      data-incident-key={top.key}
      role="alert"
    >
      <div className="alarm-window__head">
        <SeverityBadge severity={alarm.severity} testId="alarm-severity" />
        {alarm.level > 0 ? <span data-testid="alarm-level">re-alarm ×{alarm.level}</span> : null}
        {ringing.length > 1 ? <span className="muted">+{ringing.length - 1} more ringing</span> : null}
      </div>
      <h1 className="alarm-window__title">
        <SafeText value={top.title} limit={200} testId="alarm-title" />
      </h1>
      {top.summary ? <SafeText value={top.summary} limit={160} className="alarm-window__summary" /> : null}
      <AckDeadline alarm={alarm} now={now} testId="alarm-countdown" className="alarm-window__countdown" />
      <AckButton incidentKey={top.key} acking={alarm.acking} via="alarm-window" className="alarm-window__ack" />
      <AckError incidentKey={top.key} coreError={alarm.ackError} />
      {sound.blocked ? (
        <button type="button" className="button" data-testid="enable-sound" onClick={sound.enable}>
          Enable alarm sound
        </button>
      ) : null}
    </div>
  );
}
