/**
 * Real app processes for the multi-instance, fault and benchmark runs: builds the production app
 * once into its own folder, starts `scripts/start.ts` on a port against a shared Postgres, signs
 * users in over HTTP and gives typed tRPC clients (SSE subscriptions via the `eventsource` package).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import type { AppRouter } from '../../src/server/api/root';
import { sseSubscriptionLink } from '../../src/trpc/sse-subscription-link';

// Under `npm test` the build made just before the integration tests is current: use it.
export const DIST_DIR =
  process.env.CRUX_RT_DIST_DIR ?? (process.env.CRUX_FRESH_BUILD === '1' ? (process.env.CRUX_DIST_DIR ?? '.next') : '.next-realtime');
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const AUTH_SECRET = 'multi-instance-test-secret';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the app into DIST_DIR unless a build exists that is newer than the real-time server code
 * it must contain (set CRUX_RT_REBUILD=1 to force, CRUX_RT_DIST_DIR to use another folder). Type errors elsewhere in a shared checkout do
 * not block it: `npm run check` covers types.
 */
export function ensureBuild(log: (line: string) => void = console.log): void {
  const buildId = path.join(ROOT, DIST_DIR, 'BUILD_ID');
  // Fresh enough when newer than the code these runs exercise (the sync server and its routers);
  // other areas changing in a shared checkout do not force a multi-minute rebuild.
  const sources = [
    newestMtime(path.join(ROOT, 'src', 'server', 'sync')),
    ...['events.ts', 'presence.ts'].map((file) => fs.statSync(path.join(ROOT, 'src', 'server', 'api', 'routers', file)).mtimeMs),
    fs.statSync(path.join(ROOT, 'src', 'server', 'api', 'root.ts')).mtimeMs,
  ];
  const isFresh = fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > Math.max(...sources);
  if (process.env.CRUX_FRESH_BUILD === '1' && fs.existsSync(buildId)) return;
  if (isFresh && process.env.CRUX_RT_REBUILD !== '1') return;
  log(`building the app into ${DIST_DIR} (a few minutes on 2 cores)…`);
  // next build adds its dist folder's type globs to tsconfig.json; this build is a test artefact,
  // so the shared tsconfig is put back as it was.
  const tsconfigPath = path.join(ROOT, 'tsconfig.json');
  const tsconfig = fs.readFileSync(tsconfigPath, 'utf8');
  const result = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CRUX_DIST_DIR: DIST_DIR, CRUX_SKIP_BUILD_TYPECHECK: '1', NODE_ENV: 'production' },
  });
  if (fs.readFileSync(tsconfigPath, 'utf8') !== tsconfig) fs.writeFileSync(tsconfigPath, tsconfig);
  if (result.status !== 0) throw new Error(`next build failed with status ${result.status}`);
}

export interface AppProcess {
  port: number;
  url: string;
  child: ChildProcess;
  output: string[];
  /** SIGKILL to the whole process group (launcher and Next server): a crash, no cleanup. */
  kill9: () => void;
  stop: () => Promise<void>;
}

export async function startApp(options: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<AppProcess> {
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'start.ts')],
    {
      cwd: ROOT,
      detached: true, // its own process group, so kill9 takes the Next child with it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(options.port),
        DATABASE_URL: options.databaseUrl,
        CRUX_DIST_DIR: DIST_DIR,
        AUTH_SECRET,
        NEXTAUTH_URL: `http://localhost:${options.port}`,
        CRUX_RATE_LIMIT_MULTIPLIER: '50',
        NODE_ENV: 'production',
        ...options.env,
      },
    },
  );
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://localhost:${options.port}`;
  const app: AppProcess = {
    port: options.port,
    url,
    child,
    output,
    kill9: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
      app.kill9();
    },
  };
  try {
    await waitForHealth(url, 90_000, () => child.exitCode !== null, output);
  } catch (error) {
    app.kill9();
    throw error;
  }
  return app;
}

async function waitForHealth(url: string, timeoutMs: number, hasExited: () => boolean, output: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`the app exited before it was healthy:\n${output.join('')}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app at ${url} was not healthy within ${timeoutMs} ms:\n${output.join('')}`);
}

/** Calls a tRPC procedure over HTTP (superjson envelope). */
export async function trpcCall<T>(
  baseUrl: string,
  cookie: string,
  procedure: string,
  input: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const serialized = JSON.stringify(superjson.serialize(input));
  const response =
    kind === 'mutation'
      ? await fetch(`${baseUrl}/api/trpc/${procedure}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: serialized,
        })
      : await fetch(`${baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(serialized)}`, { headers: { cookie } });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { json?: { message?: string } } };
  if (!response.ok || !body.result) throw new Error(`${procedure} failed (${response.status}): ${body.error?.json?.message ?? ''}`);
  return superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]);
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]!);
}

/** Signs up (unless the account exists) and signs in; returns the Cookie header of the session. */
export async function signIn(
  baseUrl: string,
  account: { email: string; password: string; displayName: string },
  create = true,
): Promise<string> {
  if (create) await trpcCall(baseUrl, '', 'user.signUp', account);
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email: account.email, password: account.password, json: 'true' }),
  });
  const session = cookiesOf(response).filter((cookie) => cookie.includes('session-token'));
  if (!session.length) throw new Error(`sign-in failed (${response.status})`);
  return session.join('; ');
}

/** A typed tRPC client as a browser would use it: batched HTTP for calls, SSE for subscriptions. */
export function appClient(baseUrl: string, cookie: string) {
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // The browser's link (src/trpc/client.tsx), over Node's EventSource with the session cookie.
        true: sseSubscriptionLink({
          url: `${baseUrl}/api/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({ fetch: withCookie }),
        }),
        false: httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { cookie } }),
      }),
    ],
  });
}
