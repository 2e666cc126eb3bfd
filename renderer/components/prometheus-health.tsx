import type { PrometheusHealthView } from '../../shared/prometheus/prometheus-views.ts';
import { formatAgo } from '../lib/time-text.ts';
import { SafeText } from './safe-text.tsx';
import '../workspace.css';

/**
 * A source's Prometheus in the Sources panel: reachable or not, and its rules whose last evaluation
 * failed, since a broken rule is an alert that will never fire.
 */
export function PrometheusHealth({ health, now }: { health: PrometheusHealthView; now: number }) {
  const broken = health.brokenRuleCount;
  return (
    <div className="prometheus-health" data-testid="prometheus-health" data-state={health.state} data-broken-rules={broken}>
      <div className="prometheus-health__head">
        <span className={`dot dot--${health.state}`} aria-hidden="true" />
        <span>Prometheus {health.state}</span>
        <span className="muted">
          {' '}
          · {health.ruleCount} rules · last answer {health.lastSuccessAt === null ? 'never' : formatAgo(now - health.lastSuccessAt)}
        </span>
        {broken > 0 ? (
          <span className="prometheus-health__broken" data-testid="rule-health-broken">
            {' '}
            · {broken} broken {broken === 1 ? 'rule' : 'rules'}
          </span>
        ) : null}
      </div>
      {health.error ? (
        <p className="source-row__error" data-testid="prometheus-error">
          <SafeText value={health.error} limit={400} />
        </p>
      ) : null}
      {broken > 0 ? (
        <ul className="prometheus-health__rules" aria-label="Broken rules">
          {health.brokenRules.map((rule) => (
            <li key={`${rule.group}\u0000${rule.name}`} data-testid="broken-rule" data-rule={rule.name.slice(0, 256)}>
              <SafeText value={rule.name} limit={120} className="prometheus-health__rule-name" /> <span className="muted">({rule.type}, group <SafeText value={rule.group} limit={80} />)</span>:{' '}
              <SafeText value={rule.lastError ?? 'evaluation failed'} limit={300} /> <span className="muted">— its alert can never fire</span>
            </li>
          ))}
          {broken > health.brokenRules.length ? <li className="muted">and {broken - health.brokenRules.length} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
