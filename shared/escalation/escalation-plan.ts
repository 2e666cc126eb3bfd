import type { EscalationStepView, EscalationView, PersonView } from '../domain.ts';
import { formatDuration } from '../duration.ts';
import type { EscalationPolicy, Rotation } from '../rotation/rotation-schema.ts';
import { holderOf, isPerson, peopleOf } from '../rotation/resolve-rotation.ts';

// The escalation ladder of one incident: when each step is reached and who it reaches. Every
// Vigil computes the same ladder from the same rotation file and the incident's start time, so
// no server is needed: each one alarms its own user when a step reaches them, and an ack (an
// Alertmanager silence, seen by every Vigil) stops the ladder for everyone.

/** The policy key that applies when no policy names the incident's severity. */
export const DEFAULT_POLICY_KEY = 'default';

export interface BuildEscalationInput {
  rotation: Rotation | null;
  severity: string;
  /** When the incident started (its first alert's startsAt): the ladder's zero. */
  startedAtMs: number;
  nowMs: number;
  /** This Vigil's identity (config me.id), matched against handles and emails. */
  meId: string;
  /** When the incident was acknowledged or resolved; the ladder stops there. */
  stoppedAtMs: number | null;
}

/** The policy for a severity: an exact match, else `default`, else none. */
export function escalationPolicyFor(rotation: Rotation, severity: string): EscalationPolicy | null {
  // Object.hasOwn: the severity comes from an alert label ("constructor" must not find a function).
  const own = (key: string) => (Object.hasOwn(rotation.escalation, key) ? rotation.escalation[key] : undefined);
  return own(severity) ?? own(DEFAULT_POLICY_KEY) ?? null;
}

export function buildEscalation(input: BuildEscalationInput): EscalationView | null {
  const { rotation, severity, startedAtMs, nowMs, meId, stoppedAtMs } = input;
  if (rotation === null) return null;
  const policy = escalationPolicyFor(rotation, severity);
  if (policy === null) return null;
  // A step is reached if its time came before the ladder stopped.
  const cutoff = stoppedAtMs === null ? nowMs : Math.min(nowMs, stoppedAtMs);
  const steps: EscalationStepView[] = policy.steps.map((step, index) => {
    const at = startedAtMs + step.after;
    const target: EscalationStepView['target'] =
      step.role !== undefined
        ? { kind: 'role', value: step.role }
        : step.person !== undefined
          ? { kind: 'person', value: step.person }
          : { kind: 'action', value: step.action ?? '' };
    const people = peopleFor(rotation, target, at);
    return {
      index,
      at,
      delayMs: step.after,
      target,
      people,
      reached: at <= cutoff,
      current: false,
      includesMe: people.some((person) => isPerson(person, meId)),
    };
  });
  const lastReached = steps.findLastIndex((step) => step.reached);
  if (lastReached >= 0) steps[lastReached]!.current = true;
  return {
    severity,
    startedAt: startedAtMs,
    ackDeadline: startedAtMs + policy.ack_within,
    respondDeadline: policy.respond_within === undefined ? null : startedAtMs + policy.respond_within,
    steps,
    stopped: stoppedAtMs !== null,
  };
}

/**
 * Who a step reaches, resolved at the step's own time: a role step 30 minutes in reaches whoever
 * holds the role then, which differs from now when a handoff falls in between.
 */
function peopleFor(rotation: Rotation, target: EscalationStepView['target'], atMs: number): PersonView[] {
  if (target.kind === 'role') {
    const holder = holderOf(rotation, target.value, atMs);
    return holder ? [holder] : [];
  }
  if (target.kind === 'person') {
    const person = peopleOf(rotation).find((candidate) => candidate.handle === target.value);
    return person ? [person] : [];
  }
  return [];
}

/** Steps reached since the caller last looked (it remembers how many were reached then), for the timeline. */
export function stepsNewlyReached(view: EscalationView, previouslyReachedCount: number): EscalationStepView[] {
  return view.steps.filter((step) => step.reached).slice(Math.max(0, previouslyReachedCount));
}

/**
 * The earliest time a step reaches me, or null if none does. The engine alarms its user from
 * then on while the incident is unacknowledged (it checks `stopped` and the ack itself).
 */
export function myPageTime(view: EscalationView): number | null {
  const mine = view.steps.find((step) => step.includesMe);
  return mine ? mine.at : null;
}

/** When the next step will be reached (for the engine's timer), or null if stopped or none is left. */
export function nextStepAt(view: EscalationView): number | null {
  if (view.stopped) return null;
  return view.steps.find((step) => !step.reached)?.at ?? null;
}

/** The timeline line for a reached step, e.g. "Escalation step 2 (+15m00s): role secondary: David Kim". */
export function describeEscalationStep(step: EscalationStepView): string {
  const head = `Escalation step ${step.index + 1} (+${formatDuration(step.delayMs)})`;
  if (step.target.kind === 'action') return `${head}: ${step.target.value}`;
  const who = step.people.length > 0 ? step.people.map((person) => person.name).join(', ') : 'nobody (gap in the rotation)';
  return `${head}: ${step.target.kind} ${step.target.value}: ${who}`;
}
