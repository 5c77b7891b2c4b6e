/**
 * `npm test`: every gate in order, stopping at the first failure — that `npm install` works on every
 * supported platform, typecheck, lint and formatting, unit tests,
 * one production build, integration tests against real Postgres (the multi-instance tests start
 * that build), and Playwright end-to-end tests against the same build (in a Chromium it finds, or
 * installs when the machine has none).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const NEXT = path.join('node_modules', 'next', 'dist', 'bin', 'next');
const steps: { name: string; command: string[]; env?: Record<string, string> }[] = [
  { name: 'platforms', command: ['npx', 'tsx', 'scripts/check-platforms.ts'] },
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', command: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '.'] },
  { name: 'unit tests', command: ['npx', 'vitest', 'run', '--project', 'unit'] },
  { name: 'production build', command: [process.execPath, NEXT, 'build'] },
  { name: 'integration tests', command: ['npx', 'vitest', 'run', '--project', 'integration'], env: { CRUX_FRESH_BUILD: '1' } },
  { name: 'end-to-end tests', command: ['npx', 'tsx', 'scripts/run-e2e.ts'], env: { E2E_SKIP_BUILD: '1' } },
];

const started = Date.now();
for (const step of steps) {
  const stepStarted = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const [command, ...args] = step.command;
  const result = spawnSync(command!, args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(0);
  if (result.status !== 0) {
    console.error(`\nnpm test: ${step.name} failed (after ${seconds} s).`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${step.name}: passed in ${seconds} s ===`);
}
console.log(`\nnpm test: all ${steps.length} gates passed in ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
