import { useEffect } from 'react';
import type { IncidentView } from '../../shared/domain.ts';
import { ackAllDone, startAckAll, summarizeAckAll, type AckAllRun } from '../lib/ack-all.ts';
import { ringingAlarms } from '../../shared/incidents/urgency.ts';
import { useAckAll } from '../state/ack-all-mutation.ts';
import { AlarmBanner } from './alarm-banner.tsx';
import { SafeText } from './safe-text.tsx';
import { countText } from '../../shared/count-text.ts';

/**
 * Storm control: however many incidents ring, ONE strip with the most urgent of them, how many
 * more ring, and "Acknowledge all ringing". The incident list below shows every one of them.
 */
export function AlarmStrip({ incidents }: { incidents: readonly IncidentView[] }) {
  // No clock here: the banner's countdown ticks on its own, so a tick does not re-render the strip.
  // Mounted whether or not anything rings, so a run's outcome survives the moment in between.
  const ackAll = useAckAll();
  const ringing = ringingAlarms(incidents);
  const top = ringing[0];
  const { isPending, isIdle, reset } = ackAll;
  // Once nothing rings, the last run's outcome is history (the timeline keeps it): the next storm starts clean.
  useEffect(() => {
    if (!top && !isPending && !isIdle) reset();
  }, [top, isPending, isIdle, reset]);
  if (!top) return null;
  const more = ringing.length - 1;
  const run = ackAll.variables;
  return (
    // A labelled <section> is a region landmark; each banner inside is its own assertive role="alert".
    <section className="alarm-strip" data-testid="alarm-strip" data-ringing={ringing.length} aria-label="Ringing alarms">
      <AlarmBanner incident={top} />
      {more > 0 || ackAll.status !== 'idle' ? (
        <div className="alarm-strip__rest">
          {more > 0 ? (
            <span className="alarm-strip__more" data-testid="alarm-strip-more">
              and {countText(more)} more ringing
            </span>
          ) : null}
          {more > 0 ? (
            <button type="button" className="button button--ack-all" data-testid="ack-all-button" disabled={ackAll.isPending} onClick={() => ackAll.mutate(startAckAll(ringing))}>
              Acknowledge all ringing
            </button>
          ) : null}
          {run && ackAll.isPending ? <AckAllProgress run={run} incidents={incidents} /> : null}
          {run && ackAll.isSuccess ? <AckAllOutcome run={run} results={ackAll.data} onDismiss={ackAll.reset} /> : null}
          {ackAll.isError ? (
            <p className="ack-error" data-testid="ack-all-failed" role="alert">
              Acknowledge all failed: <SafeText value={ackAll.error.message} limit={300} /> — the alarms keep ringing; try again.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function AckAllProgress({ run, incidents }: { run: AckAllRun; incidents: readonly IncidentView[] }) {
  const total = run.incidents.length;
  const done = ackAllDone(run, incidents);
  return (
    // Not a live region: a count changing several times a second would drown a screen reader; the
    // progress bar carries the value, and the outcome below is announced once.
    <span className="alarm-strip__progress" data-testid="ack-all-progress">
      Acknowledging {countText(done)} of {countText(total)}
      <progress max={total} value={done} aria-label="Acknowledging all ringing" />
    </span>
  );
}

function AckAllOutcome({ run, results, onDismiss }: { run: AckAllRun; results: Parameters<typeof summarizeAckAll>[1]; onDismiss: () => void }) {
  const summary = summarizeAckAll(run, results);
  return (
    <div className="alarm-strip__outcome" role={summary.failures.length > 0 ? 'alert' : 'status'}>
      <span data-testid="ack-all-summary">
        {countText(summary.acked)} of {countText(summary.total)} acknowledged
        {summary.failures.length > 0 ? `; ${countText(summary.failures.length)} could not be (they keep ringing):` : '.'}
      </span>{' '}
      <button type="button" className="button--plain" data-testid="ack-all-dismiss" onClick={onDismiss}>
        Dismiss
      </button>
      {summary.failures.length > 0 ? (
        <ul className="alarm-strip__errors" data-testid="ack-all-errors">
          {summary.failures.map((failure) => (
            <li key={failure.key} data-testid="ack-all-error" data-incident-key={failure.key}>
              <SafeText value={failure.title} limit={120} className="alarm-strip__error-title" />: <SafeText value={failure.error} limit={300} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
