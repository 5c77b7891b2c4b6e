/**
 * The Crux HTTP server: Next.js behind a small Node server (Next's documented custom-server API), so the
 * app learns each client's address from the socket rather than from a header the client controls
 * (see src/server/infra/http-server.ts). `scripts/start.ts` runs it; `--dev` serves with hot reload.
 *
 *   PORT              port to listen on (default 3000)
 *   CRUX_TRUST_PROXY  reverse-proxy hops in front whose X-Forwarded-For entries are believed (default 0)
 */
import next from 'next';
import { createCruxServer } from '../src/server/infra/http-server';
import { ConfigError, hardeningConfig } from '../src/server/infra/hardening-config';

const isDev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);

async function main() {
  const { trustProxyHops, isHttps } = hardeningConfig();
  const app = next({ dev: isDev, dir: process.cwd(), hostname: 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createCruxServer({
    trustProxyHops,
    isHttps,
    handle: (req, res) => handle(req, res),
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
