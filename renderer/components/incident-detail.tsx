import type { IncidentView } from '../../shared/domain.ts';
import { formatTimeOfDay } from '../lib/zone-time.ts';
import { ackRuleText } from '../lib/ack-deadline.ts';
import { formatAge } from '../lib/time-text.ts';
import { useNow } from '../state/use-now.ts';
import { AckButton } from './ack-button.tsx';
import { AckDeadline } from './ack-deadline.tsx';
import { AlertSample } from './alert-sample.tsx';
import { DashboardLinks } from './dashboard-links.tsx';
import { EscalationClock } from './escalation-clock.tsx';
import { IncidentNotes } from './incident-notes.tsx';
import { IncidentGraph } from './incident-graph.tsx';
import { LabelList } from './label-list.tsx';
import { LinkButton } from './link-button.tsx';
import { RunbookChecklist } from './runbook-checklist.tsx';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';
import { TimelineView } from './timeline-view.tsx';
import { countText } from '../../shared/count-text.ts';

export function IncidentDetail({ incident }: { incident: IncidentView }) {
  const now = useNow();
  // The first sampled alert stands for the incident: its labels include the grouping labels,
  // its annotations are where summary/runbook came from.
  const representative = incident.alerts[0];
  const labels = representative ? representative.labels : incident.groupLabels;
  const annotations = representative ? representative.annotations : {};
  return (
    <article className="incident-detail" data-testid="incident-detail" data-incident-key={incident.key} aria-label="Incident detail">
      <header className="incident-detail__head">
        <SeverityBadge severity={incident.severity} />
        <h2 className="incident-detail__title">
          <SafeText value={incident.title} limit={300} testId="detail-title" />
        </h2>
        <span className={`state state--${incident.state}`} data-testid="detail-state">
          {incident.state}
        </span>
        {/* Firing but not (yet) ringing for me, e.g. my escalation step is still ahead: I may take it early. */}
        {incident.state === 'firing' && !incident.alarm ? <AckButton incidentKey={incident.key} acking={false} via="window" className="incident-detail__ack-button" /> : null}
      </header>
      {/* The first five minutes in one view (fits 1280x800). Above: what fired and how bad, its
          dashboards (dashboard_url and every other *_url annotation) and, beside it, the graph.
          Below: what to do (the runbook checklist's current phase) beside who is paged and when. */}
      <div className="incident-overview">
        <div className="incident-overview__what">
          <p className="incident-detail__facts muted">
            started {formatAge(now - incident.startsAt)} ago ({formatTimeOfDay(incident.startsAt)}) · {countText(incident.alertCount)} alerts
            {incident.resolvedAt !== null ? ` · resolved at ${formatTimeOfDay(incident.resolvedAt)}` : ''}
          </p>
          {incident.severityNote ? (
            <p className="incident-detail__severity-note" data-testid="severity-note">
              <SafeText value={incident.severityNote} limit={300} />
            </p>
          ) : null}
          {incident.alarm ? (
            <p className="incident-detail__ack-deadline">
              {/* The escalation clock and the alarm strip announce this deadline; here it is read, not spoken. */}
              <AckDeadline alarm={incident.alarm} now={now} testId="detail-ack-deadline" live={false} />{' '}
              <span className="muted" data-testid="ack-rule">
                {ackRuleText(incident.alarm)}
              </span>
            </p>
          ) : null}
          {incident.ack ? (
            <p className="incident-detail__ack" data-testid="detail-ack">
              <SafeText value={`acked by ${incident.ack.by}`} limit={160} /> via {incident.ack.via} at {formatTimeOfDay(incident.ack.at)}
              {incident.ack.silenceId ? (
                <span className="muted">
                  {' '}
                  (silence <SafeText value={incident.ack.silenceId} limit={80} />)
                </span>
              ) : null}
            </p>
          ) : null}
          {incident.silencedBy.length > 0 ? (
            <p className="muted" data-testid="detail-silenced-by">
              Muted by silence <SafeText value={incident.silencedBy.join(', ')} limit={300} />
            </p>
          ) : null}
          {incident.summary ? (
            <p className="incident-detail__summary" data-testid="incident-summary">
              <SafeText value={incident.summary} />
            </p>
          ) : null}
          {incident.description ? (
            <p className="incident-detail__description prewrap" data-testid="incident-description">
              <SafeText value={incident.description} />
            </p>
          ) : null}
          {incident.runbookUrl ? (
            <p className="incident-detail__links">
              <LinkButton url={incident.runbookUrl} label="Open runbook" testId="runbook-link" showUrl />
            </p>
          ) : null}
          <DashboardLinks incident={incident} />
        </div>
        {incident.kind === 'alert' ? <IncidentGraph incident={incident} /> : null}
      </div>
      <div className="incident-workspace">
        <div className="incident-workspace__main">
          {incident.kind === 'alert' ? <RunbookChecklist incident={incident} now={now} /> : null}
        </div>
        <div className="incident-workspace__side">
          {incident.escalation ? <EscalationClock escalation={incident.escalation} alarm={incident.alarm} now={now} /> : null}
        </div>
      </div>
      <div className="incident-detail__columns">
        <section aria-label="Labels">
          <h3 className="section-title">Labels</h3>
          <LabelList labels={labels} testId="incident-labels" emptyText="no labels" />
        </section>
        <section aria-label="Annotations">
          <h3 className="section-title">Annotations</h3>
          <LabelList labels={annotations} testId="incident-annotations" emptyText="no annotations" />
        </section>
      </div>
      <AlertSample alerts={incident.alerts} alertCount={incident.alertCount} now={now} />
      <IncidentNotes incident={incident} />
      <TimelineView incidentKey={incident.key} />
    </article>
  );
}
