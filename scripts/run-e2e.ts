/**
 * `npm run test:e2e`: builds the production app, starts it on a fresh database, and runs the
 * Playwright specs in real Chromium — Debian's /usr/bin/chromium when present, else the browser
 * Playwright installed, else a clear message.
 *
 *   E2E_SKIP_BUILD=1  reuse the existing .next build
 *   other arguments are passed to `playwright test`
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createDatabase } from '../tests/database';

function findChromium(): string | null {
  for (const candidate of [process.env.CRUX_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

async function main() {
  const systemChromium = findChromium();
  if (systemChromium) {
    process.env.CRUX_CHROMIUM_PATH = systemChromium;
  } else if (!fs.existsSync(chromium.executablePath())) {
    console.error(
      'e2e: no Chromium found. Install one with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`, then run again.',
    );
    process.exit(1);
  }
  console.log(`e2e: browser ${process.env.CRUX_CHROMIUM_PATH ?? chromium.executablePath()}`);

  if (process.env.E2E_SKIP_BUILD !== '1') {
    console.log('e2e: building the production app…');
    const build = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  // A fresh database per run: an empty embedded cluster, or a new database on DATABASE_URL's server.
  const dataDir = process.env.CRUX_DATA_DIR ?? path.join('.data', 'e2e');
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.env.CRUX_DATA_DIR = dataDir;
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    process.env.DATABASE_URL = await createDatabase(admin.toString(), 'crux_e2e');
  }

  const result = spawnSync(
    process.execPath,
    [path.join('node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)],
    { stdio: 'inherit', env: process.env },
  );
  process.exit(result.status ?? 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
