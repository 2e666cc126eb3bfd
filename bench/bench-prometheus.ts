import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort, retryOnPortClash } from '../test-fixtures/free-port.ts';
import { spawnManaged, waitUntilReady } from '../test-fixtures/managed-process.ts';
import { PROMETHEUS_BIN, type RunningPrometheus } from '../test-fixtures/start-prometheus.ts';
import { SERIES_METRIC } from './series-exporter.ts';

// A real Prometheus (Debian 2.42) for the window benchmark: one rule firing an alert per series of
// the exporter, sent to a real Alertmanager. Unlike the test fixture (which re-sends every second
// so restarted Alertmanagers learn alerts fast), it keeps production's resend interval and a
// notification queue large enough for every alert, so 10k alerts arrive once and stay.

export const BENCH_ALERTNAME = 'BenchSeriesAboveZero';

function config(alertmanagerUrl: string, target: string): string {
  const am = new URL(alertmanagerUrl);
  return stringify({
    global: { scrape_interval: '2s', evaluation_interval: '2s', scrape_timeout: '1900ms' },
    rule_files: ['rules.yml'],
    alerting: { alertmanagers: [{ scheme: 'http', static_configs: [{ targets: [am.host] }] }] },
    scrape_configs: [{ job_name: 'bench', static_configs: [{ targets: [target] }] }],
  });
}

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

async function launch(alertmanagerUrl: string, target: string): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-prom-'));
  await writeFile(path.join(dir, 'prometheus.yml'), config(alertmanagerUrl, target));
  await writeFile(path.join(dir, 'rules.yml'), rules());
  const port = await freePort();
  const server = spawnManaged(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--alertmanager.notification-queue-capacity=50000',
      '--log.level=warn',
    ],
    { lifetimeMs: 10 * 60_000, cleanupDirs: [dir] },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/-/ready`, server, 'Prometheus', 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, stderrTail: server.stderrTail, stop: server.stop };
}

export function startBenchPrometheus(alertmanagerUrl: string, target: string): Promise<RunningPrometheus> {
  return retryOnPortClash(() => launch(alertmanagerUrl, target));
}
