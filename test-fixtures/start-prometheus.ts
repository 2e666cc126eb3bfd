import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort, retryOnPortClash } from './free-port.ts';
import { spawnManaged, waitUntilReady } from './managed-process.ts';
import { DEFAULT_LIFETIME_MS } from './start-alertmanager.ts';

// A real Prometheus (Debian 2.42) on loopback that evaluates alert rules every second and sends
// firing/resolved alerts to the given Alertmanager, exactly as in production.

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  target: string;
  metricsPath?: string;
}

export interface StartPrometheusOptions {
  /** Alertmanager base URL (may carry a path prefix). */
  alertmanagerUrl: string;
  /** A Prometheus rule file (YAML). */
  rules: string;
  scrapeTargets?: ScrapeTarget[];
  lifetimeMs?: number;
  /** Scrape and rule evaluation interval; 1 s unless a caller needs production's pace. */
  intervalSeconds?: number;
  /**
   * How Prometheus re-sends firing alerts. Tests: every second, so an Alertmanager a test
   * restarted learns them quickly. 'production': Prometheus's own defaults, with a notification
   * queue large enough for `queueCapacity` alerts (the benchmark's 10k arrive once and stay).
   */
  sending?: 'fast' | { kind: 'production'; queueCapacity: number };
}

export interface RunningPrometheus {
  url: string;
  stderrTail(): string;
  stop(): Promise<void>;
}

/** The prometheus.yml for the options; exported so a test can read what was configured. */
export function prometheusConfig(alertmanagerUrl: string, scrapeTargets: ScrapeTarget[], intervalSeconds = 1): string {
  const am = new URL(alertmanagerUrl);
  return stringify({
    global: { scrape_interval: `${intervalSeconds}s`, evaluation_interval: `${intervalSeconds}s`, scrape_timeout: `${intervalSeconds * 1000 - 100}ms` },
    rule_files: ['rules.yml'],
    alerting: {
      alertmanagers: [
        {
          scheme: am.protocol.replace(':', ''),
          path_prefix: am.pathname.replace(/\/+$/, '') || '/',
          static_configs: [{ targets: [am.host] }],
        },
      ],
    },
    scrape_configs: scrapeTargets.map((t) => ({
      job_name: t.job,
      metrics_path: t.metricsPath ?? '/metrics',
      static_configs: [{ targets: [t.target] }],
    })),
  });
}

export function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  return retryOnPortClash(() => launch(options));
}

async function launch(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-prom-'));
  await writeFile(path.join(dir, 'prometheus.yml'), prometheusConfig(options.alertmanagerUrl, options.scrapeTargets ?? [], options.intervalSeconds));
  await writeFile(path.join(dir, 'rules.yml'), options.rules);
  const port = await freePort();
  const server = spawnManaged(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...(options.sending === undefined || options.sending === 'fast' ? ['--rules.alert.resend-delay=1s'] : [`--alertmanager.notification-queue-capacity=${options.sending.queueCapacity}`]),
      '--log.level=warn',
    ],
    { lifetimeMs: options.lifetimeMs ?? DEFAULT_LIFETIME_MS, cleanupDirs: [dir] },
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
