import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../domain.ts';
import { checkedStepIds } from './checklist-state.ts';

let n = 0;
const event = (type: TimelineEvent['type'], step: unknown, occurrenceId = 'k@1'): TimelineEvent => ({
  id: `e${(n += 1)}`,
  incidentKey: 'k',
  occurrenceId,
  at: n,
  type,
  message: '',
  ...(step === undefined ? {} : { data: { step: step as string } }),
});

describe('checkedStepIds (the checklist is the replay of its journal events)', () => {
  it('checks, unchecks and re-checks in journal order, for one occurrence only', () => {
    const events = [
      event('step-checked', 'a'),
      event('step-checked', 'b'),
      event('step-checked', 'c', 'k@2'),
      event('step-unchecked', 'a'),
      event('note', 'b'),
      event('step-checked', 'd'),
      event('step-checked', 'a'),
    ];
    expect(checkedStepIds(events, 'k@1')).toEqual(['b', 'd', 'a']);
    expect(checkedStepIds(events, 'k@2')).toEqual(['c']);
    expect(checkedStepIds(events, 'k@3')).toEqual([]);
  });

  it('ignores events without a step id (hand-edited or older journals)', () => {
    expect(checkedStepIds([event('step-checked', undefined), event('step-checked', 42)], 'k@1')).toEqual([]);
  });
});
