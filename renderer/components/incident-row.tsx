import { memo } from 'react';
import type { IncidentView } from '../../shared/domain.ts';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';

interface IncidentRowProps {
  incident: IncidentView;
  ageText: string;
  selected: boolean;
  onSelect: (key: string) => void;
}

function alertCountText(count: number): string {
  return `${count.toLocaleString('en-US')} alert${count === 1 ? '' : 's'}`;
}

/** One incident in the list. Memoised: the list re-renders every second for ages, rows only when their data changes. */
export const IncidentRow = memo(function IncidentRow({ incident, ageText, selected, onSelect }: IncidentRowProps) {
  const ringing = incident.alarm !== null;
  return (
    <li
      className={`incident-row incident-row--${incident.state}${ringing ? ' incident-row--ringing' : ''}${selected ? ' incident-row--selected' : ''}`}
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
        <span className="incident-row__age" data-testid="incident-age" title="since the first alert started">
          {ageText}
        </span>
        <span className={`state state--${incident.state}`} data-testid="incident-state">
          {ringing ? 'ringing' : incident.state}
        </span>
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
});
