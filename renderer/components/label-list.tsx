import type { LabelSet } from '../../shared/domain.ts';
import { SafeText } from './safe-text.tsx';

// An alert can carry any number of labels of any size; show a bounded number, each bounded.
const MAX_ENTRIES = 100;

/** Labels or annotations as a definition list of plain text. */
export function LabelList({ labels, testId, emptyText }: { labels: LabelSet; testId: string; emptyText: string }) {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <dl className="label-list" data-testid={testId}>
      {entries.length === 0 ? <div className="muted">{emptyText}</div> : null}
      {entries.slice(0, MAX_ENTRIES).map(([name, value]) => (
        <div className="label-list__entry" key={name}>
          <dt>
            <SafeText value={name} limit={200} />
          </dt>
          <dd>
            <SafeText value={value} />
          </dd>
        </div>
      ))}
      {entries.length > MAX_ENTRIES ? <div className="muted">+{entries.length - MAX_ENTRIES} more</div> : null}
    </dl>
  );
}
