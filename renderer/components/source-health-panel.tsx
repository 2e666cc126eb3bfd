import type { SourceHealth } from '../../shared/domain.ts';
import { useNow } from '../state/use-now.ts';
import { SourceRow } from './source-row.tsx';

export function SourceHealthPanel({ sources }: { sources: readonly SourceHealth[] }) {
  const now = useNow();
  return (
    <section className="source-health" data-testid="source-health" aria-label="Alert sources">
      <h2 className="section-title">Sources</h2>
      {sources.length === 0 ? <p className="muted">No Alertmanager configured.</p> : null}
      <ul className="source-health__list">
        {sources.map((source) => (
          <SourceRow key={source.id} source={source} now={now} />
        ))}
      </ul>
    </section>
  );
}
