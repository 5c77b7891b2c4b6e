/**
 * The Crux HTTP server: Next.js behind a small Node server (Next's documented custom-server API), so the
 * app learns each client's address from the socket rather than from a header the client controls
 * (see src/server/infra/http-server.ts). `scripts/start.ts` runs it; `--dev` serves with hot reload.
 *
 *   PORT              port to listen on (default 3000)
 *   CRUX_TRUST_PROXY  reverse-proxy hops in front whose X-Forwarded-For entries are believed (default 0)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import next from 'next';
import { createCruxServer } from '../src/server/infra/http-server';
import { apiHeadersFrom, isTrpcRequest, serveTrpc } from '../src/server/infra/trpc-node';
import { ConfigError, hardeningConfig } from '../src/server/infra/hardening-config';

const isDev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);

/**
 * In production /api/trpc is answered here, by the same handler as Next's route, without Next's request
 * pipeline (src/server/infra/trpc-node.ts). `next dev` keeps the route, for hot reload.
 */
async function apiServer(port: number) {
  const { answerSingleMutation, handleTrpcRequest } = await import('../src/server/api/trpc-http-handler');
  const config = (await import(pathToFileURL(path.resolve('next.config.js')).href)) as {
    default: { headers: () => Promise<Parameters<typeof apiHeadersFrom>[0]> };
  };
  const apiHeaders = apiHeadersFrom(await config.default.headers());
  const origin = `http://localhost:${port}`;
  return (req: IncomingMessage, res: ServerResponse) => serveTrpc(req, res, handleTrpcRequest, apiHeaders, origin, answerSingleMutation);
}

async function main() {
  const { trustProxyHops, isHttps } = hardeningConfig();
  const app = next({ dev: isDev, dir: process.cwd(), hostname: 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const serveApi = isDev ? null : await apiServer(port);
  const server = createCruxServer({
    trustProxyHops,
    isHttps,
    handle: (req, res) => (serveApi && isTrpcRequest(req) ? serveApi(req, res) : handle(req, res)),
    upgrade: isDev ? app.getUpgradeHandler() : undefined,
  });
  server.listen(port, () => {
    const proxy = trustProxyHops ? `, trusting ${trustProxyHops} proxy hop(s) in X-Forwarded-For` : '';
    console.log(`crux: serving on port ${port} (${isDev ? 'development' : 'production'}${proxy})`);
  });
  const shutdown = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `crux: ${error.message}` : error);
  process.exit(1);
});
