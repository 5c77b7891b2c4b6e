// Runs `prisma generate`. The Prisma CLI insists on downloading its native schema engine before
// any command, and on machines without access to Prisma's binary host that download fails even
// though `generate` never uses the engine. So we retry once with a placeholder engine path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('prisma/schema.prisma')) process.exit(0);
const run = (env) =>
  spawnSync('npx', ['prisma', 'generate'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' });

let result = run({});
if (result.status !== 0) {
  console.log('prisma generate: schema engine download unavailable; retrying without it (generate does not need it)');
  result = run({ PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false' });
}
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
console.log('prisma generate: client written to src/generated/prisma');
