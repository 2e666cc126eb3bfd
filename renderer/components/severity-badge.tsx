import { displayText } from '../../shared/display-text.ts';
import { severityTone } from '../../shared/incidents/urgency.ts';

export function SeverityBadge({ severity, testId }: { severity: string; testId?: string }) {
  return (
    <span className={`badge badge--${severityTone(severity)}`} data-testid={testId} data-severity={displayText(severity, 64).text}>
      {displayText(severity, 32).text}
    </span>
  );
}
