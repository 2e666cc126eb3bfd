import { isTypingTarget, type KeyLike } from './key-commands.ts';

// Keys inside the runbook checklist: j/k or the arrows move between steps, Home/End jump, c copies
// the focused step's command. Space checks the focused step by itself (each step is a button with
// the checkbox role). These win over the window-wide j/k (next incident) while a step has focus.

export type ChecklistKey = 'next' | 'prev' | 'first' | 'last' | 'copy';

export function checklistKey(event: KeyLike): ChecklistKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    // A held-down c copies once.
    case 'c':
      return event.repeat ? null : 'copy';
    default:
      return null;
  }
}

/** The step to focus after a move; stays put at either end. */
export function stepAfterMove(stepIds: readonly string[], current: string | null, move: Exclude<ChecklistKey, 'copy'>): string | null {
  if (stepIds.length === 0) return null;
  const index = current === null ? -1 : stepIds.indexOf(current);
  switch (move) {
    case 'first':
      return stepIds[0]!;
    case 'last':
      return stepIds[stepIds.length - 1]!;
    case 'next':
      return stepIds[Math.min(index + 1, stepIds.length - 1)]!;
    case 'prev':
      return stepIds[Math.max(index - 1, 0)]!;
  }
}

/** Checklist keys, for the help overlay. */
export const CHECKLIST_KEY_HELP: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'j / k, ↓ / ↑', action: 'In the runbook checklist: the next / previous step' },
  { keys: 'Space', action: 'Check or uncheck the step' },
  { keys: 'c', action: "Copy the step's command (never run)" },
];
