import {
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  TRPCError,
  type AnyProcedure,
  type TRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from './root';
import type { Context } from './trpc';

/**
 * One mutation per request, as the browser sends every edit (a batch of one) and scripts send them
 * (unbatched), called without a web Request and tRPC's request resolver: on the hot write path those cost
 * about a millisecond of a few. It does what tRPC's resolver does for such a request, step for step (the
 * same input decoding and its errors, the same error shape, status and body); `single-mutation.test.ts`
 * holds the two to byte-identical answers, so a tRPC upgrade that changes the wire is caught there.
 */

export interface SingleMutation {
  path: string;
  procedure: AnyProcedure;
  /** `?batch=1`: the input is `{"0": …}` and the answer a one-item array. */
  isBatch: boolean;
}

/** A finished answer: what the endpoint sends back, as plain data. */
export interface TrpcAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The one mutation `paths` names, or null when it names several, none, or something else. */
export async function singleMutationAt(paths: string[], isBatch: boolean): Promise<SingleMutation | null> {
  if (paths.length !== 1) return null;
  const path = paths[0]!;
  const procedure = await getProcedureAtPath(appRouter, path);
  return procedure?._def.type === 'mutation' ? { path, procedure, isBatch } : null;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && !Array.isArray(value) && typeof value === 'object';

/**
 * The call's input from the body text, decoded once however often the procedure asks, its failure
 * a BAD_REQUEST with the parser's message (tRPC's own behaviour).
 */
function inputReader(text: string, isBatch: boolean) {
  const decoder = appRouter._def._config.transformer.input;
  let decoded: { input: unknown } | null = null;
  let failure: TRPCError | null = null;
  const read = (): unknown => {
    const parsed: unknown = JSON.parse(text);
    if (!isBatch) return decoder.deserialize(parsed);
    if (!isObject(parsed)) throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
    return parsed[0] === undefined ? undefined : decoder.deserialize(parsed[0]);
  };
  return {
    getRawInput: async (): Promise<unknown> => {
      if (failure) throw failure;
      if (decoded) return decoded.input;
      try {
        decoded = { input: read() };
        return decoded.input;
      } catch (cause) {
        failure =
          cause instanceof TRPCError
            ? cause
            : new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
        throw failure;
      }
    },
    input: () => decoded?.input,
  };
}

/**
 * Calls the mutation with the body's input and answers as tRPC would. `headersOf` gives the response
 * headers the errors call for (the endpoint's responseMeta).
 */
export async function callSingleMutation(
  mutation: SingleMutation,
  bodyText: string,
  ctx: Context,
  signal: AbortSignal,
  headersOf: (errors: TRPCError[]) => Headers,
): Promise<TrpcAnswer> {
  const config = appRouter._def._config;
  const reader = inputReader(bodyText, mutation.isBatch);
  let item: TRPCResponse;
  let errors: TRPCError[] = [];
  try {
    const data: unknown = await mutation.procedure({
      path: mutation.path,
      getRawInput: reader.getRawInput,
      ctx,
      type: 'mutation',
      signal,
      batchIndex: 0,
    });
    item = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    errors = [error];
    item = { error: getErrorShape({ config, ctx, error, input: reader.input(), path: mutation.path, type: 'mutation' }) };
  }
  const untransformed = mutation.isBatch ? [item] : item;
  const headers: Record<string, string> = { vary: 'trpc-accept, accept', 'content-type': 'application/json' };
  headersOf(errors).forEach((value, name) => {
    headers[name] = value;
  });
  return {
    status: getHTTPStatusCode(untransformed),
    headers,
    body: JSON.stringify(transformTRPCResponse(config, untransformed)),
  };
}
