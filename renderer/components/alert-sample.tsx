import type { AlertView, LabelSet } from '../../shared/domain.ts';
import { formatAge } from '../lib/time-text.ts';
import { displayText } from '../lib/display-text.ts';

/** Labels every sampled alert shares; the table then shows only what tells alerts apart. */
export function commonLabels(alerts: readonly AlertView[]): LabelSet {
  const [first, ...rest] = alerts;
  if (!first) return {};
  const common: LabelSet = {};
  for (const [name, value] of Object.entries(first.labels)) {
    if (rest.every((alert) => alert.labels[name] === value)) common[name] = value;
  }
  return common;
}

function distinguishing(alert: AlertView, common: LabelSet): string {
  const parts = Object.entries(alert.labels)
    .filter(([name]) => !(name in common))
    .slice(0, 20)
    .map(([name, value]) => `${name}=${value}`);
  return parts.length > 0 ? parts.join(' ') : '(same labels)';
}

export function AlertSample({ alerts, alertCount, now }: { alerts: readonly AlertView[]; alertCount: number; now: number }) {
  const common = commonLabels(alerts);
  return (
    <section className="alert-sample" aria-label="Alerts">
      <h3 className="section-title">
        Alerts <span className="muted">({alertCount.toLocaleString('en-US')})</span>
      </h3>
      {alertCount > alerts.length ? (
        <p className="note" data-testid="alert-sample-note">
          Showing a sample of {alerts.length} of {alertCount.toLocaleString('en-US')} alerts.
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
              <td className="mono">{displayText(distinguishing(alert, common), 300).text}</td>
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
