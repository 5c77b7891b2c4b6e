/**
 * Finding a Chromium for the end-to-end tests, and getting one when the machine has none:
 * `npm test` must work on a fresh machine without a manual install step.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';

export interface BrowserMachine {
  /** A system Chromium (Debian's /usr/bin/chromium, or CRUX_CHROMIUM_PATH), if any. */
  systemChromium: string | null;
  /** Whether the browser this Playwright version downloads is present. */
  hasPlaywrightBrowser: boolean;
  isRoot: boolean;
  hasAptGet: boolean;
  isDebianLike: boolean;
}

export type BrowserPlan = { kind: 'use-system'; path: string } | { kind: 'use-playwright' } | { kind: 'install'; steps: InstallStep[] };

export type InstallStep = 'apt-get' | 'playwright-install';

export const NO_BROWSER_MESSAGE =
  'e2e: no Chromium found and none could be installed. Install one with `apt-get install -y chromium` (Debian/Ubuntu) ' +
  'or `npx playwright install chromium`, then run again.';

/** What to do on this machine: use what is there, else the install steps to try in order. */
export function planBrowser(machine: BrowserMachine): BrowserPlan {
  if (machine.systemChromium) return { kind: 'use-system', path: machine.systemChromium };
  if (machine.hasPlaywrightBrowser) return { kind: 'use-playwright' };
  const steps: InstallStep[] = [];
  // Debian's package works where Playwright's download host is unreachable (as on CI here).
  if (machine.isRoot && machine.hasAptGet && machine.isDebianLike) steps.push('apt-get');
  steps.push('playwright-install');
  return { kind: 'install', steps };
}

export function findSystemChromium(candidates = [process.env.CRUX_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
  return candidates.find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate))) ?? null;
}

export function isDebianLike(osRelease = readOsRelease(), hasDebianVersionFile = fs.existsSync('/etc/debian_version')): boolean {
  return hasDebianVersionFile || /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
}

function readOsRelease(): string {
  try {
    return fs.readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

export function hasCommand(command: string): boolean {
  const probe = process.platform === 'win32' ? spawnSync('where', [command]) : spawnSync('sh', ['-c', `command -v ${command}`]);
  return probe.status === 0;
}

/** Runs one install step, saying what it does; true when it succeeded. */
export function runInstallStep(step: InstallStep, log: (line: string) => void = console.log): boolean {
  if (step === 'apt-get') {
    log("e2e: no Chromium on this machine; installing Debian's chromium with apt-get (about 30 s)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const quiet: SpawnSyncOptions = { stdio: ['ignore', 'ignore', 'inherit'], env };
    const update = spawnSync('apt-get', ['update', '-qq'], quiet);
    if (update.status !== 0) return false;
    return spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], quiet).status === 0;
  }
  log('e2e: no Chromium on this machine; running `npx playwright install chromium`…');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return spawnSync(npx, ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
}
