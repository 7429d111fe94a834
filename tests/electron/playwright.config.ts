/**
 * Tests of the Electron shell itself: the built app (dist/main + dist/renderer) launched with Playwright's
 * `_electron` against a real agency server. Where the Electron runtime is not installed they skip and say so.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
