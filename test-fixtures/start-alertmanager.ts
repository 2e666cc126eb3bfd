import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, retryOnPortClash } from './free-port.ts';
import { spawnManaged, waitFor, waitUntilReady, type ManagedProcess } from './managed-process.ts';

// A real Alertmanager (the Debian 0.25 binary) on loopback for integration and e2e tests.

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
export const DEFAULT_LIFETIME_MS = 10 * 60_000;

/**
 * Routing like a shared production Alertmanager: Vigil's user is reached through 'vigil-oncall';
 * team="other" goes to another team's receiver (which Vigil must not page for); warnings are
 * inhibited by a critical alert of the same name, as in the seed playbook. Receivers have no
 * notifier configs: Alertmanager accepts that and the tests need no outbound network.
 */
export const DEFAULT_ALERTMANAGER_CONFIG = `global:
  resolve_timeout: 5m
route:
  receiver: vigil-oncall
  group_by: ['alertname', 'cluster', 'service']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - receiver: other-team
      matchers: ['team="other"']
receivers:
  - name: vigil-oncall
  - name: other-team
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: ['alertname']
`;

export interface StartAlertmanagerOptions {
  configYaml?: string;
  /** Cluster addresses (host:port) of peers; when given, this instance joins them as an HA member. */
  peers?: string[];
  /** Cluster port to listen on (HA only); a free one by default. */
  clusterPort?: number;
  lifetimeMs?: number;
}

export interface RestartOptions {
  /**
   * true: the same storage dir (silences and notification log survive, as with a persistent
   * volume); false: a fresh, empty one (a pod without a volume). Alerts live in memory only and
   * are gone either way until Prometheus re-sends them.
   */
  keepData: boolean;
  /**
   * SIGKILL (a crash) instead of SIGTERM. Alertmanager writes its silences to disk at shutdown
   * and every 15 minutes, so a kill loses recent silences even with `keepData`.
   */
  kill?: boolean;
  /** How long it stays down before it starts again (Vigil's polls fail meanwhile); 0 by default. */
  downMs?: number;
}

export interface RunningAlertmanager {
  url: string;
  port: number;
  /** host:port of the gossip listener, null when clustering is off. */
  clusterAddress: string | null;
  stderrTail(): string;
  /** Stops it and starts it again on the same port (and cluster address); resolves once ready. */
  restart(options: RestartOptions): Promise<void>;
  stop(): Promise<void>;
}

async function launch(options: StartAlertmanagerOptions): Promise<RunningAlertmanager> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-am-'));
  const configFile = path.join(dir, 'alertmanager.yml');
  await writeFile(configFile, options.configYaml ?? DEFAULT_ALERTMANAGER_CONFIG);
  const port = await freePort();
  const clustered = options.peers !== undefined;
  const clusterAddress = clustered ? `127.0.0.1:${options.clusterPort ?? (await freePort())}` : null;
  const argsFor = (storageDir: string) => {
    const args = [`--config.file=${configFile}`, `--storage.path=${storageDir}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
    if (clusterAddress) {
      args.push(
        `--cluster.listen-address=${clusterAddress}`,
        `--cluster.advertise-address=${clusterAddress}`,
        // Short intervals so a silence created on one member reaches the other within a second or two.
        '--cluster.gossip-interval=100ms',
        '--cluster.pushpull-interval=1s',
        '--cluster.settle-timeout=1s',
        '--cluster.reconnect-interval=1s',
        ...(options.peers ?? []).map((peer) => `--cluster.peer=${peer}`),
      );
    } else {
      args.push('--cluster.listen-address=');
    }
    return args;
  };
  const url = `http://127.0.0.1:${port}`;
  const spawnReady = async (storageDir: string): Promise<ManagedProcess> => {
    // Every generation owns the whole dir (config and every storage dir), removed when the last one stops.
    const server = spawnManaged(ALERTMANAGER_BIN, argsFor(storageDir), { lifetimeMs: options.lifetimeMs ?? DEFAULT_LIFETIME_MS, cleanupDirs: [dir] });
    try {
      await waitUntilReady(`${url}/-/ready`, server, 'Alertmanager');
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  };
  let storageDir = path.join(dir, 'data');
  let server = await spawnReady(storageDir);
  let generation = 0;
  return {
    url,
    port,
    clusterAddress,
    stderrTail: () => server.stderrTail(),
    async restart(restartOptions) {
      await server.kill(restartOptions.kill ? 'SIGKILL' : 'SIGTERM');
      if (restartOptions.downMs) await new Promise((resolve) => setTimeout(resolve, restartOptions.downMs));
      if (!restartOptions.keepData) storageDir = path.join(dir, `data-${(generation += 1)}`);
      server = await spawnReady(storageDir);
    },
    stop: () => server.stop(),
  };
}

/** Start an Alertmanager; resolves once GET /-/ready answers 200. */
export function startAlertmanager(options: StartAlertmanagerOptions = {}): Promise<RunningAlertmanager> {
  return retryOnPortClash(() => launch(options));
}

export interface AlertmanagerPair {
  a: RunningAlertmanager;
  b: RunningAlertmanager;
  urls: [string, string];
  stop(): Promise<void>;
}

async function clusterPeerCount(url: string): Promise<number> {
  const response = await fetch(`${url}/api/v2/status`);
  const body = (await response.json()) as { cluster?: { peers?: unknown[] | null } };
  return body.cluster?.peers?.length ?? 0;
}

/** Two gossiping Alertmanagers (an HA pair); resolves once each sees the other as a peer. */
export async function startAlertmanagerPair(options: Omit<StartAlertmanagerOptions, 'peers' | 'clusterPort'> = {}): Promise<AlertmanagerPair> {
  const [portA, portB] = [await freePort(), await freePort()];
  const [resultA, resultB] = await Promise.allSettled([
    startAlertmanager({ ...options, clusterPort: portA, peers: [`127.0.0.1:${portB}`] }),
    startAlertmanager({ ...options, clusterPort: portB, peers: [`127.0.0.1:${portA}`] }),
  ]);
  if (resultA.status === 'rejected' || resultB.status === 'rejected') {
    await Promise.all([resultA, resultB].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw resultA.status === 'rejected' ? resultA.reason : (resultB as PromiseRejectedResult).reason;
  }
  const a = resultA.value;
  const b = resultB.value;
  const stop = async () => {
    await Promise.all([a.stop(), b.stop()]);
  };
  try {
    await waitFor(async () => (await clusterPeerCount(a.url)) >= 2 && (await clusterPeerCount(b.url)) >= 2, 'the Alertmanager pair to see each other', 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { a, b, urls: [a.url, b.url], stop };
}
