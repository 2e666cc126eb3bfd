import type { AmAlert, AmPostableSilence, AmSilence, AmStatus } from '../../shared/alertmanager-schemas.ts';
import type { Clock } from '../../shared/clock.ts';
import type { AlertFetch, AlertmanagerApi } from '../ports.ts';

// The demo scenario shown when no Alertmanager is configured: the playbook's three critical alerts,
// held in memory and answering the same API the real client does (acks become in-memory silences),
// so one command shows Vigil working. Clearly labelled as a demo in the UI; never used by tests.

const RUNBOOKS = 'https://wiki.company.com/gremlinsai/runbooks';
const DASHBOARDS = 'https://grafana.company.com/d/gremlinsai';

function demoAlerts(nowMs: number): AmAlert[] {
  const base = (fingerprint: string, minutesAgo: number, labels: Record<string, string>, annotations: Record<string, string>): AmAlert => ({
    fingerprint,
    labels: { cluster: 'prod', ...labels },
    annotations,
    startsAt: new Date(nowMs - minutesAgo * 60_000).toISOString(),
    receivers: [{ name: 'critical-alerts' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  });
  return [
    base('demo-weaviate-0', 1, { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', team: 'data-platform', component: 'vector-db', instance: 'weaviate-0:8080', job: 'weaviate' }, {
      summary: 'Weaviate cluster unreachable for 1+ minute',
      description: 'up{job="weaviate"} == 0. Check pods: kubectl get pods -n gremlinsai -l app=weaviate',
      runbook_url: `${RUNBOOKS}/weaviate-down`,
      dashboard_url: `${DASHBOARDS}/infrastructure`,
    }),
    base('demo-api-errors', 4, { alertname: 'HighApiErrorRate', severity: 'critical', service: 'gremlinsai-backend', team: 'platform', component: 'api', instance: 'gremlinsai-backend-blue:8000' }, {
      summary: 'API 5xx error rate > 5% for 2+ minutes',
      description: 'Error rate is 7.4% on gremlinsai-backend-blue.',
      runbook_url: `${RUNBOOKS}/high-api-error-rate`,
      dashboard_url: `${DASHBOARDS}/api-dashboard`,
    }),
    base('demo-llm-latency', 18, { alertname: 'HighLLMLatency', severity: 'critical', service: 'gremlinsai-backend', team: 'ai-platform', component: 'llm', provider: 'ollama' }, {
      summary: 'LLM P99 latency > 10 seconds for 3+ minutes',
      description: 'P99 latency for provider ollama is 14.2 s.',
      runbook_url: `${RUNBOOKS}/high-llm-latency`,
      dashboard_url: `${DASHBOARDS}/llm-dashboard`,
    }),
  ];
}

function matches(silence: AmSilence, alert: AmAlert): boolean {
  return silence.matchers.every((m) => {
    const value = (Object.hasOwn(alert.labels, m.name) ? alert.labels[m.name] : undefined) ?? '';
    const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(value) : value === m.value;
    return m.isEqual === false ? !hit : hit;
  });
}

export function createDemoAlertmanager(clock: Clock): AlertmanagerApi {
  const startedAt = clock.now();
  const alerts = demoAlerts(startedAt);
  const silences = new Map<string, AmSilence>();
  let counter = 0;
  const state = (s: AmSilence): AmSilence => ({ ...s, status: { state: Date.parse(s.endsAt) <= clock.now() ? 'expired' : 'active' } });
  return {
    sourceId: 'demo',
    async fetchAlerts(): Promise<AlertFetch> {
      const active = [...silences.values()].map(state).filter((s) => s.status.state === 'active');
      return {
        alerts: alerts.map((a) => {
          const silencedBy = active.filter((s) => matches(s, a)).map((s) => s.id);
          return { ...a, status: { state: silencedBy.length ? 'suppressed' : 'active', silencedBy, inhibitedBy: [] } };
        }),
        quarantined: 0,
        partialErrors: [],
      };
    },
    async ringingFingerprints() {
      const active = [...silences.values()].map(state).filter((s) => s.status.state === 'active');
      // In memory: nothing for Alertmanager to write, so nothing to space the fast poll by.
      return { fingerprints: alerts.filter((a) => !active.some((s) => matches(s, a))).map((a) => a.fingerprint), answerBytes: 0 };
    },
    async countFiring() {
      return 0;
    },
    async getSilence(id) {
      const s = silences.get(id);
      return s ? state(s) : null;
    },
    async listSilences() {
      return [...silences.values()].map(state);
    },
    async createSilence(input: AmPostableSilence) {
      const id = input.id && silences.has(input.id) ? input.id : `demo-silence-${++counter}`;
      const silence: AmSilence = { id, matchers: input.matchers, startsAt: input.startsAt, endsAt: input.endsAt, createdBy: input.createdBy, comment: input.comment, status: { state: 'active' } };
      silences.set(id, silence);
      return state(silence);
    },
    async expireSilence(id) {
      const s = silences.get(id);
      if (s) silences.set(id, { ...s, endsAt: new Date(clock.now()).toISOString() });
    },
    async getStatus(): Promise<AmStatus> {
      return { cluster: { status: 'disabled' }, config: { original: "route:\n  group_by: ['alertname', 'cluster', 'service']\n" } };
    },
  };
}
