import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Clock } from '../shared/clock.ts';
import type { AppSnapshot, IncidentView, TimelineEvent } from '../shared/domain.ts';
import { createVigilCore, type VigilCoreDeps } from '../core/create-vigil-core.ts';
import type { NotificationRequest, Notifier } from '../core/ports.ts';
import { createConfStore } from '../core/settings/conf-store.ts';
import { createEnvSecretStore } from '../core/settings/env-secret-store.ts';
import { systemClock } from '../core/runtime/system-clock.ts';
import type { VigilCore } from '../core/vigil-core.ts';

// The real core (createVigilCore: pollers, engine, journal, conf store) in this process, against
// real Alertmanagers, with its own data dir. Readiness is what the core emits (snapshots), never
// a sleep. Only the clock (optionally) and the notifier seam are the test's: notifications are
// recorded so tests can say which ones the core asked for.

export interface CoreHandle {
  core: VigilCore;
  dataDir: string;
  notifications: NotificationRequest[];
  /** Every snapshot the core emitted, oldest first: for invariants that must hold throughout a fault. */
  history: AppSnapshot[];
  /** What the core logged (warn and error), oldest first. */
  logs: Array<{ level: 'warn' | 'error'; message: string }>;
  snapshot(): AppSnapshot;
  /** Resolves with the first snapshot (current or pushed) that passes `predicate`. */
  waitFor(predicate: (snapshot: AppSnapshot) => boolean, what: string, timeoutMs?: number): Promise<AppSnapshot>;
  incident(alertname: string): IncidentView | undefined;
  timeline(incidentKey: string): Promise<TimelineEvent[]>;
  stop(): Promise<void>;
}

export interface StartCoreOptions {
  /** The Vigil config file's contents; null for none at all (the demo). */
  config: Record<string, unknown> | null;
  /** Settings saved from the app before the start (the conf store's overlay). */
  storedOverlay?: unknown;
  clock?: Clock;
  dataDir?: string;
  /** The OS notification seam; a recorder by default. */
  notifier?: Notifier;
  env?: NodeJS.ProcessEnv;
  /** Wraps the journal the engine appends through, to inject a disk fault (journal-disk-fault.ts). */
  engineJournal?: VigilCoreDeps['engineJournal'];
}

export function recordingNotifier(into: NotificationRequest[]): Notifier {
  return {
    async show(request) {
      into.push(request);
      return { shown: true, error: null };
    },
    onAction: () => () => undefined,
  };
}

export async function startCore(options: StartCoreOptions): Promise<CoreHandle> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-core-'));
  const configPath = options.config === null ? null : join(dataDir, 'vigil.yaml');
  if (configPath !== null) writeFileSync(configPath, stringify(options.config));
  const notifications: NotificationRequest[] = [];
  const history: AppSnapshot[] = [];
  const logs: CoreHandle['logs'] = [];
  const store = createConfStore({ cwd: dataDir });
  if (options.storedOverlay !== undefined) store.set('settingsOverlay', options.storedOverlay);
  const core = createVigilCore({
    clock: options.clock ?? systemClock,
    notifier: options.notifier ?? recordingNotifier(notifications),
    secrets: createEnvSecretStore(options.env ?? {}),
    store,
    dataDir,
    configPath,
    env: options.env ?? {},
    homeDir: join(dataDir, 'home'),
    appRoot: join(import.meta.dirname, '..'),
    openExternal: async () => undefined,
    logger: { info: () => undefined, warn: (message) => void logs.push({ level: 'warn', message }), error: (message) => void logs.push({ level: 'error', message }) },
    ...(options.engineJournal ? { engineJournal: options.engineJournal } : {}),
  });
  core.on('snapshot', (snap) => void history.push(snap));
  await core.start();
  const handle: CoreHandle = {
    core,
    dataDir,
    notifications,
    history,
    logs,
    snapshot: () => core.snapshot(),
    waitFor(predicate, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (snap: AppSnapshot) => {
          if (!predicate(snap)) return false;
          clearTimeout(timer);
          off();
          resolve(snap);
          return true;
        };
        const timer = setTimeout(() => {
          off();
          reject(new Error(`timed out waiting for ${what}; last snapshot: ${JSON.stringify(core.snapshot()).slice(0, 1500)}`));
        }, timeoutMs);
        const off = core.on('snapshot', (snap) => void check(snap));
        check(core.snapshot());
      });
    },
    incident: (alertname) => core.snapshot().incidents.find((i) => i.alertname === alertname && i.state !== 'resolved'),
    timeline: (incidentKey) => core.handlers.getTimeline({ incidentKey }),
    stop: () => core.stop(),
  };
  return handle;
}
