import { defineConfig } from '@playwright/test';

// End to end on real parts: each test's fixtures start Alertmanager/Prometheus (Debian packages),
// the headless Vigil host(s) and a real notification daemon, then drive Debian's Chromium.
// One worker: the machine has 2 cores and every test already runs several servers.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/e2e-junit.xml' }]] : 'list',
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
      // Without these, Chromium tries to reach Google services this offline machine cannot reach.
      // The disabled features: Chromium 156 starts its omnibox popup (a WebUI page in a renderer of
      // its own) with every new browser context, headless too: 850-990 ms of CPU beside each test's
      // page on 2 cores, for a browser UI no page uses (bench/run.ts measures pages with these).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
