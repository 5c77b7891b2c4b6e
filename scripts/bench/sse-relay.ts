/**
 * The floor for `npm run bench:sync`: a bare Server-Sent Events relay with no database and no
 * framework. POST /publish broadcasts the body to every GET /events stream. Run alone with
 * `PORT=3225 npx tsx scripts/bench/sse-relay.ts`.
 */
import http from 'node:http';

export function startSseRelay(port: number): Promise<http.Server> {
  const streams = new Set<http.ServerResponse>();
  let nextId = 0;
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url?.startsWith('/events')) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST' && request.url?.startsWith('/publish')) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        nextId += 1;
        const frame = `id: ${nextId}\ndata: ${Buffer.concat(chunks).toString().replace(/\n/g, ' ')}\n\n`;
        for (const stream of streams) stream.write(frame);
        response.writeHead(204).end();
      });
      return;
    }
    response.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3225);
  void startSseRelay(port).then(() => {
    console.log(`sse-relay: listening on ${port}`);
    process.send?.({ type: 'listening' });
  });
}
