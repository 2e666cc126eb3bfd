import { nextFastPollDelayMs } from '../core/alertmanager/ring-watch.ts';
import { fullPollQuery } from './core-poll-cost.ts';
import { TEAM_ALERTNAME, TEAM_RECEIVER } from './fleet-alerts.ts';
import { countByKind, startProbedHost, waitForSnapshot, type ProbedHost } from './probed-host.ts';
import { alertmanagerPid, processCpuMs } from './proc-stats.ts';
import { sleep, summarize, type Summary } from './stats.ts';

// Row "what a team costs the shared Alertmanager": Alertmanager's own CPU (from /proc of the real
// process) per call of each query Vigil sends, with 10k alerts held and 300 routed to the team;
// the fast query both when the team's alerts all ring and when all but one incident are acked
// (silenced), since that changes its answer a lot. Then a team of 50 real Vigils at the default
// intervals is left polling in each state and what it costs Alertmanager is measured directly:
// calls made back to back leave out part of what Alertmanager spends around them, so the per-call
// figures are a lower bound.

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
  /** A team of real Vigils at the defaults, polling together. */
  team: TeamCost;
}

export interface TeamCost {
  vigils: number;
  /** Alertmanager's CPU per second with no Vigil running, just before the team started and after it stopped. */
  idleBeforeCpuPerSecondMs: number;
  idleAfterCpuPerSecondMs: number;
  /** While all of the team's incidents ring, unacked. */
  ringing: TeamWindowCost;
  /** While every incident but one is acked. */
  acked: TeamWindowCost;
}

export interface TeamWindowCost {
  windowMs: number;
  /** Alertmanager's CPU per second over the window, its idle rate before the team started subtracted. */
  cpuPerSecondMs: number;
  /** The same, nothing subtracted. */
  grossCpuPerSecondMs: number;
  /** What the whole team sent over the window, by kind. */
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
  // A team of real Vigils (default intervals, each its own host process) left polling together,
  // first while all of the team's alerts ring, then while all but one incident are acked:
  // Alertmanager's CPU over each window, its idle rate (no Vigil running) subtracted, taken just
  // before the team starts and again after it stopped. One Vigil measured alone and multiplied
  // (the earlier method) carried Alertmanager's own periodic work (Go forces a garbage collection
  // at least every 2 minutes, tens of ms at 10k alerts) in or out of a window by chance: 30 s
  // windows of the same acked Vigil measured 3.3 to 7.0 ms/s. Fifty at once make the team's cost
  // fifty times larger than that noise.
  const windowMs = options.quick ? 20_000 : 90_000;
  const ringing = await measureState();
  if (ringing.fast.items !== options.teamAlerts) throw new Error(`the fast query answered ${ringing.fast.items} alerts, expected the team's ${options.teamAlerts}`);
  // The calls measured just before leave Alertmanager garbage it collects over the next seconds.
  await sleep(options.quick ? 5_000 : 10_000);
  const idleBefore = await idleRate(pid, windowMs);
  const vigils = options.quick ? 10 : TEAM_VIGILS;
  const team = await startTeam(options.amUrl, vigils, options.teamAlerts, options.log);
  let silenceId: string | null = null;
  try {
    const teamRinging = await teamWindow(team, pid, windowMs, idleBefore);
    silenceId = await silenceAllButOneIncident(base);
    // Every Vigil sees the acks on its next fast poll (or full poll): wait until all show one incident ringing.
    await Promise.all(team.map((host) => waitForSnapshot(host, (s) => s.incidents.filter((i) => i.alarm !== null).length === 1, 'a team Vigil to see the acks', 120_000)));
    const teamAcked = await teamWindow(team, pid, windowMs, idleBefore);
    await Promise.all(team.map((host) => host.stop()));
    team.length = 0;
    await sleep(options.quick ? 5_000 : 10_000);
    const idleAfter = await idleRate(pid, windowMs);
    const acked = await measureState();
    options.log(`  Alertmanager per call: unfiltered ${unfiltered.cpuPerCallMs.toFixed(0)} ms, full ${ringing.full.cpuPerCallMs.toFixed(1)} ms, fast ${ringing.fast.cpuPerCallMs.toFixed(1)} ms (acked: ${acked.fast.cpuPerCallMs.toFixed(1)} ms)`);
    options.log(`  ${vigils} real Vigils: ${teamRinging.cpuPerSecondMs.toFixed(1)} ms/s of Alertmanager CPU while all ring, ${teamAcked.cpuPerSecondMs.toFixed(1)} ms/s when all but one are acked (idle ${idleBefore.toFixed(1)} before, ${idleAfter.toFixed(1)} after)`);
    return { idleCpuPerSecondMs: idle, unfiltered, floor, ringing, acked, team: { vigils, idleBeforeCpuPerSecondMs: idleBefore, idleAfterCpuPerSecondMs: idleAfter, ringing: teamRinging, acked: teamAcked } };
  } finally {
    await Promise.all(team.map((host) => host.stop()));
    if (silenceId) await fetch(`${base}/api/v2/silence/${encodeURIComponent(silenceId)}`, { method: 'DELETE' });
  }
}

/** How many Vigils a team runs in the table. */
export const TEAM_VIGILS = 50;

/** Starts `vigils` real hosts a few at a time (the machine has 2 cores) and waits until each holds the team's alerts. */
async function startTeam(amUrl: string, vigils: number, teamAlerts: number, log: (line: string) => void): Promise<ProbedHost[]> {
  const team: ProbedHost[] = [];
  try {
    for (let i = 0; i < vigils; i += 5) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(5, vigils - i) }, (_, j) =>
          // No loop-delay histogram: its timer is the probe's cost, not Vigil's (see probed-host.ts).
          startProbedHost({ me: { id: `bench-team-${i + j}` }, sources: [{ id: 'am', urls: [amUrl], receiver: TEAM_RECEIVER }] }, { loopDelay: false }),
        ),
      );
      team.push(...batch);
      await Promise.all(batch.map((host) => waitForSnapshot(host, (s) => s.sources[0]?.alertCount === teamAlerts, 'a team Vigil to see its alerts', 120_000)));
    }
  } catch (error) {
    await Promise.all(team.map((host) => host.stop()));
    throw error;
  }
  log(`  ${vigils} Vigils polling`);
  return team;
}

/** Alertmanager's CPU per second over one window while the team polls, and what the team sent. */
async function teamWindow(team: readonly ProbedHost[], pid: number, windowMs: number, idlePerSecondMs: number): Promise<TeamWindowCost> {
  const sentBefore = team.map((host) => host.requests().length);
  const cpuBefore = processCpuMs(pid);
  const start = performance.now();
  await sleep(windowMs);
  const elapsedS = (performance.now() - start) / 1000;
  const cpuMs = processCpuMs(pid) - cpuBefore;
  const sent = team.flatMap((host, i) => host.requests().slice(sentBefore[i]));
  return { windowMs: elapsedS * 1000, cpuPerSecondMs: Math.max(0, cpuMs - idlePerSecondMs * elapsedS) / elapsedS, grossCpuPerSecondMs: cpuMs / elapsedS, requests: countByKind(sent) };
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
