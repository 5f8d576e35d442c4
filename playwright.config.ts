import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's chromium when present; GRADFLOW_CHROMIUM overrides; otherwise Playwright's own browser.
const executablePath = process.env.GRADFLOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.GRADFLOW_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  // Parallel runs on their own ports keep their own traces and screenshots; the default folder otherwise.
  ...(process.env.GRADFLOW_E2E_PORT === undefined ? {} : { outputDir: `test-results/${port}` }),
  fullyParallel: true,
  // One browser at a time in CI: two on a 2-core machine starve each other's frames and make pointer tests flaky.
  workers: process.env.CI ? 1 : undefined,
  // A flaky test is a bug to fix, not to retry.
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    // Each port builds into its own folder so parallel runs never share one.
    command: `npx vite build --outDir .e2e-dist/${port} --emptyOutDir && npx vite preview --outDir .e2e-dist/${port} --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
