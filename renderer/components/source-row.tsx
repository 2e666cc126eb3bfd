import type { SourceHealth } from '../../shared/domain.ts';
import { formatAgo } from '../lib/time-text.ts';
import { PrometheusHealth } from './prometheus-health.tsx';
import { SafeText } from './safe-text.tsx';
import { countText } from '../../shared/count-text.ts';

export function SourceRow({ source, now }: { source: SourceHealth; now: number }) {
  return (
    <li className={`source-row source-row--${source.state}`} data-testid="source-row" data-source-id={source.id} data-state={source.state}>
      <div className="source-row__head">
        <span className={`dot dot--${source.state}`} aria-hidden="true" />
        <SafeText value={source.name || source.id} limit={100} className="source-row__name" />
        <span className="source-row__state">{source.state}</span>
        <span className="source-row__alerts" data-testid="source-alert-count">
          {countText(source.alertCount)} alerts
        </span>
      </div>
      <div className="source-row__facts muted">
        {/* A poll that changes nothing publishes no snapshot, so while the source answers its age
            here would only grow; it is shown once polls fail, when it is the news. */}
        <span data-testid="source-last-success">
          {source.lastSuccessAt === null ? 'no answer yet' : source.state === 'ok' ? 'answering' : `last success: ${formatAgo(now - source.lastSuccessAt)}`}
        </span>
        {source.consecutiveFailures > 0 ? <span data-testid="source-failures"> · {source.consecutiveFailures} failed polls in a row</span> : null}
        {source.quarantined > 0 ? (
          <span className="source-row__quarantined" data-testid="source-quarantined">
            {' '}
            · {source.quarantined} malformed items dropped
          </span>
        ) : null}
      </div>
      <div className="source-row__urls muted mono">
        <SafeText value={source.urls.join(' · ')} limit={300} />
      </div>
      {source.prometheus ? <PrometheusHealth health={source.prometheus} now={now} /> : null}
      {source.error ? (
        <p className="source-row__error" data-testid="source-error">
          <SafeText value={source.error} limit={500} />
        </p>
      ) : null}
    </li>
  );
}
