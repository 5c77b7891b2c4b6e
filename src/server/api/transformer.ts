import superjson from 'superjson';
import type { SuperJSONResult } from 'superjson';
import { serialize } from '@/shared/superjson-wire';

// The fast encoder lives in src/shared: the browser encodes its inputs with it too (src/trpc/client.tsx).
export { serialize };

/** tRPC's transformer: inputs decoded by superjson, outputs encoded in superjson's format by `serialize`. */
export const transformer = {
  input: superjson,
  output: { serialize, deserialize: (value: SuperJSONResult) => superjson.deserialize(value) },
};
