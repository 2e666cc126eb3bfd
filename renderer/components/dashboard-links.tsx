import { useMemo } from 'react';
import { compileDashboards, dashboardLinks } from '../../shared/dashboards/dashboard-links.ts';
import type { IncidentView } from '../../shared/domain.ts';
import { useSnapshotQuery } from '../state/snapshot-query.ts';
import { LinkButton } from './link-button.tsx';
import { SafeText } from './safe-text.tsx';

/**
 * The incident's dashboards, one click each: `*_url` annotations, the Prometheus graph, a
 * Grafana-managed alert's panel and the config's `dashboards:` links, filled in for this incident.
 * Every button opens through api.openLink (the core's allowlist).
 */
export function DashboardLinks({ incident }: { incident: IncidentView }) {
  const dashboards = useSnapshotQuery().data?.dashboards;
  const compiled = useMemo(() => compileDashboards(dashboards), [dashboards]);
  const { links, notes } = useMemo(() => dashboardLinks(incident, compiled), [incident, compiled]);
  if (links.length === 0 && notes.length === 0) return null;
  return (
    <section className="dashboard-links" data-testid="dashboard-links" aria-label="Dashboards">
      <h3 className="section-title">Dashboards</h3>
      <div className="dashboard-links__buttons">
        {links.map((link) => (
          <span key={link.id} data-testid="dashboard-link-item" data-kind={link.kind}>
            <LinkButton url={link.url} label={link.label} testId="dashboard-link" />
          </span>
        ))}
      </div>
      {notes.map((note) => (
        <p key={note} className="note" data-testid="dashboard-note">
          <SafeText value={note} limit={300} />
        </p>
      ))}
    </section>
  );
}
