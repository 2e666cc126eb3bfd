import { nextFastPollDelayMs } from '../core/alertmanager/ring-watch.ts';
import { fullPollQuery } from './core-poll-cost.ts';
import { TEAM_ALERTNAME, TEAM_RECEIVER } from './fleet-alerts.ts';
import { countByKind, startProbedHost, waitForSnapshot } from './probed-host.ts';
import { alertmanagerPid, processCpuMs } from './proc-stats.ts';
import { sleep, summarize, type Summary } from './stats.ts';

// Row "what a team costs the shared Alertmanager": Alertmanager's own CPU (from /proc of the real
// process) per call of each query Vigil sends, with 10k alerts held and 300 routed to the team;
// the fast query both when the team's alerts all ring and when all but one incident are acked
// (silenced), since that changes its answer a lot. Then one real Vigil at the default intervals
// is left polling in each state and what it costs Alertmanager is measured directly: calls made
// back to back leave out part of what Alertmanager spends around them, so the per-call figures
// are a lower bound.

export interface QueryCost {
  bytes: number;
  items: number;
  wallMs: Summary;
  /** Alertmanager CPU per call, its idle rate subtracted. */
  cpuPerCallMs: number;
}

/** Per call, in one state of the team's alerts: the full poll, the fast poll, and the fast question asked of /alerts/groups. */
export interface StateCost {
  full: QueryCost;
  fast: QueryCost;
  groups: QueryCost;
}

export interface AlertmanagerCost {
  idleCpuPerSecondMs: number;
  unfiltered: QueryCost;
  /** A query that answers nothing (no such receiver): what Alertmanager spends on any GET of alerts. */
  floor: QueryCost;
  ringing: StateCost;
  acked: StateCost;
  /** One real Vigil (defaults) polling for `windowMs`: Alertmanager CPU per second it caused, and what it sent. */
  /** One real Vigil at the defaults while every incident but one is acked. */
  oneVigil: OneVigilCost;
  /** The same while all of the team's incidents ring, unacked. */
  oneVigilRinging: OneVigilCost;
}

export interface OneVigilCost {
  windowMs: number;
  /** Alertmanager's CPU per second over the window, its idle rate (taken just before) subtracted. */
  cpuPerSecondMs: number;
  idleCpuPerSecondMs: number;
  requests: Array<[string, number]>;
}

export function fastPollQuery(receiver: string): string {
  return `?${new URLSearchParams([['active', 'true'], ['silenced', 'false'], ['inhibited', 'false'], ['unprocessed', 'true'], ['receiver', receiver]]).toString()}`;
}

async function idleRate(pid: number, ms: number): Promise<number> {
  const before = processCpuMs(pid);
  const start = performance.now();
  await sleep(ms);
  return (processCpuMs(pid) - before) / ((performance.now() - start) / 1000);
}

/** Alerts in an answer of /api/v2/alerts (an array of alerts) or /api/v2/alerts/groups (an array of groups of alerts). */
function alertsIn(answer: unknown): number {
  if (!Array.isArray(answer)) return 0;
  return answer.reduce((sum: number, item: unknown) => {
    const nested = typeof item === 'object' && item !== null ? (item as { alerts?: unknown }).alerts : undefined;
    return sum + (Array.isArray(nested) ? nested.length : 1);
  }, 0);
}

/** `pathAndQuery` below /api/v2, e.g. `/alerts?active=true`. */
async function queryCost(base: string, pid: number, idlePerSecondMs: number, pathAndQuery: string, calls: number): Promise<QueryCost> {
  let bytes = 0;
  let items = 0;
  const wall: number[] = [];
  const cpuBefore = processCpuMs(pid);
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    const body = Buffer.from(await (await fetch(`${base}/api/v2${pathAndQuery}`)).arrayBuffer());
    wall.push(performance.now() - t);
    bytes = body.byteLength;
    if (i === 0) items = alertsIn(JSON.parse(body.toString('utf8')));
  }
  const elapsedS = (performance.now() - start) / 1000;
  const cpu = processCpuMs(pid) - cpuBefore - idlePerSecondMs * elapsedS;
  return { bytes, items, wallMs: summarize(wall), cpuPerCallMs: Math.max(0, cpu) / calls };
}

async function silenceAllButOneIncident(base: string): Promise<string> {
  const now = Date.now();
  const response = await fetch(`${base}/api/v2/silences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      matchers: [
        { name: 'alertname', value: TEAM_ALERTNAME, isRegex: false, isEqual: true },
        { name: 'service', value: 'svc-0', isRegex: false, isEqual: false },
      ],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: 'bench',
      comment: 'bench: every incident of the team acked but one',
    }),
  });
  if (!response.ok) throw new Error(`creating the bench silence failed: HTTP ${response.status}`);
  return ((await response.json()) as { silenceID: string }).silenceID;
}

export async function measureAlertmanagerCost(options: { amUrl: string; amPort: number; teamAlerts: number; quick: boolean; log: (line: string) => void }): Promise<AlertmanagerCost> {
  const base = options.amUrl.replace(/\/+$/, '');
  const pid = alertmanagerPid(options.amPort);
  const small = options.quick ? 20 : 40;
  const idle = await idleRate(pid, options.quick ? 3_000 : 10_000);
  const unfiltered = await queryCost(base, pid, idle, '/alerts', options.quick ? 3 : 5);
  const floor = await queryCost(base, pid, idle, `/alerts${fastPollQuery('^no-such-receiver$')}`, small);
  const full = `/alerts${fullPollQuery(TEAM_RECEIVER, [])}`;
  const fast = `/alerts${fastPollQuery(TEAM_RECEIVER)}`;
  // The same question asked of the dispatcher's aggregation groups, which Alertmanager keeps per
  // route: only the team's groups are visited. Not what Vigil sends today; an alternative to weigh.
  const groups = `/alerts/groups${fastPollQuery(TEAM_RECEIVER)}`;
  const measureState = async () => ({ full: await queryCost(base, pid, idle, full, small), fast: await queryCost(base, pid, idle, fast, small), groups: await queryCost(base, pid, idle, groups, small) });
  // One real Vigil with the default intervals, left polling: Alertmanager's CPU over the window.
  // With 30 s windows one Vigil in the same state measured anywhere from 3.3 to 7.0 ms/s across
  // runs: Alertmanager's own periodic work (Go forces a garbage collection at least every 2
  // minutes, tens of ms at 10k alerts) falls in a window or not by chance. The idle rate and the
  // window are each 90 s.
  const windowMs = options.quick ? 20_000 : 90_000;
  const oneVigilCost = async (): Promise<OneVigilCost> => {
    // The calls measured just before leave Alertmanager garbage it collects over the next seconds:
    // let that pass, and take its idle rate again, so the window holds only what this Vigil causes.
    await sleep(options.quick ? 5_000 : 10_000);
    const idleNow = await idleRate(pid, windowMs);
    const host = await startProbedHost({ me: { id: 'bench-team' }, sources: [{ id: 'am', urls: [options.amUrl], receiver: TEAM_RECEIVER }] });
    try {
      await waitForSnapshot(host, (s) => s.sources[0]?.alertCount === options.teamAlerts, 'the team Vigil to see its alerts', 60_000);
      const sentBefore = host.requests().length;
      const cpuBefore = processCpuMs(pid);
      const start = performance.now();
      await sleep(windowMs);
      const elapsedS = (performance.now() - start) / 1000;
      const cpuPerSecondMs = Math.max(0, processCpuMs(pid) - cpuBefore - idleNow * elapsedS) / elapsedS;
      return { windowMs, cpuPerSecondMs, idleCpuPerSecondMs: idleNow, requests: countByKind(host.requests().slice(sentBefore)) };
    } finally {
      await host.stop();
    }
  };

  const ringing = await measureState();
  if (ringing.fast.items !== options.teamAlerts) throw new Error(`the fast query answered ${ringing.fast.items} alerts, expected the team's ${options.teamAlerts}`);
  const oneVigilRinging = await oneVigilCost();
  const silenceId = await silenceAllButOneIncident(base);
  try {
    const acked = await measureState();
    options.log(`  Alertmanager per call: unfiltered ${unfiltered.cpuPerCallMs.toFixed(0)} ms, full ${ringing.full.cpuPerCallMs.toFixed(1)} ms, fast ${ringing.fast.cpuPerCallMs.toFixed(1)} ms (acked: ${acked.fast.cpuPerCallMs.toFixed(1)} ms)`);
    const oneVigil = await oneVigilCost();
    options.log(`  one real Vigil: ${oneVigilRinging.cpuPerSecondMs.toFixed(1)} ms/s of Alertmanager CPU while all ring, ${oneVigil.cpuPerSecondMs.toFixed(1)} ms/s when all but one are acked`);
    return { idleCpuPerSecondMs: idle, unfiltered, floor, ringing, acked, oneVigil, oneVigilRinging };
  } finally {
    await fetch(`${base}/api/v2/silence/${encodeURIComponent(silenceId)}`, { method: 'DELETE' });
  }
}

/**
 * Cores of Alertmanager CPU for `vigils` copies polling fast every `fastS` and in full every
 * `fullS`. With `spacedByAnswer` the fast poll is Vigil's, which waits longer after a large
 * answer (core/alertmanager/ring-watch.ts).
 */
export function teamCores(cost: { full: QueryCost; fast: QueryCost }, vigils: number, fastS: number, fullS: number, spacedByAnswer = false): number {
  const fastEveryS = spacedByAnswer && fastS > 0 ? nextFastPollDelayMs(fastS * 1000, cost.fast.bytes) / 1000 : fastS;
  const perSecondMs = (fastEveryS > 0 ? cost.fast.cpuPerCallMs / fastEveryS : 0) + cost.full.cpuPerCallMs / fullS;
  return (vigils * perSecondMs) / 1000;
}
