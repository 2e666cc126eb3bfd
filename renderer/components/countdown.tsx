import { formatCountdown, shouldAnnounceCountdown, spokenCountdown } from '../lib/time-text.ts';

interface CountdownProps {
  deadline: number;
  now: number;
  testId?: string;
  className?: string;
  label?: string;
}

/**
 * A live "mm:ss" / "overdue +mm:ss" countdown. It is a polite live region, but one that changed
 * every second would drown a screen reader, so it stays aria-busy (announcements held back)
 * except on the ticks shouldAnnounceCountdown picks: once a minute, every 15 s in the last
 * minute, and when the deadline passes. The visible text stays exact for sighted users and tests.
 */
export function Countdown({ deadline, now, testId, className, label }: CountdownProps) {
  const msLeft = deadline - now;
  const overdue = msLeft < 0;
  return (
    <span
      className={`countdown${overdue ? ' countdown--overdue' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-overdue={overdue ? 'true' : 'false'}
      role="timer"
      aria-live="polite"
      aria-atomic="true"
      aria-busy={!shouldAnnounceCountdown(msLeft)}
      aria-label={label ? `${label}: ${spokenCountdown(msLeft)}` : spokenCountdown(msLeft)}
    >
      {formatCountdown(msLeft)}
    </span>
  );
}
