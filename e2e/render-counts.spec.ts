import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { installRenderCounter, peekRenderCounts, takeRenderCounts } from './fixtures/render-counter.ts';
import { expect, hostConfig, openVigil, test } from './fixtures/vigil-test.ts';

// The window at rest re-renders only what changes (issue 10): while alarms ring and nothing else
// happens, the once-a-second tick re-renders the countdowns and ages, not the rows, the list or the
// alarm strip around them. Render counts come from React itself (fixtures/render-counter.ts).

test('a countdown tick re-renders only the countdowns and ages', async ({ page, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(
    alertmanager.url,
    ['HighApiErrorRate', 'HighLLMLatency', 'WeaviateDown'].map((alertname) => ({ labels: { alertname, severity: 'critical', service: 'api', cluster: 'prod' } })),
  );
  await installRenderCounter(page);
  const snapshotFrames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => snapshotFrames.push(String(frame.payload).slice(0, 40))));
  await openVigil(page, host);
  await expect(page.getByTestId('incident-row').getByTestId('incident-ack-deadline')).toHaveCount(3);

  await takeRenderCounts(page);
  const framesBefore = snapshotFrames.filter((frame) => frame.startsWith('{"event":"snapshot"')).length;
  // Three ticks of the three countdowns, seen by React itself (no sleeping for a guessed time).
  await expect.poll(async () => (await peekRenderCounts(page))['incident-ack-deadline'] ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(3 * 3);
  const counts = await takeRenderCounts(page);
  const snapshots = snapshotFrames.filter((frame) => frame.startsWith('{"event":"snapshot"')).length - framesBefore;

  // The countdowns did tick...
  expect(counts['incident-ack-deadline'] ?? 0, JSON.stringify(counts)).toBeGreaterThanOrEqual(3 * 3);
  expect(counts['incident-age'] ?? 0, JSON.stringify(counts)).toBeGreaterThanOrEqual(3 * 3);
  expect(counts['alarm-countdown'] ?? 0, JSON.stringify(counts)).toBeGreaterThanOrEqual(3);
  // ...the rows around them did not (nothing they show changed), and the strip and the list
  // re-rendered only for snapshots the core pushed meanwhile, if any.
  expect(counts['incident-row'] ?? 0, JSON.stringify(counts)).toBe(0);
  expect(counts['alarm-strip'] ?? 0, JSON.stringify(counts)).toBeLessThanOrEqual(snapshots);
  expect(counts['section.incident-list-section'] ?? 0, JSON.stringify(counts)).toBeLessThanOrEqual(snapshots);
});
