import type { Clock } from '../../shared/clock.ts';
import type { IncidentView } from '../../shared/domain.ts';
import { alignMatrix, exprFromGeneratorUrl, graphWindow, splitThreshold, type SplitExpression } from '../../shared/prometheus/graph-series.ts';
import type { IncidentGraph } from '../../shared/prometheus/prometheus-views.ts';
import type { WatchedPrometheus } from './prometheus-watch.ts';

// The graph of what fired, answered by the core when the renderer shows an incident (a contract
// request through TanStack Query; the renderer never polls). The expression is the source's
// configured query for the alertname, else the one in the alert's generatorURL; the range is the
// last hour (widened to include the incident's start) at a step that keeps each series under
// ~1,000 points. Answers are cached briefly, so switching back and forth between incidents, or
// several windows showing one, asks Prometheus once.

export const GRAPH_CACHE_MS = 15_000;
const MAX_CACHED = 32;

export interface IncidentGraphsDeps {
  clock: Clock;
  prometheusOf(sourceId: string): WatchedPrometheus | null;
  cacheMs?: number;
}

export interface IncidentGraphs {
  graph(incident: IncidentView | undefined): Promise<IncidentGraph>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The source whose Prometheus evaluates the incident's alerts: the first one with a Prometheus configured. */
function prometheusFor(incident: IncidentView, prometheusOf: IncidentGraphsDeps['prometheusOf']): WatchedPrometheus | null {
  for (const alert of incident.alerts) {
    for (const sourceId of alert.sources) {
      const found = prometheusOf(sourceId);
      if (found) return found;
    }
  }
  return null;
}

/**
 * What to draw: the configured query as written, else the rule's expression from the generatorURL
 * with its threshold split off (so the line shows before the alert fires, not only above it).
 */
function expressionFor(incident: IncidentView, watched: WatchedPrometheus): (SplitExpression & { from: 'config' | 'generatorURL' }) | null {
  const { queries } = watched.target.prometheus;
  // alertname is an untrusted label: an own-property check, never a prototype lookup.
  if (Object.hasOwn(queries, incident.alertname)) {
    const configured = queries[incident.alertname];
    if (configured) return { query: configured, threshold: null, from: 'config' };
  }
  for (const alert of incident.alerts) {
    const expr = exprFromGeneratorUrl(alert.generatorURL);
    if (expr !== null) return { ...splitThreshold(expr), from: 'generatorURL' };
  }
  return null;
}

type QueryAnswer = { ok: true; data: ReturnType<typeof alignMatrix>; queriedAt: number } | { ok: false; error: string };

export function createIncidentGraphs(deps: IncidentGraphsDeps): IncidentGraphs {
  const cacheMs = deps.cacheMs ?? GRAPH_CACHE_MS;
  // Insertion-ordered: the oldest entry is evicted first. Holds the promise, so concurrent asks share one query.
  const cache = new Map<string, { at: number; answer: Promise<QueryAnswer> }>();

  const cached = (key: string, now: number, ask: () => Promise<QueryAnswer>): Promise<QueryAnswer> => {
    for (const [k, entry] of cache) if (now - entry.at >= cacheMs) cache.delete(k);
    const hit = cache.get(key);
    if (hit) return hit.answer;
    const answer = ask();
    cache.set(key, { at: now, answer });
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return answer;
  };

  return {
    async graph(incident) {
      if (!incident) return { status: 'unavailable', reason: 'This incident is no longer known to Vigil.' };
      if (incident.kind !== 'alert') return { status: 'unavailable', reason: 'Vigil raised this itself (a source cannot be seen): there is no expression to graph.' };
      const watched = prometheusFor(incident, deps.prometheusOf);
      if (!watched) {
        const sources = [...new Set(incident.alerts.flatMap((a) => a.sources))].join(', ') || 'its source';
        return { status: 'unavailable', reason: `No Prometheus is configured for ${sources}: add prometheus: { url } under the source to see the graph.` };
      }
      const found = expressionFor(incident, watched);
      if (!found) {
        return { status: 'unavailable', reason: `The alert carries no expression (no generatorURL with g0.expr), and the source's prometheus.queries has none for ${incident.alertname || 'this alert'}.` };
      }
      const now = deps.clock.now();
      const window = graphWindow(now, incident.startsAt);
      const { sourceId } = watched.target;
      const key = JSON.stringify([sourceId, found.query, window.startMs, window.endMs]);
      const answer = await cached(key, now, async () => {
        try {
          return { ok: true, data: alignMatrix(await watched.api.queryRange(found.query, window), window), queriedAt: now };
        } catch (error) {
          return { ok: false, error: messageOf(error) };
        }
      });
      if (!answer.ok) return { status: 'error', error: answer.error, expr: found.query };
      return { status: 'ok', sourceId, expr: found.query, exprFrom: found.from, threshold: found.threshold, ...window, startsAt: incident.startsAt, ...answer.data, queriedAt: answer.queriedAt };
    },
  };
}
