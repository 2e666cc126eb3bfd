import type { TimelineEvent } from '../domain.ts';

// A checklist's state is not stored anywhere of its own: it is the replay of the occurrence's
// step-checked / step-unchecked events in the timeline journal, which is fsynced before an append
// returns. So it survives a restart and kill -9 exactly as the timeline does, and the post-mortem
// reads the same events.

/** The step ids checked in one occurrence, in the order they were (last) checked. */
export function checkedStepIds(events: readonly TimelineEvent[], occurrenceId: string): string[] {
  const checked = new Set<string>();
  for (const event of events) {
    if (event.occurrenceId !== occurrenceId) continue;
    const step = event.data?.step;
    if (typeof step !== 'string') continue;
    if (event.type === 'step-checked') {
      checked.delete(step);
      checked.add(step);
    } else if (event.type === 'step-unchecked') {
      checked.delete(step);
    }
  }
  return [...checked];
}
