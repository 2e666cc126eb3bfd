import { SafeText } from './safe-text.tsx';

/** Loud, persistent warnings from the core, e.g. a source is unreachable while I am on call. */
export function WarningBanner({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="banner banner--warning" data-testid="warning-banner" role="alert">
      <strong>Attention</strong>
      <ul>
        {warnings.slice(0, 20).map((warning, index) => (
          <li key={index} data-testid="warning-item">
            <SafeText value={warning} limit={500} />
          </li>
        ))}
      </ul>
      {warnings.length > 20 ? <p>+{warnings.length - 20} more warnings</p> : null}
    </section>
  );
}
