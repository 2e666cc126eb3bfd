import { join } from 'node:path';
import type { Clock } from '../shared/clock.ts';
import { policyFor, sourceSendsCredentials, type VigilConfig } from '../shared/config-schema.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { checkExternalLink } from '../shared/link-allowlist.ts';
import type { EventPayload, SettingsView, VigilEventName, VigilHandlers } from '../shared/ipc-contract.ts';
import { ackIncidents } from './ack-incidents.ts';
import { createAlertmanagerClient } from './alertmanager/am-client.ts';
import { startRingWatch } from './alertmanager/ring-watch.ts';
import { createSourceFetch } from './alertmanager/source-fetch.ts';
import { createSourcePoller, DEFAULT_MAX_BACKOFF_MS } from './alertmanager/source-poller.ts';
import { inspectSources } from './alertmanager/inspect-sources.ts';
import { loadVigilConfig } from './config/load-config.ts';
import { keepHiddenSettings, readStoredOverlay, scrubStoredOverlay, storedOverlaySchema, withSourceCredential } from './config/settings-overlay.ts';
import { demoIdentity } from './config/demo-config.ts';
import { createDemoAlertmanager } from './demo/demo-alertmanager.ts';
import type { RotationProvider } from './engine/engine-ports.ts';
import { VigilEngine } from './engine/vigil-engine.ts';
import { openTimelineJournal, type TimelineJournal } from './journal/timeline-journal.ts';
import { openDraftStore, type DraftStoreOptions } from './postmortem/draft-store.ts';
import type { PostMortemExporter } from './postmortem/export-port.ts';
import { createPostMortemHandlers } from './postmortem/postmortem-handlers.ts';
import type { KeyValueStore, Logger, Notifier, SecretStore } from './ports.ts';
import { startRotation } from './rotation-provider.ts';
import { createRunbookHandlers } from './runbooks/runbook-handlers.ts';
import { prometheusTargets } from '../shared/prometheus/prometheus-targets.ts';
import type { DashboardsView } from '../shared/dashboards/dashboard-links.ts';
import { createIncidentGraphs, type IncidentGraphs } from './prometheus/incident-graphs.ts';
import { createPrometheusWatch, type PrometheusWatch } from './prometheus/prometheus-watch.ts';
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
  /** What the engine appends through; the journal itself unless a test injects a disk fault (full, read-only). */
  engineJournal?(journal: TimelineJournal): Pick<TimelineJournal, 'appendAll'>;
  /** Saves post-mortem exports where the user chooses (the app's save dialog, printToPDF); absent in the headless host. */
  postMortemExporter?: PostMortemExporter;
  /** Test seam under the post-mortem drafts (a full disk). */
  draftDiskFault?: DraftStoreOptions['beforeWrite'];
}

interface Runtime {
  config: VigilConfig;
  configSource: string | null;
  demo: boolean;
  configWarnings: string[];
  engine: VigilEngine;
  rotation: RotationProvider & { warning(): string | null; stop(): void };
  /** Each source's Prometheus: pending alerts, rule health, incident graphs. */
  prometheus: PrometheusWatch;
  graphs: IncidentGraphs;
  dashboards: DashboardsView;
  stop(): void;
}

const OVERLAY_KEY = 'settingsOverlay';

export function createVigilCore(deps: VigilCoreDeps): VigilCore {
  const listeners = new Map<VigilEventName, Set<(payload: never) => void>>();
  const emit = <E extends VigilEventName>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners.get(event) ?? []) (l as (p: EventPayload<E>) => void)(payload);
  };
  const journal = openTimelineJournal(join(deps.dataDir, 'timeline'), { clock: deps.clock });
  const engineJournal = deps.engineJournal?.(journal) ?? journal;
  const drafts = openDraftStore(join(deps.dataDir, 'postmortems'), { clock: deps.clock, ...(deps.draftDiskFault ? { beforeWrite: deps.draftDiskFault } : {}) });
  let runtime: Runtime | null = null;
  let startError: string | null = null;
  let pending = false;

  const snapshot = (): AppSnapshot => {
    const now = deps.clock.now();
    if (!runtime) {
      return { generatedAt: now, me: { id: '', name: null }, demo: false, configSource: deps.configPath, sources: [], incidents: [], roster: null, warnings: startError ? [startError] : ['Starting…'] };
    }
    const { engine, config, prometheus } = runtime;
    const roster = engine.roster();
    const sources = engine.health().map((s) => ({ ...s, prometheus: prometheus.health(s.id) }));
    const onCall = (roster?.myRoles.length ?? 0) > 0;
    const warnings: string[] = [];
    for (const s of sources) {
      if (s.state === 'unhealthy') warnings.push(`${onCall ? 'YOU ARE ON CALL and ' : ''}${s.name} is unreachable: ${s.error ?? 'unknown error'}. Alarms from it may be missed; its last known alerts are kept.`);
      if (s.heldReason) warnings.push(`${s.name}: ${s.heldReason}.`);
      if (s.watchdogMissingSince !== null) warnings.push(`${s.name}: its dead man's switch (Watchdog) is missing: Prometheus may no longer reach it.`);
    }
    warnings.push(...engine.warnings());
    const rotationWarning = runtime.rotation.warning();
    if (rotationWarning) warnings.push(rotationWarning);
    warnings.push(...runtime.configWarnings);
    if (startError) warnings.push(startError);
    return {
      generatedAt: now,
      me: { id: config.me.id, name: config.me.name ?? null },
      demo: runtime.demo,
      configSource: runtime.configSource,
      sources,
      incidents: engine.incidents(),
      roster,
      warnings,
      aboutToFire: prometheus.pending(),
      dashboards: runtime.dashboards,
    };
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
    const overlay = readStoredOverlay(deps.store, OVERLAY_KEY);
    const loaded = await loadVigilConfig({ configPath: deps.configPath ?? undefined, env: deps.env, homeDir: deps.homeDir, overlay });
    const sources = loaded.demo
      ? [{ id: 'demo', name: 'Demo scenario (playbook alerts)', urls: ['demo://playbook'], api: createDemoAlertmanager(deps.clock), watchdog: null }]
      : loaded.config.sources.map((s) => ({ id: s.id, name: s.name ?? s.id, urls: s.urls, api: createAlertmanagerClient(s, { secrets: deps.secrets }), watchdog: s.dead_mans_switch?.alertname ?? null }));
    let engineRef: VigilEngine | null = null;
    const rotationFile = loaded.demo ? join(deps.appRoot ?? process.cwd(), 'examples', 'rotation.playbook.yaml') : loaded.config.rotation?.file;
    const rotation = startRotation({ file: rotationFile, url: loaded.demo ? undefined : loaded.config.rotation?.url, refreshMs: loaded.config.rotation?.refresh ?? 60_000, clock: deps.clock, logger: deps.logger, onChange: () => void engineRef?.tick() });
    const inspected = await inspectSources(sources, loaded.config.sources, deps.logger);
    const groupBy = loaded.config.grouping.by ?? inspected.groupBy;
    await rotation.ready;
    // The demo is seen as whoever is primary now, unless I chose who I am in the app.
    const chosenMe = storedOverlaySchema.safeParse(scrubStoredOverlay(overlay)).data?.me;
    const config = loaded.demo && chosenMe === undefined ? { ...loaded.config, me: demoIdentity(rotation.roster(deps.clock.now(), '')?.now ?? []) } : loaded.config;
    const engine = new VigilEngine({ clock: deps.clock, config, sources, groupBy, notifier: deps.notifier, journal: engineJournal, store: deps.store, rotation, logger: deps.logger, onChange: publish });
    engineRef = engine;
    const pollers = sources.map((s) =>
      createSourcePoller({
        sourceId: s.id,
        fetch: createSourceFetch({ api: s.api, now: () => deps.clock.now(), holdMs: config.resolution_hold, watchdogAlertname: s.watchdog }),
        clock: deps.clock,
        intervalMs: config.poll_interval,
        // While I am on call a recovered Alertmanager must be seen within one poll interval.
        maxBackoffMs: () => (engine.onCall() ? config.poll_interval : DEFAULT_MAX_BACKOFF_MS),
        onResult: (result) => void engine.applyPoll(s.id, result),
      }),
    );
    for (const p of pollers) p.start();
    const ringWatches =
      config.fast_poll_interval > 0
        ? sources.map((s, index) => startRingWatch({ api: s.api, clock: deps.clock, intervalMs: config.fast_poll_interval, known: () => engine.knownFingerprints(s.id), pollNow: () => void pollers[index]!.pollNow() }))
        : [];
    const prom = loaded.demo ? { targets: [], warnings: [] } : prometheusTargets(config);
    const prometheus = createPrometheusWatch({ targets: prom.targets, clock: deps.clock, logger: deps.logger, secrets: deps.secrets, onChange: publish });
    prometheus.start();
    return {
      config,
      configSource: loaded.source,
      demo: loaded.demo,
      configWarnings: [...loaded.warnings, ...inspected.warnings, ...prom.warnings],
      engine,
      rotation,
      prometheus,
      graphs: createIncidentGraphs({ clock: deps.clock, prometheusOf: prometheus.prometheusOf }),
      dashboards: {
        grafanaUrl: config.dashboards?.grafana_url ?? null,
        links: (config.dashboards?.links ?? []).map((l) => ({ name: l.name, match: l.match, url: l.url, before: l.before, after: l.after })),
      },
      stop: () => {
        prometheus.stop();
        for (const p of pollers) p.stop();
        for (const w of ringWatches) w.stop();
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
      sources: (config?.sources ?? []).map((s) => ({ id: s.id, name: s.name ?? null, urls: s.urls, receiver: s.receiver ?? null, filter: s.filter, hasAuth: sourceSendsCredentials(s), authKind: s.auth === undefined ? null : 'bearer' in s.auth ? 'bearer' : 'basic' })),
      policy: Object.fromEntries(['critical', 'warning', 'info', 'none', ...Object.keys(config?.policy ?? {})].map((sev) => {
        const p = config ? policyFor(config, sev) : { alarm: true, ack_within: 0, loud: false };
        return [sev, { alarm: p.alarm, ack_within_ms: p.ack_within, loud: p.loud }];
      })),
      pollIntervalMs: config?.poll_interval ?? 0,
      configSource: runtime?.configSource ?? null,
    };
  };

  /** The saved settings as stored (kept as written for the keys a save does not touch) and as parsed (null when invalid). */
  const storedOverlay = () => {
    const raw = readStoredOverlay(deps.store, OVERLAY_KEY);
    const parsed = storedOverlaySchema.safeParse(raw);
    return { raw: typeof raw === 'object' && raw !== null ? raw : {}, parsed: parsed.success ? parsed.data : null };
  };

  /**
   * Refuse settings that would make the whole configuration invalid before anything is saved (the
   * same load a restart does), run `beforeSave` (storing a secret), then save and restart.
   */
  const saveOverlay = async (overlay: unknown, beforeSave?: () => Promise<void>) => {
    await loadVigilConfig({ configPath: deps.configPath ?? undefined, env: deps.env, homeDir: deps.homeDir, overlay });
    await beforeSave?.();
    deps.store.set(OVERLAY_KEY, overlay);
    await restart();
    return settingsView();
  };

  const updateSettings: VigilHandlers['updateSettings'] = async (patch) => {
    const previous = storedOverlay();
    return saveOverlay({ ...previous.raw, ...keepHiddenSettings(patch, runtime?.config ?? null, previous.parsed) });
  };

  /** Write-only: the secret goes to the SecretStore (safeStorage; the headless host refuses), the settings keep a ref to it. */
  const setSourceCredential: VigilHandlers['setSourceCredential'] = async ({ sourceId, credential }) => {
    if (!runtime) throw new Error('Vigil has no working configuration yet: fix the configuration, then set the credential');
    const previous = storedOverlay();
    const { sources, secretKey, secretValue } = withSourceCredential(previous.parsed, runtime.config, sourceId, credential);
    return saveOverlay({ ...previous.raw, sources }, () => deps.secrets.set(secretKey, secretValue));
  };

  const postMortems = createPostMortemHandlers({
    clock: deps.clock,
    journal,
    drafts,
    me: () => runtime?.config.me.id ?? '',
    ackWithinMs: (severity) => (runtime ? policyFor(runtime.config, severity).ack_within : null),
    template: () => (runtime?.config.postmortem?.template ? { path: runtime.config.postmortem.template, configFile: runtime.configSource } : null),
    exporter: deps.postMortemExporter,
    liveIncident: (occurrenceId) => {
      const view = runtime?.engine.incidents().find((i) => i.occurrenceId === occurrenceId);
      return view ? { labels: view.alerts[0]?.labels ?? view.groupLabels, summary: view.summary } : null;
    },
  });

  const runbooks = createRunbookHandlers({
    clock: deps.clock,
    journal,
    cacheDir: join(deps.dataDir, 'runbooks'),
    appRoot: deps.appRoot ?? process.cwd(),
    config: () => runtime?.config ?? null,
    incident: (incidentKey) => runtime?.engine.incidents().find((i) => i.key === incidentKey) ?? null,
  });

  const handlers: VigilHandlers = {
    ...postMortems,
    ...runbooks.handlers,
    getSnapshot: async () => snapshot(),
    ackIncident: async ({ incidentKey, via }) => (runtime ? runtime.engine.ack(incidentKey, via) : { ok: false, silenceId: null, error: 'Vigil is still starting.' }),
    // Each ack asks the runtime of its moment: a settings change mid-storm restarts the engine.
    ackIncidents: async ({ incidentKeys, via }) => ({ results: await ackIncidents(incidentKeys, (key) => handlers.ackIncident({ incidentKey: key, via })) }),
    getTimeline: async ({ incidentKey, occurrenceId }) => {
      const events = journal.forIncident(incidentKey);
      return occurrenceId === undefined ? events : events.filter((e) => e.occurrenceId === occurrenceId);
    },
    getSettings: async () => settingsView(),
    updateSettings,
    setIdentity: async (me) => updateSettings({ me }),
    setSourceCredential,
    getIncidentGraph: async ({ incidentKey }) =>
      runtime ? runtime.graphs.graph(runtime.engine.incidents().find((i) => i.key === incidentKey)) : { status: 'unavailable', reason: 'Vigil is still starting.' },
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
      runbooks.dispose();
      journal.close();
    },
  };
}
