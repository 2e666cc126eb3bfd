import type { Browser, Page } from 'playwright';

// One cold page load in its own browser context: the wall time from navigation until `shown`
// resolves (what the user waits for), and the page's own load event and first contentful paint.

export interface PageTiming {
  shownMs: number;
  loadEventMs: number | null;
  firstContentfulPaintMs: number | null;
}

export const VIEWPORT = { width: 1280, height: 800 };

/** `shown` gets the page and a clock reading ms since the navigation started, for marks of its own. */
export async function timePageLoad<T = void>(browser: Browser, url: string, shown: (page: Page, sinceStart: () => number) => Promise<void>, after?: (page: Page) => Promise<T>): Promise<PageTiming & { after: T | undefined }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    try {
      await shown(page, () => performance.now() - start);
    } catch (error) {
      // Say what the page showed instead: a bench failure should point at its cause.
      const text = await page
        .evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } | null } }).document.body?.innerText ?? '(no body)')
        .catch(() => '(unreadable)');
      throw new Error(`${url} did not show what was awaited (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the page showed: ${text.replace(/\s+/g, ' ').slice(0, 600)}`, { cause: error });
    }
    const shownMs = performance.now() - start;
    await page.waitForLoadState('load', { timeout: 120_000 });
    const timing = await page.evaluate(() => {
      // The page's Performance (DOM typings are not in this Node project).
      const timeline = performance as unknown as { getEntriesByType(type: string): Array<{ loadEventEnd: number }>; getEntriesByName(name: string): Array<{ startTime: number }> };
      const nav = timeline.getEntriesByType('navigation')[0];
      const fcp = timeline.getEntriesByName('first-contentful-paint')[0];
      return { load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null, fcp: fcp ? fcp.startTime : null };
    });
    return { shownMs, loadEventMs: timing.load, firstContentfulPaintMs: timing.fcp, after: after ? await after(page) : undefined };
  } finally {
    await context.close();
  }
}
