import { defineConfig } from 'vitest/config';

// Unit tests (pure, fake clock) and integration tests (real Alertmanager/Prometheus started on
// loopback by test-fixtures/) run here; browser end-to-end lives in e2e/ under Playwright.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'core/**/*.test.ts', 'host/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'test-fixtures/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
