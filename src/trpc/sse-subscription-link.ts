import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

/**
 * Subscriptions over tRPC's SSE protocol (`connected`, data with `id`, `ping`, `serialized-error`,
 * `return`: what httpSubscriptionLink reads and the server writes), handled in EventSource's own event
 * listeners. Why: httpSubscriptionLink passes every message through a ReadableStream, two async generators
 * and a timeout race: with it a Node subscriber spent about 88 µs per event (bench:sync), about half of it in
 * those stages, which was most of a room's delivery time when a hundred subscribers share one machine, and
 * is main-thread time per event on a phone. It emits the same
 * results and connection states, resumes the same way (the tracked id in the input on a reopen, the
 * browser's Last-Event-ID on its own reconnects) and reopens after the server's inactivity timeout.
 */

// tRPC's retryable codes: a stream that reports one of these is reconnecting, not over.
const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  TRPC_ERROR_CODES_BY_KEY.BAD_GATEWAY,
  TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
  TRPC_ERROR_CODES_BY_KEY.GATEWAY_TIMEOUT,
  TRPC_ERROR_CODES_BY_KEY.INTERNAL_SERVER_ERROR,
]);

const CLOSED = 2;

interface MessageLike {
  data?: unknown;
  lastEventId?: string;
}

export interface EventSourceLike {
  readonly readyState: number;
  close(): void;
  addEventListener(type: string, listener: (event: MessageLike) => void): void;
}

export type EventSourceConstructor = new (url: string, init?: never) => EventSourceLike;

export interface SseSubscriptionLinkOptions {
  url: string;
  transformer: { serialize(value: unknown): unknown; deserialize(value: never): unknown };
  /** Defaults to the browser's EventSource. */
  EventSource?: EventSourceConstructor;
  eventSourceOptions?: () => object;
}

type ConnectionState = 'connecting' | 'pending' | 'idle';

export function sseSubscriptionLink<TRouter extends AnyRouter>(options: SseSubscriptionLinkOptions): TRPCLink<TRouter> {
  const deserialize = (text: unknown) => options.transformer.deserialize(JSON.parse(String(text)) as never);
  return () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type !== 'subscription') throw new Error('sseSubscriptionLink only serves subscriptions');
        const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
        const emit = observer.next.bind(observer) as (envelope: unknown) => void;
        let source: EventSourceLike | null = null;
        let lastEventId: string | undefined;
        let inactivityMs = 0;
        let lastActivityAt = 0;
        let inactivityTimer: ReturnType<typeof setTimeout> | null = null;
        let isDone = false;

        const setState = (next: ConnectionState, error: TRPCClientError<TRouter> | null) => {
          emit({ result: { type: 'state', state: next, error } });
        };
        const urlOf = () => {
          const input = lastEventId && (op.input == null || typeof op.input === 'object') ? { ...(op.input ?? {}), lastEventId } : op.input;
          const serialized = options.transformer.serialize(input);
          const query = serialized === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(serialized))}`;
          return `${options.url.replace(/\/$/, '')}/${op.path}${query}`;
        };
        const close = () => {
          source?.close();
          source = null;
          if (inactivityTimer) clearTimeout(inactivityTimer);
          inactivityTimer = null;
        };
        const finish = (error?: unknown) => {
          if (isDone) return;
          isDone = true;
          close();
          if (error !== undefined) {
            observer.error(TRPCClientError.from(error as Error));
            return;
          }
          emit({ result: { type: 'stopped' } });
          setState('idle', null);
          observer.complete();
        };
        // Quiet for longer than the server's pings allow: the connection is dead, open a new one from the last id.
        const watchInactivity = () => {
          if (!inactivityMs || inactivityTimer) return;
          const check = () => {
            inactivityTimer = null;
            if (isDone) return;
            const quietFor = Date.now() - lastActivityAt;
            if (quietFor < inactivityMs) {
              inactivityTimer = setTimeout(check, inactivityMs - quietFor);
              return;
            }
            setState('connecting', new TRPCClientError(`Timeout of ${inactivityMs}ms reached while waiting for a response`));
            open();
          };
          inactivityTimer = setTimeout(check, inactivityMs);
        };

        const open = () => {
          close();
          const es = new EventSourceImpl(urlOf(), options.eventSourceOptions?.() as never);
          source = es;
          lastActivityAt = Date.now();
          const listen = (type: string, handle: (event: MessageLike) => void) =>
            es.addEventListener(type, (event) => {
              if (source !== es || isDone) return;
              lastActivityAt = Date.now();
              try {
                handle(event);
              } catch (error) {
                finish(error);
              }
            });
          listen('connected', (event) => {
            inactivityMs = (JSON.parse(String(event.data)) as { reconnectAfterInactivityMs?: number }).reconnectAfterInactivityMs ?? 0;
            emit({ result: { type: 'started' }, context: { eventSource: es } });
            setState('pending', null);
            watchInactivity();
          });
          listen('message', (event) => {
            const data = deserialize(event.data);
            if (event.lastEventId) {
              lastEventId = event.lastEventId;
              emit({ result: { id: event.lastEventId, data: { id: event.lastEventId, data } }, context: { eventSource: es } });
            } else {
              emit({ result: { data }, context: { eventSource: es } });
            }
          });
          listen('ping', () => {});
          listen('serialized-error', (event) => {
            const shape = deserialize(event.data) as { code: number };
            const error = TRPCClientError.from<TRouter>({ error: shape } as never);
            if (RETRYABLE_CODES.has(shape.code)) setState('connecting', error);
            else finish(error);
          });
          listen('return', () => finish());
          listen('error', (event) => {
            if (es.readyState === CLOSED) finish(event);
            // The browser reconnects by itself (sending Last-Event-ID); until then the stream is connecting.
            else setState('connecting', TRPCClientError.from(event as Error));
          });
        };

        emit({ result: { type: 'state', state: 'connecting', error: null } });
        if (op.signal?.aborted) {
          finish();
        } else {
          op.signal?.addEventListener('abort', () => finish(), { once: true });
          open();
        }
        return () => {
          isDone = true;
          close();
        };
      });
}
