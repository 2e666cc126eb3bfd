import type { AckInfo, TimelineEventType } from '../domain.ts';
import { diffIncidentKeys } from '../incidents/incident-diff.ts';

// The alarm engine as a pure function: (book, incidents, now) -> (book', effects). No timers and
// no I/O here: the core applies effects (ring, stop, journal) and wakes at `nextWakeAt`, so the
// whole machine is tested with plain numbers for time.

export interface AlarmInput {
  key: string;
  title: string;
  severity: string;
  /** The current acknowledgement (an ack silence from this or any other Vigil), if any. */
  ack: AckInfo | null;
  /** Muted by a silence that is not an ack (a maintenance window): visible, never rings. */
  mutedByOther: boolean;
  /**
   * When this Vigil's user is paged for it: the incident start when there is no rotation, the
   * first escalation step that reaches one of my roles otherwise; null when it never pages me.
   */
  pageAt: number | null;
  alarmEnabled: boolean;
  ackWithinMs: number;
  realarmEveryMs: number;
  loud: boolean;
}

export interface AlarmRecord {
  severity: string;
  loud: boolean;
  raisedAt: number;
  /** When I was paged (the ack clock's zero): the input's pageAt, or the moment an ack vanished. */
  pagedAt: number;
  /** The one ack deadline, pagedAt + ack_within. It never moves; past it the incident is overdue. */
  deadline: number;
  /** When to ring again if still unacknowledged: the deadline, then every realarm_every. */
  nextRingAt: number;
  level: number;
}

export interface IncidentMemory {
  firstSeenAt: number;
  /** The ack we last saw, to notice a new ack and an ack that vanished while still firing. */
  ack: AckInfo | null;
}

/** Everything the machine remembers; plain JSON so the core persists it across restarts. */
export interface AlarmBook {
  incidents: Record<string, IncidentMemory>;
  alarms: Record<string, AlarmRecord>;
}

export type RingReason = 'raised' | 'deadline-missed' | 'ack-vanished';

export type AlarmEffect =
  | { type: 'ring'; key: string; title: string; reason: RingReason; level: number; loud: boolean; deadline: number; severity: string }
  | { type: 'stop'; key: string; why: 'acked' | 'muted' | 'resolved' | 'disabled' | 'not-mine' }
  | { type: 'resolved'; key: string; ack: AckInfo | null }
  | { type: 'journal'; key: string; event: TimelineEventType; message: string; by?: string; data?: Record<string, string | number | boolean | null> };

export interface AlarmStep {
  book: AlarmBook;
  effects: AlarmEffect[];
  /** The next instant something changes on its own (a deadline or a page time); null = none. */
  nextWakeAt: number | null;
}

export const emptyAlarmBook = (): AlarmBook => ({ incidents: {}, alarms: {} });

export function evaluateAlarms(previous: AlarmBook, inputs: readonly AlarmInput[], nowMs: number): AlarmStep {
  const book: AlarmBook = { incidents: { ...previous.incidents }, alarms: { ...previous.alarms } };
  const effects: AlarmEffect[] = [];
  let nextWakeAt: number | null = null;
  const wakeAt = (t: number) => {
    if (t > nowMs && (nextWakeAt === null || t < nextWakeAt)) nextWakeAt = t;
  };
  const seen = new Set<string>();

  for (const input of inputs) {
    seen.add(input.key);
    let memory = book.incidents[input.key];
    if (!memory) {
      memory = { firstSeenAt: nowMs, ack: null };
      effects.push({ type: 'journal', key: input.key, event: 'first-seen', message: `First seen: ${input.title}`, data: { severity: input.severity } });
    }
    let vanished = false;
    if (input.ack && input.ack.silenceId !== memory.ack?.silenceId && input.ack.by !== memory.ack?.by) {
      if (!input.ack.mine) {
        effects.push({ type: 'journal', key: input.key, event: 'acked-by-other', message: `Acknowledged by ${input.ack.by}`, by: input.ack.by, data: { silenceId: input.ack.silenceId } });
      }
    } else if (!input.ack && memory.ack) {
      vanished = true;
      effects.push({ type: 'journal', key: input.key, event: 'silence-vanished', message: `The ack silence by ${memory.ack.by} is gone while the incident still fires`, data: { silenceId: memory.ack.silenceId } });
    }
    memory = { ...memory, ack: input.ack };
    book.incidents[input.key] = memory;

    const alarm = book.alarms[input.key];
    const quietReason = input.ack ? 'acked' : input.mutedByOther ? 'muted' : !input.alarmEnabled ? 'disabled' : input.pageAt === null ? 'not-mine' : null;
    if (quietReason) {
      if (alarm) {
        delete book.alarms[input.key];
        effects.push({ type: 'stop', key: input.key, why: quietReason });
      }
      continue;
    }
    const pageAt = input.pageAt as number;
    if (nowMs < pageAt) {
      // Not my turn yet (the rotation changed, or it was read after the first poll): stop ringing.
      if (alarm) {
        delete book.alarms[input.key];
        effects.push({ type: 'stop', key: input.key, why: 'not-mine' });
      }
      wakeAt(pageAt);
      continue;
    }
    if (!alarm || vanished) {
      // A vanished ack re-pages now with a fresh ack window; otherwise the clock counts from the
      // page time, so a Vigil that starts (or sees the alert) late shows the same deadline as its
      // teammates' and as the escalation clock, already overdue if it is.
      const pagedAt = vanished ? nowMs : pageAt;
      const deadline = pagedAt + input.ackWithinMs;
      const level = vanished ? (alarm?.level ?? 0) + 1 : 0;
      const raised: AlarmRecord = { severity: input.severity, loud: input.loud, raisedAt: nowMs, pagedAt, deadline, nextRingAt: deadline > nowMs ? deadline : nowMs + Math.max(1000, input.realarmEveryMs), level };
      book.alarms[input.key] = raised;
      const reason: RingReason = vanished ? 'ack-vanished' : 'raised';
      effects.push({ type: 'ring', key: input.key, title: input.title, reason, level, loud: input.loud, deadline, severity: input.severity });
      const due = deadline > nowMs ? `ack within ${Math.round(input.ackWithinMs / 1000)} s of being paged` : `already overdue: the ack was due ${Math.round((nowMs - deadline) / 1000)} s ago`;
      effects.push({ type: 'journal', key: input.key, event: vanished ? 're-alarmed' : 'alarm-raised', message: `Alarm raised (${input.severity}), ${due}`, data: { level, deadline, pagedAt } });
      wakeAt(raised.nextRingAt);
      continue;
    }
    // The wall clock stepped back (NTP, a suspended VM restored): a re-ring is never further off
    // than the deadline or one interval from now, or the step would postpone it by its own size.
    const nextRingAt = Math.min(alarm.nextRingAt, Math.max(alarm.deadline, nowMs + Math.max(1000, input.realarmEveryMs)));
    if (nowMs >= alarm.nextRingAt) {
      const next: AlarmRecord = { ...alarm, level: alarm.level + 1, nextRingAt: nowMs + Math.max(1000, input.realarmEveryMs) };
      book.alarms[input.key] = next;
      effects.push({ type: 'journal', key: input.key, event: 'deadline-missed', message: `Ack deadline missed (level ${next.level})`, data: { level: next.level, missedDeadline: alarm.deadline } });
      effects.push({ type: 'ring', key: input.key, title: input.title, reason: 'deadline-missed', level: next.level, loud: input.loud, deadline: alarm.deadline, severity: input.severity });
      wakeAt(next.nextRingAt);
      continue;
    }
    if (alarm.severity !== input.severity || alarm.loud !== input.loud || nextRingAt !== alarm.nextRingAt) book.alarms[input.key] = { ...alarm, severity: input.severity, loud: input.loud, nextRingAt };
    wakeAt(nextRingAt);
  }

  for (const key of diffIncidentKeys(Object.keys(previous.incidents), seen).resolved) {
    const memory = book.incidents[key];
    if (book.alarms[key]) {
      delete book.alarms[key];
      effects.push({ type: 'stop', key, why: 'resolved' });
    }
    delete book.incidents[key];
    effects.push({ type: 'journal', key, event: 'resolved', message: 'Resolved' });
    effects.push({ type: 'resolved', key, ack: memory?.ack ?? null });
  }
  return { book, effects, nextWakeAt };
}
