import type { LabelSet } from '../domain.ts';
import { stableHash } from '../incidents/stable-hash.ts';
import { labelValue, matchesAll, type LabelMatcher } from '../label-matchers.ts';
import { promRuleAlertSchema, promRuleSchema } from './prometheus-schemas.ts';
import type { BrokenRuleView, PendingAlertView } from './prometheus-views.ts';

// What one /api/v1/rules answer says that matters to the engineer on call: which alerts are
// pending (about to fire, with the time their rule's `for:` still needs) and which rules are
// broken (their last evaluation failed, so their alert can never fire). Pure: the core polls.

/** Bounds on what one source adds to every snapshot, whatever Prometheus answers. */
export const MAX_PENDING_PER_SOURCE = 200;
export const MAX_BROKEN_RULES_SHOWN = 20;

export interface RulesSummary {
  pending: PendingAlertView[];
  /** Pending alerts that matched before the cap (the true number). */
  pendingCount: number;
  broken: BrokenRuleView[];
  brokenCount: number;
  ruleCount: number;
  /** Rules and alerts that broke the schema and were set aside. */
  quarantined: number;
}

export interface RuleGroupInput {
  name: string;
  rules: readonly unknown[];
}

function labelKey(labels: LabelSet): string {
  return stableHash(JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * Summarise the rule groups of one Prometheus. `matchers` are the source's `filter`: Prometheus
 * knows nothing of Alertmanager routes, so "would page me" is approximated by the same label
 * matchers the source applies on Alertmanager (its `receiver` cannot be applied here).
 */
export function summarizeRules(groups: readonly RuleGroupInput[], options: { sourceId: string; matchers: readonly LabelMatcher[] }): RulesSummary {
  const pending: PendingAlertView[] = [];
  const broken: BrokenRuleView[] = [];
  let ruleCount = 0;
  let quarantined = 0;
  for (const group of groups) {
    for (const raw of group.rules) {
      const parsed = promRuleSchema.safeParse(raw);
      if (!parsed.success) {
        quarantined += 1;
        continue;
      }
      const rule = parsed.data;
      ruleCount += 1;
      // "unknown" is a rule not evaluated yet (just loaded): only a failed evaluation is broken.
      if (rule.health === 'err' || rule.lastError !== null) {
        broken.push({ group: group.name, name: rule.name, type: rule.type, lastError: rule.lastError, lastEvaluation: rule.lastEvaluation, query: rule.query });
      }
      if (rule.type !== 'alerting') continue;
      const forMs = Math.round(rule.duration * 1000);
      for (const rawAlert of rule.alerts) {
        const alert = promRuleAlertSchema.safeParse(rawAlert);
        if (!alert.success) {
          quarantined += 1;
          continue;
        }
        if (alert.data.state !== 'pending' || !matchesAll(alert.data.labels, options.matchers)) continue;
        const { labels, annotations, activeAt } = alert.data;
        pending.push({
          key: `${options.sourceId}|${stableHash(`${group.name}\u0000${rule.name}`)}|${labelKey(labels)}`,
          sourceId: options.sourceId,
          alertname: labelValue(labels, 'alertname') || rule.name,
          severity: labelValue(labels, 'severity') || null,
          labels,
          summary: labelValue(annotations, 'summary') || labelValue(annotations, 'message') || null,
          ruleGroup: group.name,
          activeAt,
          forMs,
          firesAt: activeAt === null ? null : activeAt + forMs,
          value: alert.data.value ?? null,
        });
      }
    }
  }
  // Soonest to fire first; unknown activeAt last.
  pending.sort((a, b) => (a.firesAt ?? Infinity) - (b.firesAt ?? Infinity) || (a.key < b.key ? -1 : 1));
  return {
    pending: pending.slice(0, MAX_PENDING_PER_SOURCE),
    pendingCount: pending.length,
    broken: broken.slice(0, MAX_BROKEN_RULES_SHOWN),
    brokenCount: broken.length,
    ruleCount,
    quarantined,
  };
}
