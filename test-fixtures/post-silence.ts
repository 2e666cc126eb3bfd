// Silences every alert of one alertname on a test Alertmanager for an hour, as a teammate's ack
// (or their own Vigil's) would: POST /api/v2/silences. Resolves with the silence id.

export async function silenceAlertname(amUrl: string, alertname: string, by: { createdBy: string; comment: string }): Promise<string> {
  const base = amUrl.replace(/\/+$/, '');
  const now = Date.now();
  const response = await fetch(`${base}/api/v2/silences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      matchers: [{ name: 'alertname', value: alertname, isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: by.createdBy,
      comment: by.comment,
    }),
  });
  if (!response.ok) throw new Error(`silencing ${alertname} on ${base} failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return ((await response.json()) as { silenceID: string }).silenceID;
}
