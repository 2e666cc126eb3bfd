import type { AlertView } from '../../shared/domain.ts';
import { commonLabels, distinguishingLabels } from '../lib/alert-labels.ts';
import { formatAge } from '../lib/time-text.ts';
import { displayText } from '../../shared/display-text.ts';
import { countText } from '../../shared/count-text.ts';

export function AlertSample({ alerts, alertCount, now }: { alerts: readonly AlertView[]; alertCount: number; now: number }) {
  const common = commonLabels(alerts);
  return (
    <section className="alert-sample" aria-label="Alerts">
      <h3 className="section-title">
        Alerts <span className="muted">({countText(alertCount)})</span>
      </h3>
      {alertCount > alerts.length ? (
        <p className="note" data-testid="alert-sample-note">
          Showing a sample of {alerts.length} of {countText(alertCount)} alerts.
        </p>
      ) : null}
      <table className="alert-sample__table" data-testid="alert-sample">
        <thead>
          <tr>
            <th scope="col">labels</th>
            <th scope="col">state</th>
            <th scope="col">age</th>
            <th scope="col">source</th>
          </tr>
        </thead>
        <tbody>
          {alerts.slice(0, 50).map((alert) => (
            <tr key={alert.fingerprint} data-testid="alert-row" data-fingerprint={alert.fingerprint}>
              <td className="mono">{displayText(distinguishingLabels(alert, common), 300).text}</td>
              <td>{alert.state}</td>
              <td>{formatAge(now - alert.startsAt)}</td>
              <td>{displayText(alert.sources.join(', '), 100).text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
