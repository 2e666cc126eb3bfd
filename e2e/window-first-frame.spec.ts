import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { expect, hostConfig, openVigil, test } from './fixtures/vigil-test.ts';

// How the window opens (issue 10): the event socket that brings the first snapshot is opened before
// React and the app are evaluated (the host builds the snapshot meanwhile), and the first frame
// holds the alarm strip and the list; the detail pane follows. Order is checked, never time.

interface FirstFrame {
  order: string[];
  detailWithFirstRow: boolean | null;
  stripWithFirstRow: boolean | null;
}

test('the event socket opens before React draws, and the first frame is the strip and the list; the detail follows', async ({ page, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(
    alertmanager.url,
    ['HighApiErrorRate', 'WeaviateDown'].map((alertname) => ({ labels: { alertname, severity: 'critical', service: 'api', cluster: 'prod' } })),
  );
  await expect.poll(async () => (await host.rpc<{ incidents: Array<{ alarm: unknown }> }>('getSnapshot')).incidents.filter((i) => i.alarm).length, { timeout: 30_000 }).toBe(2);
  await page.addInitScript(() => {
    // The page's globals (DOM typings are not in this Node project).
    interface Node {
      dataset?: Record<string, string | undefined>;
    }
    interface PageGlobals {
      document: { querySelector(selector: string): object | null };
      WebSocket: new (url: string, protocols?: string | string[]) => object;
      MutationObserver: new (callback: (records: Array<{ removedNodes: ArrayLike<Node> }>) => void) => { observe(target: object, options: object): void };
      __firstFrame: FirstFrame;
    }
    const win = globalThis as unknown as PageGlobals;
    const seen: FirstFrame = { order: [], detailWithFirstRow: null, stripWithFirstRow: null };
    win.__firstFrame = seen;
    const Native = win.WebSocket;
    win.WebSocket = class extends Native {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        seen.order.push('socket');
      }
    };
    new win.MutationObserver((records) => {
      // React's first commit removes index.html's own "Connecting…" (whatever it draws instead).
      const removedStatic = records.some((record) => Array.from(record.removedNodes).some((node) => node.dataset?.testid === 'loading'));
      if (removedStatic && !seen.order.includes('react')) seen.order.push('react');
      if (seen.detailWithFirstRow === null && win.document.querySelector('[data-testid="incident-row"]')) {
        seen.detailWithFirstRow = win.document.querySelector('[data-testid="incident-detail"]') !== null;
        seen.stripWithFirstRow = win.document.querySelector('[data-testid="alarm-strip"]') !== null;
      }
    }).observe(win.document, { childList: true, subtree: true });
  });
  const snapshotRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/rpc/getSnapshot')) snapshotRequests.push(request.url());
  });

  await openVigil(page, host);
  // Ready means all of it: the detail pane is there by then.
  await expect(page.getByTestId('incident-detail')).toBeVisible();
  const seen = await page.evaluate(() => (globalThis as unknown as { __firstFrame: FirstFrame }).__firstFrame);
  expect(seen.order.slice(0, 2)).toEqual(['socket', 'react']);
  expect(seen.stripWithFirstRow).toBe(true);
  expect(seen.detailWithFirstRow).toBe(false);
  // The socket's snapshot stood in for the request.
  expect(snapshotRequests).toEqual([]);
});
