import type { Browser, Page } from 'playwright';

// One cold page load in its own browser context, timed by the page's own clock (ms since its
// navigation started, as first contentful paint is): for each mark, the first animation frame
// in which all of its conditions hold. The page checks them itself every frame from its very
// first one (a script the context adds to every new document, before the page's own), so a mark
// is the frame that shows it. Not read by polling from outside: Playwright's locator.waitFor
// polls at 0, 20, 50, 100, 100 and then every 500 ms, and even waitForFunction's per-frame
// polling starts only once Playwright has injected it into the page, which waits for the page's
// main thread: while a page evaluated its script, a mark painted in its first frame could be read
// hundreds of milliseconds late (in the run of 2026-12-07 20:13 UTC, Vigil's 10k-alert row, in the
// first frame the host serves, was read at 1.08 s where that frame's first contentful paint was
// at 0.71 s).

export interface PageTiming {
  /** When the last mark held: what the user waits for. */
  shownMs: number;
  /** Each mark's time, in the order given. */
  marksMs: number[];
  loadEventMs: number | null;
  firstContentfulPaintMs: number | null;
}

/** An element in view (a non-empty box, not visibility: hidden), optionally with a text or enabled. */
export interface ElementCondition {
  selector: string;
  hasText?: string;
  enabled?: boolean;
}

export interface PageMark {
  /** All of these hold in one frame. */
  all: ElementCondition[];
  /** Only once the page's load event is due (document.readyState "complete"). */
  afterLoadEvent?: boolean;
}

export const VIEWPORT = { width: 1280, height: 800 };

// The page's globals (DOM typings are not in this Node project).
interface PageElement {
  textContent: string | null;
  disabled?: boolean;
  getBoundingClientRect(): { width: number; height: number };
}
interface PageGlobals {
  document: { readyState: string; querySelectorAll(selector: string): Iterable<PageElement>; body: { innerText: string } | null };
  getComputedStyle(element: PageElement): { visibility: string };
  top: unknown;
  requestAnimationFrame(callback: () => void): number;
  __vigilBenchMarks?: Array<number | null>;
  __vigilBenchMarksDone?: number[];
}

/**
 * Added to every document of the context before its own scripts (self-contained: it is sent to
 * the page as source). Checks the marks once per animation frame, records each one's first frame,
 * and publishes the times once all have one.
 */
function watchMarks(marks: PageMark[]): void {
  const page = globalThis as unknown as PageGlobals;
  // Frames inside the page (none in these pages) are not what is timed.
  if (page.top !== globalThis) return;
  const times: Array<number | null> = (page.__vigilBenchMarks = marks.map(() => null));
  const holds = (condition: ElementCondition): boolean => {
    for (const element of page.document.querySelectorAll(condition.selector)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || page.getComputedStyle(element).visibility === 'hidden') continue;
      if (condition.hasText !== undefined && !(element.textContent ?? '').includes(condition.hasText)) continue;
      if (condition.enabled === true && element.disabled === true) continue;
      return true;
    }
    return false;
  };
  const check = (): void => {
    marks.forEach((mark, i) => {
      if (times[i] !== null) return;
      if (mark.afterLoadEvent === true && page.document.readyState !== 'complete') return;
      if (mark.all.every(holds)) times[i] = performance.now();
    });
    if (times.every((t) => t !== null)) page.__vigilBenchMarksDone = times as number[];
    else page.requestAnimationFrame(check);
  };
  page.requestAnimationFrame(check);
}

export async function timePageLoad<T = void>(browser: Browser, url: string, marks: PageMark[], after?: (page: Page) => Promise<T>): Promise<PageTiming & { after: T | undefined }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(watchMarks, marks);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    let marksMs: number[];
    try {
      // Only reads what the page recorded: how soon this notices does not change the times.
      const handle = await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__vigilBenchMarksDone ?? false, undefined, { polling: 50, timeout: 120_000 });
      marksMs = (await handle.jsonValue()) as number[];
    } catch (error) {
      // Say what the page showed instead: a bench failure should point at its cause.
      const text = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body?.innerText ?? '(no body)').catch(() => '(unreadable)');
      throw new Error(`${url} did not show what was awaited (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the page showed: ${text.replace(/\s+/g, ' ').slice(0, 600)}`, { cause: error });
    }
    await page.waitForLoadState('load', { timeout: 120_000 });
    const timing = await page.evaluate(() => {
      // The page's Performance (DOM typings are not in this Node project).
      const timeline = performance as unknown as { getEntriesByType(type: string): Array<{ loadEventEnd: number }>; getEntriesByName(name: string): Array<{ startTime: number }> };
      const nav = timeline.getEntriesByType('navigation')[0];
      const fcp = timeline.getEntriesByName('first-contentful-paint')[0];
      return { load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null, fcp: fcp ? fcp.startTime : null };
    });
    return { shownMs: Math.max(...marksMs), marksMs, loadEventMs: timing.load, firstContentfulPaintMs: timing.fcp, after: after ? await after(page) : undefined };
  } finally {
    await context.close();
  }
}
