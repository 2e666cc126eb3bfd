import type { Clock } from '../../shared/clock.ts';
import { parseMatchers, type LabelMatcher } from '../../shared/label-matchers.ts';
import type { PrometheusTarget } from '../../shared/prometheus/prometheus-targets.ts';
import type { PendingAlertView, PrometheusHealthView } from '../../shared/prometheus/prometheus-views.ts';
import { summarizeRules, type RulesSummary } from '../../shared/prometheus/rule-watch.ts';
import type { SourceRequestDeps } from '../alertmanager/source-request.ts';
import { createSourcePoller, type SourcePoller } from '../alertmanager/source-poller.ts';
import type { Logger } from '../ports.ts';
import { createPrometheusClient, type PrometheusApi } from './prometheus-client.ts';

// Polls each source's Prometheus (GET /api/v1/rules) on its own interval, in the core, with the
// same poller as Alertmanager sources: never overlapping, backing off on failure. One request says
// both which alerts are pending (the rule's `for:` comes with them, so the time left is exact even
// when several rules share an alertname) and which rules failed their last evaluation. A failed poll
// keeps the last known answer and marks the Prometheus unhealthy; it never reads as "nothing pending".

export interface PrometheusWatchDeps extends SourceRequestDeps {
  targets: readonly PrometheusTarget[];
  clock: Clock;
  logger: Logger;
  /** Called when what the snapshot shows changed (pending alerts, rule health, reachability). */
  onChange(): void;
  /** Injectable so a test can pin the backoff jitter. */
  random?: () => number;
}

export interface WatchedPrometheus {
  target: PrometheusTarget;
  api: PrometheusApi;
}

export interface PrometheusWatch {
  start(): void;
  stop(): void;
  /** Pending alerts of every source, soonest to fire first. */
  pending(): PendingAlertView[];
  health(sourceId: string): PrometheusHealthView | null;
  /** The source's Prometheus, for the incident graph. */
  prometheusOf(sourceId: string): WatchedPrometheus | null;
  /** Poll every Prometheus now (tests, and a settings change). */
  pollNow(): Promise<void>;
}

interface Entry extends WatchedPrometheus {
  matchers: LabelMatcher[] | null;
  filterError: string | null;
  poller: SourcePoller;
  summary: RulesSummary | null;
  error: string | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  signature: string;
}

type RulesFetch = { alerts: PendingAlertView[]; quarantined: number; summary: RulesSummary };

export function createPrometheusWatch(deps: PrometheusWatchDeps): PrometheusWatch {
  const entries = new Map<string, Entry>();

  const viewOf = (entry: Entry): PrometheusHealthView => {
    const summary = entry.summary;
    const state = entry.error !== null ? 'unhealthy' : entry.lastSuccessAt !== null ? 'ok' : 'unknown';
    return {
      url: entry.target.prometheus.url,
      state,
      lastSuccessAt: entry.lastSuccessAt,
      lastAttemptAt: entry.lastAttemptAt,
      error: entry.error ?? (entry.filterError === null ? null : `the source's filter cannot be applied to pending alerts (${entry.filterError}): none are listed`),
      ruleCount: summary?.ruleCount ?? 0,
      brokenRules: summary?.broken ?? [],
      brokenRuleCount: summary?.brokenCount ?? 0,
      pendingCount: summary?.pendingCount ?? 0,
      quarantined: summary?.quarantined ?? 0,
    };
  };

  // Publish only when something shown changed (the rules answer repeats itself every poll).
  const changed = (entry: Entry) => {
    const view = viewOf(entry);
    // Evaluation times and current values change at every evaluation; what is shown does not.
    const signature = JSON.stringify([
      view.state,
      view.error,
      view.ruleCount,
      view.brokenRules.map((r) => [r.group, r.name, r.lastError]),
      view.brokenRuleCount,
      view.quarantined,
      (entry.summary?.pending ?? []).map((p) => [p.key, p.firesAt]),
    ]);
    if (signature === entry.signature) return;
    entry.signature = signature;
    deps.onChange();
  };

  for (const target of deps.targets) {
    if (entries.has(target.sourceId)) continue;
    const parsed = parseMatchers(target.filter);
    const api = createPrometheusClient(target.prometheus, `Prometheus of source "${target.sourceId}"`, deps);
    const entry: Entry = {
      target,
      api,
      matchers: parsed.ok ? parsed.matchers : null,
      filterError: parsed.ok ? null : parsed.error,
      summary: null,
      error: null,
      lastSuccessAt: null,
      lastAttemptAt: null,
      signature: '',
      poller: createSourcePoller<RulesFetch>({
        sourceId: target.sourceId,
        clock: deps.clock,
        intervalMs: target.prometheus.poll_interval,
        random: deps.random,
        logger: deps.logger,
        fetch: async (signal) => {
          const groups = await api.rules(signal);
          // A filter that cannot be applied lists nothing rather than everyone's alerts.
          const summary = summarizeRules(groups, { sourceId: target.sourceId, matchers: entry.matchers ?? [] });
          if (entry.matchers === null) summary.pending = [];
          return { alerts: summary.pending, quarantined: summary.quarantined, summary };
        },
        onResult: (outcome) => {
          entry.lastAttemptAt = outcome.at;
          if (outcome.ok) {
            entry.summary = outcome.fetch.summary;
            entry.error = null;
            entry.lastSuccessAt = outcome.at;
          } else {
            entry.error = outcome.error;
            deps.logger.warn('Prometheus poll failed', { source: target.sourceId, error: outcome.error });
          }
          changed(entry);
        },
      }),
    };
    entries.set(target.sourceId, entry);
  }

  return {
    start() {
      for (const entry of entries.values()) entry.poller.start();
    },
    stop() {
      for (const entry of entries.values()) entry.poller.stop();
    },
    pending() {
      const all = [...entries.values()].flatMap((entry) => (entry.matchers === null ? [] : (entry.summary?.pending ?? [])));
      return all.sort((a, b) => (a.firesAt ?? Infinity) - (b.firesAt ?? Infinity) || (a.key < b.key ? -1 : 1));
    },
    health(sourceId) {
      const entry = entries.get(sourceId);
      return entry ? viewOf(entry) : null;
    },
    prometheusOf(sourceId) {
      const entry = entries.get(sourceId);
      return entry ? { target: entry.target, api: entry.api } : null;
    },
    async pollNow() {
      await Promise.all([...entries.values()].map((entry) => entry.poller.pollNow()));
    },
  };
}
