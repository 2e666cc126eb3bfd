import { startPrometheus, type RunningPrometheus } from '../test-fixtures/start-prometheus.ts';
import { stringify } from 'yaml';
import { SERIES_METRIC } from './series-exporter.ts';

// A real Prometheus (Debian 2.42) for the window benchmark: one rule firing an alert per series of
// the exporter, sent to a real Alertmanager. Unlike tests (which re-send every second so restarted
// Alertmanagers learn alerts fast), it keeps production's resend interval and a notification queue
// large enough for every alert, so 10k alerts arrive once and stay.

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
    intervalSeconds: 2,
    sending: { kind: 'production', queueCapacity: 50_000 },
    lifetimeMs: 10 * 60_000,
  });
}
