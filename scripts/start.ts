/**
 * `npm start`: the one command a new user runs. Builds the app once if there is no build, starts
 * an embedded PostgreSQL unless DATABASE_URL is set, applies migrations, seeds the demo map, and
 * serves the production build through Crux's small HTTP server (scripts/serve.ts: Next.js's custom-server
 * API, so the app learns each client's address from the socket). The embedded database is supervised:
 * if it dies it is restarted and the app reconnects by itself. Ctrl-C stops the app and the database.
 *
 *   --dev      serve with hot reload (next dev) instead of the production build
 *   --rebuild  build even if a build exists
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/infra/embedded-postgres';
import { applyMigrations } from '../src/server/infra/migrate';
import { ensureAuthSecret, loadLocalEnv } from '../src/server/infra/local-env';
import { ConfigError, hardeningConfig } from '../src/server/infra/hardening-config';

const args = new Set(process.argv.slice(2));
const isDev = args.has('--dev');
const NEXT_BIN = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
const TSX_CLI = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
const say = (line: string) => console.log(`crux: ${line}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Polls the app's health route until it answers, so "running" is printed only when it is true. */
async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 600 && child.exitCode === null; attempt++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function main() {
  const userSaidProduction = process.env.NODE_ENV === 'production';
  loadLocalEnv();
  const secret = ensureAuthSecret(userSaidProduction);
  if (secret.kind === 'missing-in-production') {
    console.error(
      'crux: AUTH_SECRET is required when NODE_ENV=production (e.g. AUTH_SECRET=$(openssl rand -base64 32)); refusing to start.',
    );
    process.exit(1);
  }
  if (secret.kind === 'generated') say(`generated a local AUTH_SECRET in ${secret.file}`);

  let config: ReturnType<typeof hardeningConfig>;
  try {
    config = hardeningConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`crux: ${error.message}`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  if (!isDev && (args.has('--rebuild') || !fs.existsSync(path.join(process.env.CRUX_DIST_DIR ?? '.next', 'BUILD_ID')))) {
    say('no production build yet: building the app once (this takes a minute or two)…');
    const buildStarted = Date.now();
    const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('crux: the build failed; see the output above.');
      process.exit(build.status ?? 1);
    }
    say(`app built (${seconds(buildStarted)})`);
  }

  let embedded: EmbeddedDatabase | null = null;
  const databaseStarted = Date.now();
  if (!process.env.DATABASE_URL) {
    const dataDir = process.env.CRUX_DATA_DIR ?? '.data';
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port: Number(process.env.CRUX_EMBEDDED_PG_PORT ?? 54329),
        database: 'crux',
        log: say,
        // Acknowledged writes survive a power cut; only throwaway test databases turn this off.
        fsync: config.embeddedPostgresFsync,
        supervise: true,
      });
    } catch (error) {
      console.error(`crux: ${error instanceof Error ? error.message : `embedded PostgreSQL did not start (${String(error)})`}`);
      process.exit(1);
    }
    process.env.DATABASE_URL = embedded.url;
    say(`database ready: embedded PostgreSQL, data in ${dataDir}/postgres (${seconds(databaseStarted)})`);
  } else {
    say('database: the PostgreSQL server at DATABASE_URL');
  }

  let child: ChildProcess | null = null;
  let isStopping = false;
  const stop = async (code: number, reason?: string) => {
    if (isStopping) return;
    isStopping = true;
    if (reason) say(reason);
    say('Stopping…');
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 5000);
        child!.once('exit', () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
    }
    if (embedded) await embedded.stop().catch(() => {});
    sayStopped();
    process.exit(code);
  };
  // embedded-postgres has its own SIGINT hook that stops the database and exits the process; whoever
  // exits first, the last line says so (once).
  let hasSaidStopped = false;
  const sayStopped = () => {
    if (hasSaidStopped) return;
    hasSaidStopped = true;
    say('stopped.');
  };
  process.on('exit', () => {
    if (isStopping) sayStopped();
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const migrationsStarted = Date.now();
    const migrations = await applyMigrations(process.env.DATABASE_URL, path.join('prisma', 'migrations'));
    say(
      migrations.applied.length
        ? `migrations: applied ${migrations.applied.length} (${migrations.applied.join(', ')}) (${seconds(migrationsStarted)})`
        : `migrations: up to date (${migrations.alreadyApplied} applied)`,
    );
    const seedStarted = Date.now();
    const { seedDemo } = await import('../prisma/seed/seed-demo');
    const seeded = await seedDemo(process.env.DATABASE_URL);
    say(seeded.created ? `demo map: created (${seconds(seedStarted)})` : 'demo map: present');
  } catch (error) {
    console.error(`crux: ${(error as Error).message}`);
    await stop(1);
    return;
  }

  process.env.AUTH_TRUST_HOST ??= 'true';
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  child = spawn(process.execPath, [TSX_CLI, path.join('scripts', 'serve.ts'), ...(isDev ? ['--dev'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, PORT: String(port), NODE_ENV: isDev ? 'development' : 'production' },
  });
  child.on('exit', (code) => void stop(code ?? 0, isStopping ? undefined : `the app exited (code ${code ?? 'none'})`));
  const appStarted = Date.now();
  const url = `http://localhost:${port}`;
  if (await waitUntilServing(url, child)) say(`Crux is running at ${url} (${seconds(appStarted)}) — open ${url}/demo`);
}

main().catch((error: unknown) => {
  console.error(`crux: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
