import { useAck, useAckPending, type AckVia } from '../state/ack-mutation.ts';

interface AckButtonProps {
  incidentKey: string;
  /** The core's view: an ack for this incident is in flight (from any window). */
  acking: boolean;
  via: AckVia;
  className?: string;
}

export function AckButton({ incidentKey, acking, via, className }: AckButtonProps) {
  const ack = useAck();
  const pending = useAckPending(incidentKey);
  const busy = acking || pending;
  return (
    <button
      type="button"
      className={`button button--ack${className ? ` ${className}` : ''}`}
      data-testid="ack-button"
      data-acking={busy ? 'true' : 'false'}
      aria-busy={busy}
      disabled={busy}
      onClick={() => ack.mutate({ incidentKey, via })}
    >
      {busy ? 'Acknowledging…' : 'Acknowledge'}
    </button>
  );
}
