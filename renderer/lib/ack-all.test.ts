import { describe, expect, it } from 'vitest';
import { ackAllDone, startAckAll, summarizeAckAll } from './ack-all.ts';
import { ringing } from '../../test-fixtures/test-incidents.ts';

describe('ack-all progress', () => {
  const storm = [ringing('a'), ringing('b'), ringing('c', { ackError: 'earlier failure' }), ringing('d')];
  const run = startAckAll(storm);

  it('counts nothing done when the run starts, not even an error left from an earlier attempt', () => {
    expect(ackAllDone(run, storm)).toBe(0);
  });

  it('counts incidents that stopped ringing or vanished, and fresh failures, but not one in flight', () => {
    const later = [
      { ...storm[0]!, alarm: null, state: 'acked' as const }, // acknowledged
      // b resolved and left the snapshot
      ringing('c', { ackError: 'earlier failure' }), // not yet retried in this run
      ringing('d', { ackError: 'Alertmanager said 500' }), // failed in this run
    ];
    expect(ackAllDone(run, later)).toBe(3);
    expect(ackAllDone(run, [...later.slice(0, 2), ringing('d', { ackError: 'x', acking: true })])).toBe(2);
  });
});

describe('summarizeAckAll', () => {
  it('counts the acks and names each failure by the title it had at the click', () => {
    const run = startAckAll([ringing('a', {}, { title: 'WeaviateDown · prod' }), ringing('b', {}, { title: 'HighLLMLatency' })]);
    const summary = summarizeAckAll(run, [
      { incidentKey: 'a', ok: false, silenceId: null, error: 'am: fault injected' },
      { incidentKey: 'b', ok: true, silenceId: 's1', error: null },
    ]);
    expect(summary).toEqual({ total: 2, acked: 1, failures: [{ key: 'a', title: 'WeaviateDown · prod', error: 'am: fault injected' }] });
  });
});
