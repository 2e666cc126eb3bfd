import type { PendingAlertView } from '../../shared/prometheus/prometheus-views.ts';
import { formatClock } from '../lib/time-text.ts';
import { formatDelay } from '../lib/time-text.ts';
import { useNow } from '../state/use-now.ts';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';
import '../workspace.css';

const SHOWN = 30;
/** Labels that say where a pending alert is, after its name and severity. */
const WHERE = ['instance', 'service', 'job', 'namespace', 'pod', 'cluster'];

function where(labels: Record<string, string>): string {
  return WHERE.filter((name) => Object.hasOwn(labels, name))
    .map((name) => `${name}=${labels[name]}`)
    .join(' · ');
}

function timeLeft(alert: PendingAlertView, now: number): string {
  if (alert.firesAt === null) return `pending, fires after ${formatDelay(alert.forMs)}`;
  const left = alert.firesAt - now;
  // Past its for:, Prometheus sends it at its next evaluation; Alertmanager then routes it.
  if (left <= 0) return 'fires now';
  return `fires in ${formatClock(left / 1000)}`;
}

/**
 * Pending alerts in the sources' Prometheus that would page me (the source's filter applied), with
 * how long until their rule's `for:` elapses. A warning, never an alarm: no sound, no notification,
 * no live region; the list only says what is coming.
 */
export function AboutToFireList({ pending, watching }: { pending: readonly PendingAlertView[]; watching: boolean }) {
  const now = useNow();
  if (!watching && pending.length === 0) return null;
  const shown = pending.slice(0, SHOWN);
  return (
    <section className="about-to-fire" data-testid="about-to-fire" aria-label="About to fire">
      <h2 className="section-title">About to fire ({pending.length})</h2>
      {pending.length === 0 ? <p className="muted about-to-fire__empty">Nothing pending in Prometheus.</p> : null}
      <ul className="about-to-fire__list">
        {shown.map((alert) => (
          <li key={alert.key} className="about-to-fire__item" data-testid="about-to-fire-item" data-alertname={alert.alertname.slice(0, 256)} data-fires-at={alert.firesAt ?? ''}>
            <div className="about-to-fire__head">
              {alert.severity ? <SeverityBadge severity={alert.severity} /> : null}
              <SafeText value={alert.alertname} limit={120} className="about-to-fire__name" />
              <span className="about-to-fire__left mono" data-testid="about-to-fire-left">
                {timeLeft(alert, now)}
              </span>
            </div>
            <div className="about-to-fire__facts muted">
              <SafeText value={where(alert.labels) || alert.summary || alert.ruleGroup} limit={200} /> · for {formatDelay(alert.forMs)}
            </div>
          </li>
        ))}
      </ul>
      {pending.length > shown.length ? <p className="muted">and {pending.length - shown.length} more</p> : null}
    </section>
  );
}
