import type { RosterView } from '../../shared/domain.ts';
import { Countdown } from './countdown.tsx';
import { DualTime } from './dual-time.tsx';
import { SafeText } from './safe-text.tsx';

export function NextHandoff({ handoff, now }: { handoff: RosterView['nextHandoff']; now: number }) {
  return (
    <section className="next-handoff" data-testid="next-handoff" aria-label="Next handoff">
      <h3 className="section-title">Next handoff</h3>
      {handoff ? (
        <p>
          <SafeText value={handoff.role} limit={60} />: <SafeText value={handoff.from ?? 'nobody'} limit={120} /> →{' '}
          <SafeText value={handoff.to ?? 'nobody'} limit={120} /> at <DualTime at={handoff.at} timeZone={null} /> (in{' '}
          <Countdown deadline={handoff.at} now={now} label="Until the handoff" />)
        </p>
      ) : (
        <p className="muted">No handoff scheduled in the loaded rotation.</p>
      )}
    </section>
  );
}
