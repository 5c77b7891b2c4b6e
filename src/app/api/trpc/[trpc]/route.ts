import { handleTrpcRequest } from '@/server/api/trpc-http-handler';

// Production serves /api/trpc from the Node server in front of Next (src/server/infra/trpc-node.ts); this
// route serves it under `next dev` and is the fallback.
export const dynamic = 'force-dynamic';

// Next passes the route's params as a second argument: the handler takes only the request.
const handle = (request: Request) => handleTrpcRequest(request);

export { handle as GET, handle as POST };
