import { formatInZone, localTimeZone } from '../lib/zone-time.ts';

/** A moment in the person's own zone and, when different, in mine. */
export function DualTime({ at, timeZone }: { at: number; timeZone: string | null }) {
  const mine = formatInZone(at);
  const theirs = timeZone && timeZone !== localTimeZone() ? formatInZone(at, timeZone) : null;
  return (
    <span className="dual-time">
      <span className="dual-time__mine" data-testid="time-mine">
        {mine}
      </span>
      {theirs && theirs !== mine ? (
        <span className="dual-time__theirs muted" data-testid="time-theirs">
          {' '}
          (their time {theirs})
        </span>
      ) : null}
    </span>
  );
}
