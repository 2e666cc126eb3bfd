import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { expect, hostConfig, openVigil, test } from './fixtures/vigil-test.ts';

// How the window opens (issue 10). The host serves the page with its first frame in it (the alarm
// strip and the list, from the snapshot of that moment: shared/first-frame-html.ts), to the token
// only. The event socket that brings the app's first snapshot is opened before React and the app
// are evaluated; React takes over from the host's frame with the strip and the list, never with
// "Connecting…"; the detail pane follows. Order is checked, never time.

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
      // React's first commit removes what the page came with: the host's first frame.
      const removedStatic = records.some((record) => Array.from(record.removedNodes).some((node) => node.dataset?.testid === 'first-frame'));
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

const HOSTILE_TITLE = 'Hostile<img src=x onerror=alert(1)>';

test("the host serves the window's first frame to the token only: the incidents as text, painted with no script", async ({ browser, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(alertmanager.url, [
    { labels: { alertname: HOSTILE_TITLE, severity: 'critical', service: 'api', cluster: 'prod' } },
    { labels: { alertname: 'DiskFilling', severity: 'warning', service: 'db', cluster: 'prod', instance: 'a' } },
    { labels: { alertname: 'DiskFilling', severity: 'warning', service: 'db', cluster: 'prod', instance: 'b' } },
  ]);
  await expect.poll(async () => (await host.rpc<{ incidents: unknown[] }>('getSnapshot')).incidents.length, { timeout: 30_000 }).toBe(2);

  // With scripts off, what the page shows is the host's HTML and nothing else. With no stylesheet
  // fetched either, it is still styled: the build put the main stylesheet into the page
  // (vite.config.ts), and the policy the host sends allows that <style> by its hash.
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.route('**/*.css', (route) => route.abort());
    await page.goto(host.openUrl);
    // The stylesheet's 13px system font and its badge, not the browser's 16px serif and bare text.
    await expect(page.getByTestId('first-frame')).toHaveCSS('font-size', '13px');
    await expect(page.locator('.badge').first()).toHaveCSS('text-transform', 'uppercase');
    expect(refused).toEqual([]);
    const rows = page.getByTestId('first-frame-row');
    await expect(rows).toHaveCount(2);
    // Most urgent first, as the app orders them; the markup in a label is text.
    await expect(page.getByTestId('first-frame-title')).toHaveText([`${HOSTILE_TITLE} · prod · api`, /^DiskFilling/]);
    await expect(page.getByTestId('first-frame-count')).toHaveText(['1 alert', '2 alerts']);
    await expect(page.getByTestId('first-frame-alarm-title')).toHaveText(`${HOSTILE_TITLE} · prod · api`);
    expect(await page.locator('img').count()).toBe(0);
  } finally {
    await context.close();
  }

  // The incidents are data: without the token (or with a wrong one) the page is the plain one.
  for (const url of [host.url, `${host.url}?token=wrong`, `${host.url}index.html?token=`]) {
    const html = await (await fetch(url)).text();
    expect(html).toContain('Connecting to Vigil');
    expect(html).not.toContain('DiskFilling');
  }
  expect(await (await fetch(host.openUrl)).text()).toContain('DiskFilling');
});

test('the app takes over from the first frame without ever showing "Connecting…", and takes the token out of the address bar', async ({ page, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(alertmanager.url, [{ labels: { alertname: 'HighApiErrorRate', severity: 'critical', service: 'api', cluster: 'prod' } }]);
  await expect.poll(async () => (await host.rpc<{ incidents: unknown[] }>('getSnapshot')).incidents.length, { timeout: 30_000 }).toBe(1);
  await page.addInitScript(() => {
    // The page's globals (DOM typings are not in this Node project).
    interface PageGlobals {
      document: { querySelector(selector: string): object | null };
      MutationObserver: new (callback: () => void) => { observe(target: object, options: object): void };
      __sawLoading: boolean;
    }
    const win = globalThis as unknown as PageGlobals;
    win.__sawLoading = false;
    new win.MutationObserver(() => {
      if (win.document.querySelector('[data-testid="loading"]')) win.__sawLoading = true;
    }).observe(win.document, { childList: true, subtree: true });
  });
  await openVigil(page, host);
  await expect(page.getByTestId('incident-row')).toHaveCount(1);
  await expect(page.getByTestId('first-frame')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __sawLoading: boolean }).__sawLoading)).toBe(false);
  expect(page.url()).not.toContain('token');
  // A reload (the token now in the tab's session storage, not the URL) still reaches the host.
  await page.reload();
  await expect(page.locator('body[data-vigil-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('incident-row')).toHaveCount(1);
});

test('the main view opens with no locale formatting: counts and clock times are written without loading ICU', async ({ page, alertmanager, launchHost }) => {
  // The first Intl use in a fresh window loads ICU's data, 30-70 ms of the renderer's main thread
  // on the way to the app's first render (docs/benchmarks.md). Counts ("10,000") and times of day
  // are the only such text the main view shows, so they are written by hand (shared/count-text.ts,
  // renderer/lib/zone-time.ts); the side panels opened on demand (roster, past occurrences,
  // post-mortem) still use Intl.
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(
    alertmanager.url,
    Array.from({ length: 1_200 }, (_, i) => ({ labels: { alertname: 'HighApiErrorRate', severity: 'critical', service: 'api', cluster: 'prod', instance: `pod-${i}` } })),
  );
  await expect.poll(async () => (await host.rpc<{ incidents: Array<{ alertCount: number }> }>('getSnapshot')).incidents[0]?.alertCount, { timeout: 30_000 }).toBe(1_200);
  await page.addInitScript(() => {
    // The page's globals (DOM typings are not in this Node project).
    interface PageGlobals {
      Intl: Record<string, unknown>;
      Number: { prototype: Record<string, unknown> };
      Date: { prototype: Record<string, unknown> };
      String: { prototype: Record<string, unknown> };
      __localeUses: string[];
    }
    const win = globalThis as unknown as PageGlobals;
    const uses: string[] = [];
    win.__localeUses = uses;
    const watch = (owner: Record<string, unknown>, name: string, label: string) => {
      const original = owner[name] as (...args: unknown[]) => unknown;
      owner[name] = new Proxy(original, {
        apply(target, self, args) {
          uses.push(label);
          return Reflect.apply(target, self, args);
        },
        construct(target, args, newTarget) {
          uses.push(label);
          return Reflect.construct(target, args, newTarget) as object;
        },
      });
    };
    for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter']) watch(win.Intl, name, `Intl.${name}`);
    watch(win.Number.prototype, 'toLocaleString', 'Number#toLocaleString');
    for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) watch(win.Date.prototype, name, `Date#${name}`);
    watch(win.String.prototype, 'localeCompare', 'String#localeCompare');
  });

  await openVigil(page, host);
  // The list's count and the detail pane (its start time and count) are on screen.
  await expect(page.getByTestId('incident-row').first()).toContainText('1,200 alerts');
  await expect(page.getByTestId('incident-detail')).toContainText('1,200 alerts');
  await expect(page.getByTestId('incident-detail')).toContainText(/\(\d\d:\d\d:\d\d\)/);
  expect(await page.evaluate(() => (globalThis as unknown as { __localeUses: string[] }).__localeUses)).toEqual([]);
});
