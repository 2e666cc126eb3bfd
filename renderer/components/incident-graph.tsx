import { lazy, Suspense, useId } from 'react';
import type { IncidentView } from '../../shared/domain.ts';
import type { IncidentGraph as IncidentGraphData } from '../../shared/prometheus/prometheus-views.ts';
import { graphText, SERIES_COLOURS } from '../lib/graph-text.ts';
import { formatTimeOfDay } from '../lib/zone-time.ts';
import { useIncidentGraph } from '../state/incident-graph-query.ts';
import { SafeText } from './safe-text.tsx';
import { LoadBoundary } from './load-boundary.tsx';
import '../workspace.css';

// uPlot loads on demand: the window's first paint (an alarm, the incident list) does not wait for it.
const UplotChart = lazy(() => import('./uplot-chart.tsx').then((m) => ({ default: m.UplotChart })));

/**
 * The graph of what fired: the alert's expression over the last hour from the source's Prometheus,
 * the incident's start marked. The canvas has a text alternative (a caption and a table) that says
 * the same; when there is no graph, the reason is said instead of an empty frame.
 */
export function IncidentGraph({ incident }: { incident: IncidentView }) {
  const captionId = useId();
  const query = useIncidentGraph(incident);
  const graph = query.data;
  return (
    <section className="incident-graph" data-testid="incident-graph" data-status={graph?.status ?? (query.isError ? 'error' : 'loading')} aria-label="Graph">
      <div className="incident-graph__head">
        <h3 className="section-title">
          Graph
          {graph?.status === 'ok' ? <span className="incident-graph__from"> · {graph.exprFrom === 'config' ? 'configured query' : 'alert rule'}</span> : null}
        </h3>
        {graph?.status === 'ok' ? <span className="muted incident-graph__asof">as of {formatTimeOfDay(graph.queriedAt)}</span> : null}
        {/* Asked again only on request: the window never polls Prometheus (the core caches for 15 s). */}
        {graph && graph.status !== 'unavailable' ? (
          <button type="button" className="button button--plain incident-graph__refresh" data-testid="incident-graph-refresh" disabled={query.isFetching} onClick={() => void query.refetch()}>
            Refresh
          </button>
        ) : null}
      </div>
      {query.isPending ? <p className="incident-graph__status muted" data-testid="incident-graph-status">Asking Prometheus…</p> : null}
      {query.isError ? (
        <p className="incident-graph__status error" data-testid="incident-graph-status">
          Could not ask for the graph: <SafeText value={query.error.message} limit={300} />
        </p>
      ) : null}
      {graph?.status === 'unavailable' ? (
        <p className="incident-graph__status muted" data-testid="incident-graph-status">
          <SafeText value={graph.reason} limit={400} />
        </p>
      ) : null}
      {graph?.status === 'error' ? (
        <p className="incident-graph__status error" data-testid="incident-graph-status">
          Prometheus did not answer the graph: <SafeText value={graph.error} limit={400} />
        </p>
      ) : null}
      {graph?.status === 'ok' ? <GraphFigure graph={graph} captionId={captionId} /> : null}
    </section>
  );
}

function GraphFigure({ graph, captionId }: { graph: Extract<IncidentGraphData, { status: 'ok' }>; captionId: string }) {
  const text = graphText(graph, formatTimeOfDay);
  return (
    <figure className="incident-graph__figure" aria-labelledby={captionId}>
      <LoadBoundary what="The graph" reassurance="Its caption still says what it shows; alarms and incidents are not affected." testId="incident-graph-failed">
        {/* The chart's own box while its code loads, so nothing below it moves. */}
        <Suspense fallback={<div className="incident-graph__canvas" aria-hidden="true" />}>
          <UplotChart timestamps={graph.timestamps} series={graph.series} markAt={graph.startsAt} threshold={graph.threshold?.value ?? null} />
        </Suspense>
      </LoadBoundary>
      <ul className="incident-graph__legend" aria-hidden="true">
        {graph.series.map((s, i) => (
          <li key={i}>
            <span className={`graph-swatch graph-swatch--${i % SERIES_COLOURS}`} />
            <SafeText value={s.label} limit={120} className="mono" />
          </li>
        ))}
      </ul>
      <figcaption className="incident-graph__caption muted">
        {/* The full text alternative is the figure's name for screen readers; the eye gets one line. */}
        <span id={captionId} className="incident-graph__sr-only" data-testid="incident-graph-text">
          {text.caption}
        </span>
        <span aria-hidden="true" data-testid="incident-graph-short">
          {text.short}
        </span>
      </figcaption>
      {text.rows.length > 0 ? (
        <details className="incident-graph__data">
          <summary>Values as a table</summary>
          <table data-testid="incident-graph-table">
            <thead>
              <tr>
                <th scope="col">series</th>
                <th scope="col">latest</th>
                <th scope="col">lowest</th>
                <th scope="col">highest</th>
              </tr>
            </thead>
            <tbody>
              {text.rows.map((row, i) => (
                <tr key={i}>
                  <th scope="row" className="mono">
                    {row.label}
                  </th>
                  <td>{row.latest}</td>
                  <td>{row.min}</td>
                  <td>{row.max}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
