// The words for the one ack deadline (AlarmView.ackDeadline), in one place so the alarm strip,
// the incident list, the detail, the escalation clock, the alarm window and the tray all say the
// same thing about the same instant: "ack within 01:43" before it, "overdue +02:17" after it.

import { twoDigits } from './two-digits.ts';

/** mm:ss below an hour, h:mm:ss above (an info deadline of 24 h would read "1440:00" otherwise). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${twoDigits(m)}:${twoDigits(sec)}` : `${twoDigits(m)}:${twoDigits(sec)}`;
}

/** How a view writes a span of time: what is left before the deadline, and how far past it. */
export interface DeadlineDurations {
  left(ms: number): string;
  over(ms: number): string;
}

/**
 * Seconds-exact: remaining time rounds up (0.4 s left still shows 00:01, so "00:00" never shows
 * before the deadline); overdue time rounds down.
 */
export const CLOCK_DURATIONS: DeadlineDurations = {
  left: (ms) => formatClock(Math.ceil(ms / 1000)),
  over: (ms) => formatClock(Math.floor(ms / 1000)),
};

/** "01:59" while time remains, "overdue +00:03" once the deadline has passed. */
export function formatCountdown(msLeft: number, durations: DeadlineDurations = CLOCK_DURATIONS): string {
  return msLeft >= 0 ? durations.left(msLeft) : `overdue +${durations.over(-msLeft)}`;
}

/**
 * "ack within 01:43" before the ack deadline, "overdue +02:17" past it: the deadline never
 * moves, so an overdue incident counts up rather than showing a fresh countdown.
 */
export function ackDeadlineText(ackDeadline: number, nowMs: number, durations: DeadlineDurations = CLOCK_DURATIONS): string {
  const msLeft = ackDeadline - nowMs;
  return msLeft >= 0 ? `ack within ${durations.left(msLeft)}` : formatCountdown(msLeft, durations);
}
