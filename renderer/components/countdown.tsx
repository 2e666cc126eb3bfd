import { ackDeadlineText } from '../../shared/ack-deadline-text.ts';
import { formatCountdown, shouldAnnounceCountdown, spokenCountdown } from '../lib/time-text.ts';

interface CountdownProps {
  deadline: number;
  now: number;
  testId?: string;
  className?: string;
  label?: string;
  /** Say "ack within 01:43" / "overdue +02:17" (the ack deadline's words) instead of a bare "01:43". */
  ackWords?: boolean;
  /** Hover text, e.g. what the deadline means. */
  title?: string;
  /** False where another countdown on screen already announces the same deadline. */
  live?: boolean;
}

/**
 * A live "mm:ss" / "overdue +mm:ss" countdown. It is a polite live region, but one that changed
 * every second would drown a screen reader, so it stays aria-busy (announcements held back)
 * except on the ticks shouldAnnounceCountdown picks: once a minute, every 15 s in the last
 * minute, and when the deadline passes. The visible text stays exact for sighted users and tests.
 */
export function Countdown({ deadline, now, testId, className, label, ackWords = false, title, live = true }: CountdownProps) {
  const msLeft = deadline - now;
  const overdue = msLeft < 0;
  return (
    <span
      className={`countdown${overdue ? ' countdown--overdue' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-overdue={overdue ? 'true' : 'false'}
      data-deadline={deadline}
      title={title}
      role="timer"
      aria-live={live ? 'polite' : 'off'}
      aria-atomic="true"
      aria-busy={live ? !shouldAnnounceCountdown(msLeft) : undefined}
      aria-label={label ? `${label}: ${spokenCountdown(msLeft)}` : spokenCountdown(msLeft)}
    >
      {ackWords ? ackDeadlineText(deadline, now) : formatCountdown(msLeft)}
    </span>
  );
}
