import { parse, stringify } from 'yaml';

// A rule Prometheus loads but cannot evaluate: label_replace with an invalid regular expression
// passes the rule file's syntax check and fails at every evaluation (health "err", lastError set),
// like a rule broken by a typo in production. Its alert can never fire.

export const BROKEN_RULE_NAME = 'BrokenExpression';
export const BROKEN_RULE_ERROR = /invalid regular expression/;

/** The rule file with one more group holding the broken rule. */
export function withBrokenRule(rulesYaml: string): string {
  const doc = parse(rulesYaml) as { groups: unknown[] };
  doc.groups.push({
    name: 'vigil-broken',
    rules: [
      {
        alert: BROKEN_RULE_NAME,
        expr: 'label_replace(up, "broken", "$1", "job", "(") > 0',
        labels: { severity: 'critical', team: 'platform' },
        annotations: { summary: 'A rule whose expression fails at every evaluation' },
      },
    ],
  });
  return stringify(doc);
}
