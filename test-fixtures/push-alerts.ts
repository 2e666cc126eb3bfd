// Pushes alerts into a test Alertmanager the way Prometheus does (POST /api/v2/alerts), for alert
// storms and for resolving alerts (endsAt = now) without running a Prometheus.

export interface PushedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /** ISO time; Alertmanager uses "now" when absent. */
  startsAt?: string;
  /** ISO time; a time in the past resolves the alert. Absent: Alertmanager's resolve_timeout applies. */
  endsAt?: string;
  generatorURL?: string;
}

export async function pushAlerts(amUrl: string, alerts: PushedAlert[], timeoutMs = 10_000): Promise<void> {
  const base = amUrl.replace(/\/+$/, '');
  const response = await fetch(`${base}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new Error(`pushing ${alerts.length} alerts to ${base} failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  await response.arrayBuffer();
}

/** Resolve alerts by label sets (Prometheus sends endsAt = the moment it stopped firing). */
export function resolveAlerts(amUrl: string, labelSets: Array<Record<string, string>>): Promise<void> {
  const now = new Date().toISOString();
  return pushAlerts(
    amUrl,
    labelSets.map((labels) => ({ labels, endsAt: now })),
  );
}
