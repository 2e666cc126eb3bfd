import { memo } from 'react';
import { ackDeadlineText } from '../../shared/ack-deadline-text.ts';
import type { AlarmView, IncidentView } from '../../shared/domain.ts';
import { alertCountText } from '../../shared/incidents/alert-count-text.ts';
import { ackRuleText } from '../lib/ack-deadline.ts';
import { formatAge } from '../lib/time-text.ts';
import { useNow } from '../state/use-now.ts';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';

interface IncidentRowProps {
  incident: IncidentView;
  selected: boolean;
  onSelect: (key: string) => void;
  /** Where the row sits in the virtualized list (which also sets its offset): its index and the list's length. */
  index: number;
  setSize: number;
  measureRef: (element: HTMLLIElement | null) => void;
}

/**
 * The parts of an incident a row shows. Each snapshot brings new incident objects (in a storm,
 * several a second with hundreds of incidents), so rows compare these instead of identity.
 * Keep in step with what IncidentRow renders.
 */
function shownFields(incident: IncidentView): unknown[] {
  const { alarm, ack } = incident;
  return [incident.key, incident.state, incident.severity, incident.title, incident.alertCount, incident.startsAt, ack?.by, ack?.via, alarm === null, alarm?.ackDeadline, alarm?.pagedAt];
}

function sameRow(a: IncidentRowProps, b: IncidentRowProps): boolean {
  const { incident: x, ...restA } = a;
  const { incident: y, ...restB } = b;
  const fieldsA = shownFields(x);
  const fieldsB = shownFields(y);
  return (
    fieldsA.every((value, i) => Object.is(value, fieldsB[i])) &&
    (Object.keys(restA) as Array<keyof typeof restA>).every((name) => Object.is(restA[name], restB[name]))
  );
}

/** The row's age ("12m"), on its own clock so the 1 s tick re-renders this text, not the row. */
function IncidentAge({ startsAt }: { startsAt: number }) {
  const now = useNow();
  return (
    <span className="incident-row__age" data-testid="incident-age" title="since the first alert started">
      {formatAge(now - startsAt)}
    </span>
  );
}

/** "ack within 01:43" / "overdue +02:17" (shared/ack-deadline-text.ts), on its own clock like IncidentAge. */
function RowAckDeadline({ alarm }: { alarm: Pick<AlarmView, 'ackDeadline' | 'pagedAt'> }) {
  const now = useNow();
  const overdue = alarm.ackDeadline < now;
  return (
    // Not a live region: a list of them would talk over each other; the alarm strip announces.
    <span className={`incident-row__deadline countdown${overdue ? ' countdown--overdue' : ''}`} data-testid="incident-ack-deadline" data-deadline={alarm.ackDeadline} title={ackRuleText(alarm)}>
      {ackDeadlineText(alarm.ackDeadline, now)}
    </span>
  );
}

/**
 * One incident in the list. Memoised: the list re-renders on every snapshot; a row only when what
 * it shows changes. Its age and countdown tick on their own (a tick repaints only those).
 */
export const IncidentRow = memo(function IncidentRow({ incident, selected, onSelect, index, setSize, measureRef }: IncidentRowProps) {
  const alarm = incident.alarm;
  const ringing = alarm !== null;
  return (
    <li
      ref={measureRef}
      className={`incident-row incident-row--${incident.state}${ringing ? ' incident-row--ringing' : ''}${selected ? ' incident-row--selected' : ''}`}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-testid="incident-row"
      data-incident-key={incident.key}
      data-state={incident.state}
      data-ringing={ringing ? 'true' : 'false'}
      data-selected={selected ? 'true' : 'false'}
    >
      <button type="button" className="incident-row__button" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(incident.key)}>
        <SeverityBadge severity={incident.severity} testId="incident-severity" />
        <SafeText value={incident.title} limit={200} className="incident-row__title" testId="incident-title" />
        <span className="incident-row__count" data-testid="incident-count">
          {alertCountText(incident.alertCount)}
        </span>
        <IncidentAge startsAt={incident.startsAt} />
        <span className={`state state--${incident.state}`} data-testid="incident-state">
          {ringing ? 'ringing' : incident.state}
        </span>
        {alarm ? <RowAckDeadline alarm={alarm} /> : null}
        {incident.ack ? (
          <span className="incident-row__ack">
            <SafeText value={`acked by ${incident.ack.by}`} limit={120} testId="incident-acked-by" />
            <span className="muted" data-testid="incident-acked-via">
              {' '}
              via {incident.ack.via}
            </span>
          </span>
        ) : null}
      </button>
    </li>
  );
}, sameRow);
