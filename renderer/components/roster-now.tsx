import type { RoleHolder } from '../../shared/domain.ts';
import { ContactButtons } from './contact-buttons.tsx';
import { formatInZone } from '../lib/zone-time.ts';
import { SafeText } from './safe-text.tsx';

export function RosterNow({ holders, myRoles, now }: { holders: readonly RoleHolder[]; myRoles: readonly string[]; now: number }) {
  return (
    <section aria-label="On call now">
      <h3 className="section-title">On call now</h3>
      <ul className="roster-now" data-testid="roster-now">
        {holders.map((holder) => (
          <li
            key={holder.role}
            className={`roster-now__row${holder.person ? '' : ' roster-now__row--gap'}${myRoles.includes(holder.role) ? ' roster-now__row--me' : ''}`}
            data-testid="roster-now-row"
            data-role={holder.role}
            data-handle={holder.person?.handle ?? ''}
          >
            <span className="roster-now__role">
              <SafeText value={holder.role} limit={60} />
            </span>
            {holder.person ? (
              <>
                <SafeText value={holder.person.name} limit={120} className="roster-now__name" />
                <span className="muted" data-testid="roster-local-time">
                  their time {formatInZone(now, holder.person.timezone)}
                </span>
                <ContactButtons person={holder.person} />
              </>
            ) : (
              <strong className="roster-now__nobody">nobody — uncovered</strong>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
