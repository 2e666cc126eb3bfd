import type { EscalationView } from '../../shared/domain.ts';
import { describeEscalationStep, nextStepAt, stepsNewlyReached } from '../../shared/escalation/escalation-plan.ts';
import type { EngineJournal } from './engine-ports.ts';

// Journals each escalation step of an incident occurrence once, as it is reached, and says when
// the next one is due. `reached` (incident key -> steps journaled) is persisted with the engine
// state, so a restart or a held mass resolution never journals (or rings) a step twice.

export function journalReachedSteps(key: string, escalation: EscalationView, reached: Map<string, number>, journal: EngineJournal): number | null {
  const already = reached.get(key) ?? 0;
  const fresh = stepsNewlyReached(escalation, already);
  for (const step of fresh) {
    journal(key, 'escalation-step', `${describeEscalationStep(step)}${step.includesMe ? ' (me)' : ''}`, { step: step.index, target: step.target.value, includesMe: step.includesMe });
  }
  if (fresh.length > 0 && !escalation.stopped) reached.set(key, already + fresh.length);
  return nextStepAt(escalation);
}
