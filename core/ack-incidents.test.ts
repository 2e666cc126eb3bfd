import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckResult } from '../shared/ipc-contract.ts';
import { ackIncidents } from './ack-incidents.ts';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { startCore, type CoreHandle } from '../test-fixtures/start-core.ts';

// The scheduling of "Acknowledge all ringing" with a gated ack, then the core's ackIncidents on a
// real Alertmanager (the window's side is e2e/alarm-storm.spec.ts).

/** An ack that stays in flight until released, recording how many run at once. */
function gatedAck(fail: (key: string) => string | null = () => null) {
  let inFlight = 0;
  let maxInFlight = 0;
  const started: string[] = [];
  const waiting: Array<() => void> = [];
  const ack = async (key: string): Promise<AckResult> => {
    started.push(key);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((release) => waiting.push(release));
    inFlight -= 1;
    const error = fail(key);
    if (error === 'throw') throw new Error(`boom ${key}`);
    return error ? { ok: false, silenceId: null, error } : { ok: true, silenceId: `s-${key}`, error: null };
  };
  /** Release every ack in flight, one turn at a time, until all are done. */
  const drain = async (done: Promise<unknown>) => {
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      waiting.splice(0).forEach((release) => release());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { ack, drain, started, max: () => maxInFlight };
}

describe('ackIncidents', () => {
  it('acks every incident, never more than the limit at once, and answers in the keys’ order', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `k${i}`);
    const gate = gatedAck();
    const run = ackIncidents(keys, gate.ack, 4);
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.started).toHaveLength(4);
    await gate.drain(run);
    const results = await run;
    expect(gate.max()).toBe(4);
    expect(results.map((r) => r.incidentKey)).toEqual(keys);
    expect(results.every((r) => r.ok && r.silenceId === `s-${r.incidentKey}`)).toBe(true);
  });

  it('reports each failure against its own incident and goes on with the rest', async () => {
    const gate = gatedAck((key) => (key === 'b' ? 'Alertmanager said 500' : key === 'c' ? 'throw' : null));
    const run = ackIncidents(['a', 'b', 'c', 'd'], gate.ack, 2);
    await gate.drain(run);
    expect(await run).toEqual([
      { incidentKey: 'a', ok: true, silenceId: 's-a', error: null },
      { incidentKey: 'b', ok: false, silenceId: null, error: 'Alertmanager said 500' },
      { incidentKey: 'c', ok: false, silenceId: null, error: 'boom c' },
      { incidentKey: 'd', ok: true, silenceId: 's-d', error: null },
    ]);
  });

  it('acks a key named twice once', async () => {
    const gate = gatedAck();
    const run = ackIncidents(['a', 'b', 'a'], gate.ack);
    await gate.drain(run);
    expect(gate.started.sort()).toEqual(['a', 'b']);
    expect((await run).map((r) => r.incidentKey)).toEqual(['a', 'b']);
  });
});

describe('the core’s ackIncidents on a real Alertmanager', () => {
  let am: RunningAlertmanager;
  let vigil: CoreHandle;
  beforeAll(async () => {
    am = await startAlertmanager();
    vigil = await startCore({ config: { me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [am.url], receiver: 'vigil-oncall' }], poll_interval: '500ms' } });
  });
  afterAll(async () => {
    await vigil?.stop();
    await am?.stop();
  });

  it('makes one silence per ringing incident and reports an incident it cannot ack on its own', async () => {
    await pushAlerts(am.url, Array.from({ length: 6 }, (_, i) => ({ labels: { alertname: `Bulk${i}`, severity: 'critical', service: 'bulk', cluster: 'prod' } })));
    const ringing = (await vigil.waitFor((s) => s.incidents.filter((i) => i.alarm).length === 6, 'six ringing')).incidents.filter((i) => i.alarm);
    const { results } = await vigil.core.handlers.ackIncidents({ incidentKeys: [...ringing.map((i) => i.key), 'gone-incident'], via: 'window' });
    expect(results.filter((r) => r.ok).map((r) => r.incidentKey).sort()).toEqual(ringing.map((i) => i.key).sort());
    expect(results.at(-1)).toMatchObject({ incidentKey: 'gone-incident', ok: false });
    expect(results.at(-1)!.error).toBeTruthy();
    const silences = (await (await fetch(new URL('/api/v2/silences', am.url))).json()) as Array<{ status: { state: string }; matchers: Array<{ name: string; value: string }> }>;
    const active = silences.filter((s) => s.status.state === 'active');
    expect(new Set(active.map((s) => s.matchers.find((m) => m.name === 'alertname')?.value))).toEqual(new Set(ringing.map((i) => i.alertname)));
    expect(vigil.snapshot().incidents.filter((i) => i.alarm)).toEqual([]);
  });
});
