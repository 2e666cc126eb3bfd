import type { TimelineEvent } from '../domain.ts';
import { occurrenceIdOf } from '../timeline-schema.ts';

// A fixed WeaviateDown occurrence as the engine journals it (one of each event a post-mortem
// tells), with hostile text in a label value and in a note. Used by the unit tests and the golden file.

export const FIXTURE_KEY = 'WeaviateDown-3f2a9c';
export const FIXTURE_START = Date.UTC(2025, 2, 4, 13, 5, 9); // 2025-03-04 13:05:09 UTC
export const FIXTURE_OCCURRENCE = occurrenceIdOf(FIXTURE_KEY, FIXTURE_START);

const at = (seconds: number) => FIXTURE_START + seconds * 1000;
let n = 0;
const event = (seconds: number, type: TimelineEvent['type'], message: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: `e${(n += 1)}`,
  incidentKey: FIXTURE_KEY,
  occurrenceId: FIXTURE_OCCURRENCE,
  at: at(seconds),
  type,
  message,
  ...extra,
});

/** What the engine still shows about it (labels, summary) when the draft is written. */
export const FIXTURE_INCIDENT = { labels: { alertname: 'WeaviateDown', cluster: 'prod', severity: 'critical', service: '<img src=x onerror=alert(1)>' }, summary: 'Weaviate cluster unreachable for 1+ minute' };

export const FIXTURE_EVENTS: readonly TimelineEvent[] = [
  event(0, 'first-seen', 'First seen: WeaviateDown · prod · <img src=x onerror=alert(1)>', { data: { severity: 'critical' } }),
  event(0, 'alarm-raised', 'Alarm raised (critical), ack within 120 s of being paged', { data: { level: 0, deadline: at(120), pagedAt: at(0) } }),
  event(1, 'notification-shown', 'Notification shown (level 0)', { data: { level: 0 } }),
  event(72, 'ack-requested', 'Acknowledge requested via window', { data: { via: 'window' } }),
  event(73, 'acked', 'Acknowledged by alex.chen via window', { by: 'alex.chen', data: { via: 'window', silenceId: '6d1f0e52-8c1b-4a3e-9d0f-2b7c1a9e4f11' } }),
  event(200, 'silence-extended', 'Ack silence extended to 2025-03-04T13:45:09Z', { data: { silenceId: '6d1f0e52-8c1b-4a3e-9d0f-2b7c1a9e4f11', source: 'prod' } }),
  event(240, 'user-note', 'Weaviate pod OOMKilled\nsee [this](javascript:alert(1)) <script>alert(2)</script>', { by: 'alex.chen' }),
  event(300, 'step-checked', 'Checked: Restart Weaviate pods', { by: 'alex.chen', data: { step: 'restart' } }),
  event(420, 'user-note', 'rolled back to blue', { by: 'sarah.johnson' }),
  event(900, 'escalation-step', 'Escalation step 2 (+15m00s): role secondary: Sarah Johnson', { data: { step: 1, target: 'secondary', includesMe: false } }),
  event(1449, 'resolved', 'Resolved'),
  event(1450, 'silence-expired', 'Ack silence expired: the incident resolved', { data: { silenceId: '6d1f0e52-8c1b-4a3e-9d0f-2b7c1a9e4f11', source: 'prod' } }),
];
