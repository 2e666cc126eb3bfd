import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { evaluateAlarms, emptyAlarmBook } from '../shared/alarm/alarm-machine.ts';
import { amAlertSchema, type AmAlert } from '../shared/alertmanager-schemas.ts';
import { vigilConfigSchema } from '../shared/config-schema.ts';
import { groupIntoIncidents } from '../shared/incidents/group-incidents.ts';
import { mergeSourceSnapshots } from '../shared/incidents/merge-source-snapshots.ts';
import { createAlertmanagerClient } from '../core/alertmanager/am-client.ts';
import { openTimelineJournal } from '../core/journal/timeline-journal.ts';
import { createEnvSecretStore } from '../core/settings/index.ts';
import { pushAlerts } from '../core/testing/push-alerts.ts';
import { startAlertmanager } from '../core/testing/start-alertmanager.ts';
import { fmt, heapMb, timeRuns } from './stats.ts';

// `npm run bench`: what one Vigil costs the shared Alertmanager per poll, and what a poll costs
// Vigil. Figures go to docs/benchmarks.md. Run on an idle machine; numbers are this machine's.

const TOTAL = 10_000;
const MINE = 300; // alerts routed to the on-call receiver; the rest belong to other teams
const RUNS = 15;

function alertmanagerCpuSeconds(port: number): number | null {
  try {
    // The fixture runs Alertmanager under `timeout`; pick the Alertmanager process itself.
    const pids = execFileSync('pgrep', ['-f', `web.listen-address=127.0.0.1:${port}`]).toString().trim().split('\n');
    const pid = pids.find((p) => readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('prometheus-aler'));
    if (!pid) return null;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return ticks / 100;
  } catch {
    return null;
  }
}

async function pollCost(url: string, port: number, query: string) {
  let bytes = 0;
  const cpuBefore = alertmanagerCpuSeconds(port);
  const timing = await timeRuns(RUNS, async () => {
    const res = await fetch(`${url}/api/v2/alerts${query}`);
    bytes = (await res.arrayBuffer()).byteLength;
  });
  const cpuAfter = alertmanagerCpuSeconds(port);
  const cpuPerCall = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) / RUNS) * 1000 : null;
  return { bytes, ...timing, cpuPerCallMs: cpuPerCall };
}

// Plain routing, no inhibit rules: the cost measured is the poll itself. (An inhibit rule makes
// Alertmanager compare alerts pairwise on every GET, which would dominate and is the team's choice.)
const BENCH_CONFIG = `route:
  receiver: vigil-oncall
  group_by: ['alertname', 'cluster', 'service']
  routes:
    - receiver: other-team
      matchers: ['team="other"']
receivers:
  - name: vigil-oncall
  - name: other-team
`;
const am = await startAlertmanager({ lifetimeMs: 10 * 60_000, configYaml: BENCH_CONFIG });
const base = am.url.replace(/\/+$/, '');
const lines: string[] = [];
try {
  const alerts = Array.from({ length: TOTAL }, (_, i) => ({
    labels: {
      alertname: i < MINE ? 'PodCrashLooping' : `OtherTeamAlert${i % 40}`,
      severity: i % 3 === 0 ? 'critical' : 'warning',
      service: `svc-${i % 25}`,
      cluster: 'prod',
      pod: `pod-${i}`,
      ...(i < MINE ? {} : { team: 'other' }),
    },
    annotations: { summary: `Synthetic alert ${i} for the benchmark`, description: 'x'.repeat(200), runbook_url: 'https://wiki.company.com/gremlinsai/runbooks/high-api-error-rate' },
  }));
  for (let i = 0; i < alerts.length; i += 1000) await pushAlerts(am.url, alerts.slice(i, i + 1000));
  const stored = ((await (await fetch(`${base}/api/v2/alerts`)).json()) as unknown[]).length;
  if (stored !== TOTAL) throw new Error(`Alertmanager holds ${stored} alerts, expected ${TOTAL}`);

  const unfiltered = await pollCost(base, am.port, '');
  const filtered = await pollCost(base, am.port, '?active=true&silenced=true&inhibited=false&unprocessed=true&receiver=vigil-oncall');

  // What Vigil does with one answer: HTTP + validate every item (the client), then the pure pipeline.
  const source = vigilConfigSchema.parse({ me: { id: 'bench' }, sources: [{ id: 'am', urls: [am.url], timeout: '30s', receiver: 'vigil-oncall' }] }).sources[0]!;
  const unfilteredSource = { ...source, receiver: undefined };
  const secrets = createEnvSecretStore({});
  const clientAll = createAlertmanagerClient(unfilteredSource, { secrets });
  const clientMine = createAlertmanagerClient(source, { secrets });
  const heapBefore = heapMb();
  const fetchAll = await timeRuns(5, () => clientAll.fetchAlerts());
  const all = (await clientAll.fetchAlerts()).alerts;
  const heapWithAnswer = heapMb();
  const fetchMine = await timeRuns(RUNS, () => clientMine.fetchAlerts());

  const raw = await (await fetch(`${base}/api/v2/alerts`)).json() as unknown[];
  const validate = await timeRuns(5, () => raw.map((item) => amAlertSchema.safeParse(item)));

  const snapshots = new Map<string, AmAlert[]>([['am', all]]);
  const now = Date.now();
  const pipeline = await timeRuns(RUNS, () => {
    const groups = groupIntoIncidents(mergeSourceSnapshots(snapshots, Date.now()), ['alertname', 'cluster', 'service'], 'warning');
    return evaluateAlarms(emptyAlarmBook(), groups.map((g) => ({ key: g.key, title: g.key, severity: g.severity, ack: null, mutedByOther: false, pageAt: g.startsAt, alarmEnabled: true, ackWithinMs: 120_000, realarmEveryMs: 120_000, loud: false })), now);
  });
  const incidents = groupIntoIncidents(mergeSourceSnapshots(snapshots, Date.now()), ['alertname', 'cluster', 'service'], 'warning').length;

  const journal = openTimelineJournal(mkdtempSync(join(tmpdir(), 'vigil-bench-')));
  const APPENDS = 500;
  const append = await timeRuns(1, () => {
    for (let i = 0; i < APPENDS; i++) journal.append({ incidentKey: `k${i % 10}`, at: Date.now(), type: 'note', message: `event ${i}` });
  });
  journal.close();

  const kb = (b: number) => `${fmt(b / 1024, 0)} KiB`;
  const cpu = (v: number | null) => (v === null ? 'n/a' : `${fmt(v, 1)} ms`);
  lines.push(
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}, against a real Alertmanager (Debian 0.25) on loopback holding ${TOTAL.toLocaleString('en-US')} active alerts, ${MINE} of them routed to the on-call receiver. Medians of ${RUNS} runs unless noted. These are this machine's figures (2 cores); they are for comparing changes, not promises.`,
    '',
    '## What one poll costs the shared Alertmanager',
    '',
    '| query | answer size | wall time (median) | Alertmanager CPU per call |',
    '| --- | --- | --- | --- |',
    `| \`GET /api/v2/alerts\` (everything) | ${kb(unfiltered.bytes)} | ${fmt(unfiltered.medianMs)} ms | ${cpu(unfiltered.cpuPerCallMs)} |`,
    `| Vigil's query (\`receiver=vigil-oncall&inhibited=false&active=true&silenced=true&unprocessed=true\`) | ${kb(filtered.bytes)} | ${fmt(filtered.medianMs)} ms | ${cpu(filtered.cpuPerCallMs)} |`,
    '',
    `Asking only for what can page me (server-side receiver filter, no inhibited alerts) cuts the answer ${fmt(unfiltered.bytes / filtered.bytes, 0)}x${unfiltered.cpuPerCallMs !== null && filtered.cpuPerCallMs !== null ? ` and Alertmanager's CPU per call from ${fmt(unfiltered.cpuPerCallMs, 0)} ms to ${fmt(filtered.cpuPerCallMs, 0)} ms` : ''}. Every copy of Vigil on the team polls every ${'`poll_interval`'} (10 s by default), so this is the figure that scales with the team.`,
    '',
    '## What a poll costs Vigil',
    '',
    '| step | time (median) |',
    '| --- | --- |',
    `| fetch + validate, unfiltered (${TOTAL.toLocaleString('en-US')} alerts, 5 runs) | ${fmt(fetchAll.medianMs)} ms |`,
    `| fetch + validate, Vigil's filtered query (${MINE} alerts) | ${fmt(fetchMine.medianMs)} ms |`,
    `| zod validation alone of ${TOTAL.toLocaleString('en-US')} items (5 runs) | ${fmt(validate.medianMs)} ms |`,
    `| merge + group + alarm machine over ${TOTAL.toLocaleString('en-US')} alerts (${incidents} incidents) | ${fmt(pipeline.medianMs)} ms |`,
    `| timeline journal append with fsync (${APPENDS} appends) | ${fmt(append.medianMs / APPENDS, 2)} ms per event |`,
    '',
    `Heap held by one unfiltered ${TOTAL.toLocaleString('en-US')}-alert snapshot: about ${fmt(heapWithAnswer - heapBefore, 0)} MiB (run with \`node --expose-gc\` for a steadier figure).`,
    '',
  );
} finally {
  await am.stop();
}
writeFileSync(join(import.meta.dirname, '..', 'docs', 'benchmarks.md'), lines.join('\n'));
process.stdout.write(lines.join('\n') + '\n');
