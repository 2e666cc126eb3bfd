import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seedAlertRules } from './seed-rules.ts';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function rulesOf(yaml: string): Rule[] {
  return (parse(yaml) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((g) => g.rules);
}

describe('seedAlertRules', () => {
  it('reproduces the seed rules (exprs, for, labels) with runbook and dashboard links', () => {
    const rules = rulesOf(seedAlertRules());
    expect(rules.map((r) => [r.alert, r.for])).toEqual([
      ['HighApiErrorRate', '2m'],
      ['HighLLMLatency', '3m'],
      ['WeaviateDown', '1m'],
    ]);
    const [api, llm, weaviate] = rules;
    expect(api!.expr.replace(/\s+/g, ' ').trim()).toBe(
      '( sum(rate(gremlinsai_api_errors_total[5m])) by (instance) / sum(rate(gremlinsai_api_requests_total[5m])) by (instance) ) * 100 > 5',
    );
    expect(llm!.expr.replace(/\s+/g, ' ').trim()).toBe('histogram_quantile(0.99, sum(rate(gremlinsai_llm_response_duration_seconds_bucket[5m])) by (le, provider) ) > 10');
    expect(weaviate!.expr.trim()).toBe('up{job="weaviate"} == 0');
    expect(api!.labels).toEqual({ severity: 'critical', service: 'gremlinsai-backend', team: 'platform', component: 'api', cluster: 'prod' });
    expect(llm!.labels).toEqual({ severity: 'critical', service: 'gremlinsai-backend', team: 'ai-platform', component: 'llm', cluster: 'prod' });
    expect(weaviate!.labels).toEqual({ severity: 'critical', service: 'weaviate', team: 'data-platform', component: 'vector-db', cluster: 'prod' });
    expect(weaviate!.annotations.runbook_url).toBe('https://wiki.company.com/gremlinsai/runbooks/weaviate-down');
    expect(llm!.annotations.dashboard_url).toBe('https://grafana.company.com/d/gremlinsai/llm-dashboard');
  });

  it('overrides for: and the rate window, and refuses a bad duration', () => {
    const rules = rulesOf(seedAlertRules({ forDuration: '1s', rateWindow: '5s' }));
    expect(rules.every((r) => r.for === '1s')).toBe(true);
    expect(rules[0]!.expr).toContain('[5s]');
    expect(() => seedAlertRules({ forDuration: '1 minute' })).toThrow(/Prometheus duration/);
  });

  it('is a rule file promtool accepts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-rules-'));
    try {
      const file = path.join(dir, 'rules.yml');
      await writeFile(file, seedAlertRules({ forDuration: '1s' }));
      const { stdout } = await promisify(execFile)('/usr/bin/promtool', ['check', 'rules', file]);
      expect(stdout).toContain('SUCCESS: 3 rules found');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
