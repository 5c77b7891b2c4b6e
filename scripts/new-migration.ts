/**
 * `npm run migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
 * difference between the committed schema (git HEAD) and the working copy, using Prisma's WebAssembly
 * schema engine through ../shared/tools/prisma-diff.mjs. It needs a reachable Postgres only to open a
 * connection: DATABASE_URL, or a temporary embedded one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/server/infra/embedded-postgres';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <name_in_snake_case>');
  process.exit(2);
}
const tool = [path.join('..', 'shared', 'tools', 'prisma-diff.mjs'), path.join('tools', 'prisma-diff.mjs')].find((p) => fs.existsSync(p));
if (!tool) {
  console.error('migration:new: prisma-diff.mjs not found (expected ../shared/tools/prisma-diff.mjs)');
  process.exit(2);
}
const embedded = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({
      dataDir: path.join('.data', 'migration-postgres'),
      port: Number(process.env.CRUX_MIGRATION_PG_PORT ?? 54333),
      database: 'crux_diff',
      fsync: false,
    });
const result = spawnSync(process.execPath, [tool, '--name', name], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? embedded!.url },
});
await embedded?.stop();
process.exit(result.status ?? 1);
