import type { AppSnapshot } from '../../shared/domain.ts';
import { useNow } from '../state/use-now.ts';
import { formatAgo } from '../lib/time-text.ts';
import { localTimeZone } from '../lib/zone-time.ts';
import { IdentitySelect } from './identity-select.tsx';
import { NextHandoff } from './next-handoff.tsx';
import { RosterNow } from './roster-now.tsx';
import { SafeText } from './safe-text.tsx';
import { UpcomingShifts } from './upcoming-shifts.tsx';

export function RosterPanel({ snapshot }: { snapshot: AppSnapshot }) {
  const now = useNow();
  const roster = snapshot.roster;
  if (!roster) {
    return (
      <section className="panel roster" data-testid="roster" aria-label="Rotation">
        <h2 className="section-title">Rotation</h2>
        <p className="muted" data-testid="roster-empty">
          No rotation is configured. Add a rotation file in the configuration to see who is on call and the escalation clock.
        </p>
      </section>
    );
  }
  return (
    <section className="panel roster" data-testid="roster" aria-label="Rotation">
      <h2 className="section-title">Rotation</h2>
      {roster.warning ? (
        <p className="banner banner--warning" data-testid="rotation-warning" role="alert">
          <SafeText value={roster.warning} limit={500} />
        </p>
      ) : null}
      <p className="muted roster__meta">
        {roster.source ? (
          <>
            from <SafeText value={roster.source} limit={200} />
          </>
        ) : null}
        {roster.loadedAt !== null ? ` · loaded ${formatAgo(now - roster.loadedAt)}` : ''} · times in your zone ({localTimeZone()})
      </p>
      <IdentitySelect people={roster.people} myId={snapshot.me.id} />
      <RosterNow holders={roster.now} myRoles={roster.myRoles} now={now} />
      <NextHandoff handoff={roster.nextHandoff} now={now} />
      <UpcomingShifts shifts={roster.upcoming} gaps={roster.gaps} people={roster.people} />
    </section>
  );
}
