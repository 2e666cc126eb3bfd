import { startPrometheus, type RunningPrometheus } from '../test-fixtures/start-prometheus.ts';
import { stringify } from 'yaml';
import { SERIES_METRIC } from './series-exporter.ts';

// A real Prometheus (Debian 2.42) for the window benchmark: one rule firing an alert per series of
// the exporter, sent to a real Alertmanager. Unlike tests (which re-send every second so restarted
// Alertmanagers learn alerts fast), it keeps production's resend interval and a notification queue
// large enough for every alert, so 10k alerts arrive once and stay.
//
// It scrapes and evaluates every 15 s, a common production setting. Every evaluation expands the
// rule's two annotation templates for each of the 10k alerts: about a second of 1.4 cores here.
// At the 2 s this used before, that was Prometheus busy 1.4 of the machine's 2 cores all the time
// (/proc, 2026-12-07), so both pages were timed on a saturated machine; a Prometheus with 10k
// firing alerts runs on a server, not on the on-call engineer's workstation.

export const BENCH_ALERTNAME = 'BenchSeriesAboveZero';

function rules(): string {
  return stringify({
    groups: [
      {
        name: 'bench',
        rules: [
          {
            alert: BENCH_ALERTNAME,
            expr: `${SERIES_METRIC} > 0`,
            for: '0s',
            labels: { severity: 'critical', cluster: 'prod' },
            annotations: { summary: 'Series {{ $labels.series }} is above zero', description: 'bench_metric is {{ $value }} on {{ $labels.series }}.' },
          },
        ],
      },
    ],
  });
}

export function startBenchPrometheus(alertmanagerUrl: string, target: string): Promise<RunningPrometheus> {
  return startPrometheus({
    alertmanagerUrl,
    rules: rules(),
    scrapeTargets: [{ job: 'bench', target }],
    intervalSeconds: 15,
    sending: { kind: 'production', queueCapacity: 50_000 },
    lifetimeMs: 10 * 60_000,
  });
}
