import type { AlarmView } from '../../shared/domain.ts';
import { ackRuleText } from '../lib/ack-deadline.ts';
import { useNow } from '../state/use-now.ts';
import { Countdown } from './countdown.tsx';

interface AckDeadlineProps {
  alarm: Pick<AlarmView, 'ackDeadline' | 'pagedAt'>;
  now: number;
  testId: string;
  className?: string;
  live?: boolean;
}

/**
 * My one ack deadline (alarm.ackDeadline), in the words every view uses: "ack within 01:43", then
 * "overdue +02:17". The hover text says where the instant comes from.
 */
export function AckDeadline({ alarm, now, testId, className, live }: AckDeadlineProps) {
  return <Countdown deadline={alarm.ackDeadline} now={now} testId={testId} className={className} label="Time left to acknowledge" title={ackRuleText(alarm)} ackWords live={live} />;
}

/** AckDeadline on its own clock: the 1 s tick re-renders this countdown, not the view around it. */
export function TickingAckDeadline(props: Omit<AckDeadlineProps, 'now'>) {
  const now = useNow();
  return <AckDeadline {...props} now={now} />;
}
