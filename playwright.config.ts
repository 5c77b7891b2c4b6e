import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const chromiumPath = process.env.CRUX_CHROMIUM_PATH;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // A stray test.only would silently skip the rest of the suite; allow it only when asked for, locally.
  forbidOnly: process.env.PLAYWRIGHT_ALLOW_ONLY !== '1',
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          ...(chromiumPath ? { executablePath: chromiumPath } : {}),
          args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx scripts/start.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      CRUX_DATA_DIR: process.env.CRUX_DATA_DIR ?? '.data/e2e',
      CRUX_EMBEDDED_PG_PORT: process.env.CRUX_EMBEDDED_PG_PORT ?? '54332',
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-not-for-production',
      NEXTAUTH_URL: `http://localhost:${port}`,
      CRUX_RATE_LIMIT_MULTIPLIER: '50',
      // A throwaway database: durable commits (fsync) only slow the run down.
      CRUX_EMBEDDED_PG_FSYNC: 'off',
    },
  },
});
