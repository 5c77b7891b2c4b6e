/**
 * `npm run test:e2e`: builds the production app, starts it on a fresh database, and runs the
 * Playwright specs in real Chromium — Debian's /usr/bin/chromium when present, else the browser
 * Playwright installed, else it installs one (Debian's chromium as root with apt-get, else
 * `npx playwright install chromium`), and only then gives up with a clear message.
 *
 *   E2E_SKIP_BUILD=1  reuse the existing .next build
 *   other arguments are passed to `playwright test`
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { chromium } from '@playwright/test';
import { isPortFree } from '../src/server/infra/embedded-postgres';
import { createDatabase } from '../tests/database';
import { findSystemChromium, hasCommand, isDebianLike, NO_BROWSER_MESSAGE, planBrowser, runInstallStep } from './lib/browser';

/** A Chromium to test in: the system's, else Playwright's, else one installed now; null when none could be. */
function ensureChromium(): string | null {
  const machine = {
    systemChromium: findSystemChromium(),
    hasPlaywrightBrowser: fs.existsSync(chromium.executablePath()),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: hasCommand('apt-get'),
    isDebianLike: isDebianLike(),
  };
  const plan = planBrowser(machine);
  if (plan.kind === 'use-system') return plan.path;
  if (plan.kind === 'use-playwright') return chromium.executablePath();
  for (const step of plan.steps) {
    if (!runInstallStep(step)) continue;
    const installed = findSystemChromium() ?? (fs.existsSync(chromium.executablePath()) ? chromium.executablePath() : null);
    if (installed) return installed;
  }
  return null;
}

/** The preferred port when it is free, else one the system hands out, so a leftover server elsewhere cannot fail the run. */
async function freePort(preferred: number, what: string): Promise<number> {
  if (await isPortFree(preferred)) return preferred;
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port: given } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(given));
    });
  });
  console.log(`e2e: port ${preferred} (${what}) is in use by another program; using ${port}`);
  return port;
}

async function main() {
  const browser = ensureChromium();
  if (!browser) {
    console.error(NO_BROWSER_MESSAGE);
    process.exit(1);
  }
  if (browser !== chromium.executablePath()) process.env.CRUX_CHROMIUM_PATH = browser;
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

  process.env.E2E_PORT ??= String(await freePort(3100, 'the app'));
  if (!process.env.DATABASE_URL) process.env.CRUX_EMBEDDED_PG_PORT ??= String(await freePort(54332, 'its PostgreSQL'));

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
