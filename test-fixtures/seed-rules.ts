import { stringify } from 'yaml';

// The three critical alert rules from the seed monitoring summary (HighApiErrorRate, HighLLMLatency,
// WeaviateDown) with the playbook's runbook and Grafana links as annotations, as a Prometheus rule file.

export interface SeedRuleOptions {
  /** Overrides every rule's `for:` (seed: 2m, 3m, 1m); tests use '1s' so alerts fire quickly. */
  forDuration?: string;
  /**
   * Range of the rate() windows (seed: 5m). A test that wants an alert to RESOLVE quickly shortens
   * it, because rate over 5m keeps reporting old errors for five minutes.
   */
  rateWindow?: string;
  /** The `cluster` label every rule adds. */
  cluster?: string;
}

export const SEED_RUNBOOKS = {
  HighApiErrorRate: 'https://wiki.company.com/gremlinsai/runbooks/high-api-error-rate',
  HighLLMLatency: 'https://wiki.company.com/gremlinsai/runbooks/high-llm-latency',
  WeaviateDown: 'https://wiki.company.com/gremlinsai/runbooks/weaviate-down',
} as const;

export const SEED_DASHBOARDS = {
  HighApiErrorRate: 'https://grafana.company.com/d/gremlinsai/api-dashboard',
  HighLLMLatency: 'https://grafana.company.com/d/gremlinsai/llm-dashboard',
  WeaviateDown: 'https://grafana.company.com/d/gremlinsai/infrastructure',
} as const;

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

function checkDuration(value: string, what: string): string {
  if (!DURATION.test(value)) throw new Error(`${what} must be a Prometheus duration like 1s or 5m, got "${value}"`);
  return value;
}

export function seedAlertRules(options: SeedRuleOptions = {}): string {
  const window = checkDuration(options.rateWindow ?? '5m', 'rateWindow');
  const forOr = (seed: string) => checkDuration(options.forDuration ?? seed, 'forDuration');
  const cluster = options.cluster ?? 'prod';
  const rules = [
    {
      alert: 'HighApiErrorRate',
      expr: `(\n  sum(rate(gremlinsai_api_errors_total[${window}])) by (instance) /\n  sum(rate(gremlinsai_api_requests_total[${window}])) by (instance)\n) * 100 > 5\n`,
      for: forOr('2m'),
      labels: { severity: 'critical', service: 'gremlinsai-backend', team: 'platform', component: 'api', cluster },
      annotations: {
        summary: 'High API error rate on {{ $labels.instance }}',
        description: 'API 5xx error rate is {{ printf "%.1f" $value }}% (threshold 5%).',
        runbook_url: SEED_RUNBOOKS.HighApiErrorRate,
        dashboard_url: SEED_DASHBOARDS.HighApiErrorRate,
      },
    },
    {
      alert: 'HighLLMLatency',
      expr: `histogram_quantile(0.99,\n  sum(rate(gremlinsai_llm_response_duration_seconds_bucket[${window}])) by (le, provider)\n) > 10\n`,
      for: forOr('3m'),
      labels: { severity: 'critical', service: 'gremlinsai-backend', team: 'ai-platform', component: 'llm', cluster },
      annotations: {
        summary: 'High LLM latency ({{ $labels.provider }})',
        description: 'LLM P99 latency is {{ printf "%.1f" $value }} s (threshold 10 s).',
        runbook_url: SEED_RUNBOOKS.HighLLMLatency,
        dashboard_url: SEED_DASHBOARDS.HighLLMLatency,
      },
    },
    {
      alert: 'WeaviateDown',
      expr: 'up{job="weaviate"} == 0\n',
      for: forOr('1m'),
      labels: { severity: 'critical', service: 'weaviate', team: 'data-platform', component: 'vector-db', cluster },
      annotations: {
        summary: 'Weaviate is down ({{ $labels.instance }})',
        description: 'The Weaviate vector database has been unreachable by Prometheus.',
        runbook_url: SEED_RUNBOOKS.WeaviateDown,
        dashboard_url: SEED_DASHBOARDS.WeaviateDown,
      },
    },
  ];
  return stringify({ groups: [{ name: 'gremlinsai-critical', rules }] });
}
