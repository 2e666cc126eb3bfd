import type { GapView, PersonView, ShiftView } from '../../shared/domain.ts';
import { DualTime } from './dual-time.tsx';
import { SafeText } from './safe-text.tsx';

const MAX_SHIFTS = 200;

export function UpcomingShifts({ shifts, gaps, people }: { shifts: readonly ShiftView[]; gaps: readonly GapView[]; people: readonly PersonView[] }) {
  const zoneOf = new Map(people.map((person) => [person.handle, person.timezone]));
  const ordered = [...shifts].sort((a, b) => a.start - b.start || (a.role < b.role ? -1 : 1));
  return (
    <section aria-label="Upcoming shifts">
      <h3 className="section-title">Next 4 weeks</h3>
      {gaps.length > 0 ? (
        <ul className="roster-gaps">
          {gaps.map((gap) => (
            <li key={`${gap.role}-${gap.start}`} className="roster-gap" data-testid="roster-gap" data-role={gap.role}>
              Gap: nobody is <SafeText value={gap.role} limit={60} /> from <DualTime at={gap.start} timeZone={null} /> to{' '}
              <DualTime at={gap.end} timeZone={null} />
            </li>
          ))}
        </ul>
      ) : null}
      <table className="shifts" data-testid="roster-upcoming">
        <thead>
          <tr>
            <th scope="col">role</th>
            <th scope="col">who</th>
            <th scope="col">from</th>
            <th scope="col">until</th>
          </tr>
        </thead>
        <tbody>
          {ordered.slice(0, MAX_SHIFTS).map((shift) => {
            const zone = shift.handle ? (zoneOf.get(shift.handle) ?? null) : null;
            return (
              <tr key={`${shift.role}-${shift.start}`} data-testid="roster-shift" data-role={shift.role} data-handle={shift.handle ?? ''} className={shift.handle ? '' : 'shift--gap'}>
                <td>
                  <SafeText value={shift.role} limit={60} />
                </td>
                <td>{shift.name || shift.handle ? <SafeText value={shift.name ?? shift.handle} limit={120} /> : <strong>nobody</strong>}</td>
                <td>
                  <DualTime at={shift.start} timeZone={zone} />
                </td>
                <td>
                  <DualTime at={shift.end} timeZone={zone} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
