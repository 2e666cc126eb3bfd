import { displayText, truncationNote } from '../../shared/display-text.ts';

interface SafeTextProps {
  value: unknown;
  /** Characters to show before truncating (default 2,000). */
  limit?: number;
  className?: string;
  testId?: string;
}

/**
 * Untrusted text, rendered the only way it may be: as a React text child (never HTML), bounded
 * in length and with bidi/control characters made visible (see shared/display-text.ts).
 */
export function SafeText({ value, limit, className, testId }: SafeTextProps) {
  const shown = displayText(value, limit);
  return (
    <span className={className} data-testid={testId} data-truncated={shown.truncated ? 'true' : undefined}>
      {shown.text}
      {shown.truncated ? <span className="truncation-note"> ({truncationNote(shown.fullLength)})</span> : null}
    </span>
  );
}
