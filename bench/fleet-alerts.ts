import type { PushedAlert } from '../test-fixtures/push-alerts.ts';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';

// A shared Alertmanager at fleet scale: many teams' alerts, a few hundred routed to "my" team.
// Plain routing and no inhibit rules, so what is measured is the poll itself (an inhibit rule
// makes Alertmanager compare alerts pairwise on every GET, which would dominate and is the
// team's choice).

export const TEAM_RECEIVER = 'vigil-oncall';
export const OTHER_RECEIVER = 'other-team';
/** Every receiver: a Vigil with this receiver regex has the whole Alertmanager "routed to me". */
export const ALL_RECEIVERS = `${TEAM_RECEIVER}|${OTHER_RECEIVER}`;
export const TEAM_ALERTNAME = 'PodCrashLooping';

export const FLEET_ALERTMANAGER_CONFIG = `route:
  receiver: ${TEAM_RECEIVER}
  group_by: ['alertname', 'cluster', 'service']
  routes:
    - receiver: ${OTHER_RECEIVER}
      matchers: ['team="other"']
receivers:
  - name: ${TEAM_RECEIVER}
  - name: ${OTHER_RECEIVER}
`;

/**
 * When the fleet's alerts began firing and when they would expire unless re-sent, as Prometheus
 * sends both. Without startsAt Alertmanager takes endsAt as the start, hours in the future, and
 * Vigil then counts each alert as starting "now" on every evaluation: no merge is remembered, and
 * every poll merges and groups every alert again, which no Prometheus-fed Vigil does.
 */
export interface FiringTimes {
  startsAt: string;
  endsAt: string;
}

export function firingTimes(nowMs: number, lifetimeMs = 3 * 3_600_000): FiringTimes {
  return { startsAt: new Date(nowMs - 60_000).toISOString(), endsAt: new Date(nowMs + lifetimeMs).toISOString() };
}

/**
 * Alerts `from` .. `to`-1 of the fleet: the first `team` are my team's (25 incidents), the rest
 * other teams' (200 incidents). Each carries `tier`, the smallest of 1k/10k/50k it belongs to, so
 * a Vigil can see the first 1k or 10k with a server-side filter (tier=~"1k|10k").
 */
export function fleetAlerts(from: number, to: number, team: number, times: FiringTimes): PushedAlert[] {
  return Array.from({ length: to - from }, (_, offset) => {
    const i = from + offset;
    const mine = i < team;
    return {
      labels: {
        alertname: mine ? TEAM_ALERTNAME : `OtherTeamAlert${i % 40}`,
        severity: i % 3 === 0 ? 'critical' : 'warning',
        service: `svc-${i % 25}`,
        cluster: 'prod',
        pod: `pod-${i}`,
        tier: i < 1_000 ? '1k' : i < 10_000 ? '10k' : '50k',
        ...(mine ? {} : { team: 'other' }),
      },
      annotations: {
        summary: `Synthetic alert ${i} for the benchmark`,
        description: 'x'.repeat(200),
        runbook_url: 'https://wiki.company.com/gremlinsai/runbooks/high-api-error-rate',
      },
      ...times,
    };
  });
}

/** The server-side filter that shows a Vigil the first `count` alerts of the fleet. */
export function tierFilter(count: number): string[] {
  if (count <= 1_000) return ['tier="1k"'];
  if (count <= 10_000) return ['tier=~"1k|10k"'];
  return [];
}

export async function pushInBatches(amUrl: string, alerts: PushedAlert[], batch = 1_000): Promise<void> {
  for (let i = 0; i < alerts.length; i += batch) await pushAlerts(amUrl, alerts.slice(i, i + batch), 60_000);
}

/** How many alerts Alertmanager holds, from its own gauge (a GET of every alert would cost it seconds). */
export async function alertmanagerAlertCount(amUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', amUrl))).text();
  // Active, suppressed and not yet processed: every alert it holds.
  let total = 0;
  for (const match of text.matchAll(/^alertmanager_alerts\{state="[a-z]+"\} (\d+)$/gm)) total += Number(match[1]);
  return total;
}
