import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Clock } from '../shared/clock.ts';
import { policyFor, vigilConfigSchema, type VigilConfig } from '../shared/config-schema.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { checkExternalLink } from '../shared/link-allowlist.ts';
import type { EventPayload, SettingsView, VigilEventName, VigilHandlers } from '../shared/ipc-contract.ts';
import { createAlertmanagerClient } from './alertmanager/am-client.ts';
import { createSourcePoller } from './alertmanager/source-poller.ts';
import { loadVigilConfig } from './config/load-config.ts';
import { createDemoAlertmanager } from './demo/demo-alertmanager.ts';
import type { RotationProvider } from './engine/engine-ports.ts';
import { VigilEngine } from './engine/vigil-engine.ts';
import { openTimelineJournal } from './journal/timeline-journal.ts';
import type { AlertmanagerApi, KeyValueStore, Logger, Notifier, SecretStore } from './ports.ts';
import { startRotation } from './rotation-provider.ts';
import type { VigilCore } from './vigil-core.ts';

export interface VigilCoreDeps {
  clock: Clock;
  notifier: Notifier;
  secrets: SecretStore;
  store: KeyValueStore;
  /** Where the timeline journal lives (survives crashes; the post-mortem's source). */
  dataDir: string;
  configPath: string | null;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** Folder holding examples/ (the demo's rotation); the repo root or the packaged app's resources. */
  appRoot?: string;
  openExternal(url: string): Promise<void>;
  logger: Logger;
}

interface Runtime {
  config: VigilConfig;
  configSource: string | null;
  demo: boolean;
  configWarnings: string[];
  engine: VigilEngine;
  rotation: RotationProvider & { warning(): string | null; stop(): void };
  stop(): void;
}

const OVERLAY_KEY = 'settingsOverlay';

type SettingsPatchOutput = Parameters<VigilHandlers['updateSettings']>[0];

/**
 * The settings view never carries credentials, headers, CA files, timeouts or re-alarm intervals,
 * so a patch from it must not wipe them: a source or policy that already exists keeps its own.
 */
export function keepHiddenSettings(patch: SettingsPatchOutput, current: VigilConfig | null): SettingsPatchOutput {
  if (!current) return patch;
  const next = { ...patch };
  if (patch.sources) {
    next.sources = patch.sources.map((source) => {
      const existing = current.sources.find((s) => s.id === source.id);
      if (!existing) return source;
      return { ...source, auth: existing.auth, headers: existing.headers, ca_file: existing.ca_file, timeout: existing.timeout, max_response_bytes: existing.max_response_bytes };
    });
  }
  if (patch.policy) {
    next.policy = Object.fromEntries(
      Object.entries(patch.policy).map(([severity, policy]) => [severity, { ...policy, realarm_every: policy.realarm_every ?? current.policy[severity]?.realarm_every }]),
    );
  }
  return next;
}

/** Alertmanager's own route group_by, so incidents group the way the team's notifications do. */
async function routeGroupBy(apis: AlertmanagerApi[], logger: Logger): Promise<string[]> {
  for (const api of apis) {
    try {
      const status = await api.getStatus();
      const route = (parseYaml(status.config?.original ?? '') as { route?: { group_by?: unknown } } | null)?.route;
      if (Array.isArray(route?.group_by)) return route.group_by.filter((l): l is string => typeof l === 'string');
    } catch (error) {
      logger.warn('could not read the Alertmanager route group_by; grouping by alertname', { source: api.sourceId, error: String(error) });
    }
  }
  return [];
}

export function createVigilCore(deps: VigilCoreDeps): VigilCore {
  const listeners = new Map<VigilEventName, Set<(payload: never) => void>>();
  const emit = <E extends VigilEventName>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners.get(event) ?? []) (l as (p: EventPayload<E>) => void)(payload);
  };
  const journal = openTimelineJournal(join(deps.dataDir, 'timeline'), { clock: deps.clock });
  let runtime: Runtime | null = null;
  let startError: string | null = null;
  let pending = false;

  const snapshot = (): AppSnapshot => {
    const now = deps.clock.now();
    if (!runtime) {
      return { generatedAt: now, me: { id: '', name: null }, demo: false, configSource: deps.configPath, sources: [], incidents: [], roster: null, warnings: startError ? [startError] : ['Starting…'] };
    }
    const { engine, config } = runtime;
    const roster = engine.roster();
    const sources = engine.health();
    const onCall = (roster?.myRoles.length ?? 0) > 0;
    const warnings: string[] = [];
    for (const s of sources) {
      if (s.state === 'unhealthy') warnings.push(`${onCall ? 'YOU ARE ON CALL and ' : ''}${s.name} is unreachable: ${s.error ?? 'unknown error'}. Alarms from it may be missed; its last known alerts are kept.`);
    }
    const rotationWarning = runtime.rotation.warning();
    if (rotationWarning) warnings.push(rotationWarning);
    warnings.push(...runtime.configWarnings);
    if (startError) warnings.push(startError);
    return { generatedAt: now, me: { id: config.me.id, name: config.me.name ?? null }, demo: runtime.demo, configSource: runtime.configSource, sources, incidents: engine.incidents(), roster, warnings };
  };

  // Many changes arrive together (a poll touches every incident): publish once per turn.
  const publish = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      emit('snapshot', snapshot());
    });
  };

  const buildRuntime = async (): Promise<Runtime> => {
    const loaded = await loadVigilConfig({ configPath: deps.configPath ?? undefined, env: deps.env, homeDir: deps.homeDir, overlay: deps.store.get(OVERLAY_KEY) });
    const config = loaded.config;
    const sources = loaded.demo
      ? [{ id: 'demo', name: 'Demo scenario (playbook alerts)', urls: ['demo://playbook'], api: createDemoAlertmanager(deps.clock) }]
      : config.sources.map((s) => ({ id: s.id, name: s.name ?? s.id, urls: s.urls, api: createAlertmanagerClient(s, { secrets: deps.secrets }) }));
    let engineRef: VigilEngine | null = null;
    const rotationFile = loaded.demo ? join(deps.appRoot ?? process.cwd(), 'examples', 'rotation.playbook.yaml') : config.rotation?.file;
    const rotation = startRotation({ file: rotationFile, url: loaded.demo ? undefined : config.rotation?.url, refreshMs: config.rotation?.refresh ?? 60_000, clock: deps.clock, logger: deps.logger, onChange: () => void engineRef?.tick() });
    const groupBy = config.grouping.by ?? (await routeGroupBy(sources.map((s) => s.api), deps.logger));
    await rotation.ready;
    const engine = new VigilEngine({ clock: deps.clock, config, sources, groupBy, notifier: deps.notifier, journal, store: deps.store, rotation, logger: deps.logger, onChange: publish });
    engineRef = engine;
    const pollers = sources.map((s) =>
      createSourcePoller({ sourceId: s.id, fetch: (signal) => s.api.fetchAlerts(signal), clock: deps.clock, intervalMs: config.poll_interval, onResult: (result) => void engine.applyPoll(s.id, result) }),
    );
    for (const p of pollers) p.start();
    return {
      config,
      configSource: loaded.source,
      demo: loaded.demo,
      configWarnings: loaded.warnings,
      engine,
      rotation,
      stop: () => {
        for (const p of pollers) p.stop();
        rotation.stop();
        engine.dispose();
      },
    };
  };

  const restart = async () => {
    runtime?.stop();
    runtime = null;
    try {
      runtime = await buildRuntime();
      startError = null;
    } catch (error) {
      startError = `Configuration error: ${(error as Error).message}`;
      deps.logger.error('could not start', { error: startError });
    }
    publish();
  };

  const settingsView = (): SettingsView => {
    const config = runtime?.config;
    return {
      me: { id: config?.me.id ?? '', name: config?.me.name ?? null },
      sources: (config?.sources ?? []).map((s) => ({ id: s.id, name: s.name ?? null, urls: s.urls, receiver: s.receiver ?? null, filter: s.filter, hasAuth: s.auth !== undefined || Object.keys(s.headers).length > 0 })),
      policy: Object.fromEntries(['critical', 'warning', 'info', 'none', ...Object.keys(config?.policy ?? {})].map((sev) => {
        const p = config ? policyFor(config, sev) : { alarm: true, ack_within: 0, loud: false };
        return [sev, { alarm: p.alarm, ack_within_ms: p.ack_within, loud: p.loud }];
      })),
      pollIntervalMs: config?.poll_interval ?? 0,
      configSource: runtime?.configSource ?? null,
    };
  };

  const saveOverlay = async (patch: SettingsPatchOutput) => {
    const overlay = { ...((deps.store.get(OVERLAY_KEY) as Record<string, unknown> | undefined) ?? {}), ...keepHiddenSettings(patch, runtime?.config ?? null) };
    // Refuse a patch that would make the whole configuration invalid, before anything is saved.
    if (runtime) {
      const candidate = vigilConfigSchema.safeParse({ ...runtime.config, ...overlay });
      if (!candidate.success) throw new Error(`invalid settings: ${candidate.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    deps.store.set(OVERLAY_KEY, overlay);
    await restart();
    return settingsView();
  };

  const handlers: VigilHandlers = {
    getSnapshot: async () => snapshot(),
    ackIncident: async ({ incidentKey, via }) => (runtime ? runtime.engine.ack(incidentKey, via) : { ok: false, silenceId: null, error: 'Vigil is still starting.' }),
    getTimeline: async ({ incidentKey }) => journal.forIncident(incidentKey),
    getSettings: async () => settingsView(),
    updateSettings: async (patch) => saveOverlay(patch),
    setIdentity: async (me) => saveOverlay({ me }),
    openLink: async ({ url }) => {
      const verdict = checkExternalLink(url);
      if (!verdict.ok) return { opened: false, reason: verdict.reason };
      try {
        await deps.openExternal(verdict.url);
        return { opened: true, reason: null };
      } catch (error) {
        return { opened: false, reason: (error as Error).message };
      }
    },
  };

  deps.notifier.onAction((incidentKey, action) => {
    if (action === 'acknowledge') void handlers.ackIncident({ incidentKey, via: 'notification' });
    else emit('focusIncident', { incidentKey });
  });

  return {
    handlers,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    snapshot,
    start: restart,
    async stop() {
      runtime?.stop();
      runtime = null;
      journal.close();
    },
  };
}
