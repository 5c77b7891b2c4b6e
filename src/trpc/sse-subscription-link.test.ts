import { createTRPCClient, type TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppRouter } from '@/server/api/root';
import { sseSubscriptionLink, type EventSourceLike } from './sse-subscription-link';

/** An EventSource the test drives: it records the URLs opened and dispatches what the server would send. */
class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readyState = 0;
  isClosed = false;
  private readonly listeners = new Map<string, ((event: { data?: unknown; lastEventId?: string }) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: { data?: unknown; lastEventId?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.isClosed = true;
    this.readyState = 2;
  }

  send(type: string, data?: unknown, lastEventId = '') {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: data === undefined ? '' : JSON.stringify(data), lastEventId });
  }

  static latest(): FakeEventSource {
    return FakeEventSource.opened.at(-1)!;
  }
}

const client = createTRPCClient<AppRouter>({
  links: [sseSubscriptionLink({ url: 'http://crux.test/api/trpc/', transformer: superjson, EventSource: FakeEventSource })],
});

function subscribe() {
  const seen: { started: number; states: string[]; data: { id: string; data: unknown }[]; error: TRPCClientError<AppRouter> | null } = {
    started: 0,
    states: [],
    data: [],
    error: null,
  };
  let completed = false;
  const subscription = client.events.onMapEvent.subscribe(
    { mapId: 'map-1' },
    {
      onStarted: () => (seen.started += 1),
      onConnectionStateChange: (state) => seen.states.push(state.state),
      onData: (tracked) => seen.data.push(tracked),
      onError: (error) => (seen.error = error),
      onComplete: () => (completed = true),
    },
  );
  return { seen, subscription, isCompleted: () => completed };
}

const inputOf = (url: string) => superjson.deserialize(JSON.parse(new URL(url).searchParams.get('input')!) as never);
const item = (seq: number) =>
  JSON.parse(
    JSON.stringify(superjson.serialize({ kind: 'event', v: 3, seq, type: 'claim.updated', at: new Date(Date.UTC(2026, 0, seq)) })),
  );

beforeEach(() => {
  FakeEventSource.opened = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the SSE subscription link', () => {
  it('opens the procedure’s stream with its input, starts on `connected` and hands over tracked items decoded', () => {
    const { seen, subscription } = subscribe();
    const source = FakeEventSource.latest();
    expect(new URL(source.url).pathname).toBe('/api/trpc/events.onMapEvent');
    expect(inputOf(source.url)).toEqual({ mapId: 'map-1' });
    expect(seen.states).toEqual(['connecting']);

    source.send('connected', { reconnectAfterInactivityMs: 40_000 });
    source.send('message', item(2), '2');
    source.send('ping');
    source.send('message', item(3), '3');
    expect(seen.started).toBe(1);
    expect(seen.states).toEqual(['connecting', 'pending']);
    expect(seen.data.map((tracked) => tracked.id)).toEqual(['2', '3']);
    // Dates come back as dates: the items are decoded with superjson.
    expect(seen.data[1]!.data).toMatchObject({ seq: 3, at: new Date(Date.UTC(2026, 0, 3)) });
    subscription.unsubscribe();
    expect(source.isClosed).toBe(true);
  });

  it('ends with the server’s error when it refuses, and keeps trying when the error is retryable', () => {
    const refused = subscribe();
    const first = FakeEventSource.latest();
    first.send(
      'serialized-error',
      superjson.serialize({ code: -32603, message: 'Database busy', data: { code: 'INTERNAL_SERVER_ERROR' } }),
    );
    expect(refused.seen.error).toBeNull();
    expect(refused.seen.states.at(-1)).toBe('connecting');
    first.send('serialized-error', superjson.serialize({ code: -32003, message: 'No access', data: { code: 'FORBIDDEN' } }));
    expect(refused.seen.error?.message).toBe('No access');
    expect(refused.seen.error?.data?.code).toBe('FORBIDDEN');
    expect(first.isClosed).toBe(true);
  });

  it('reports a dropped connection as connecting while EventSource reconnects, and an error once it gives up', () => {
    const { seen } = subscribe();
    const source = FakeEventSource.latest();
    source.send('connected', {});
    source.send('error');
    expect(seen.states).toEqual(['connecting', 'pending', 'connecting']);
    expect(seen.error).toBeNull();
    source.readyState = 2;
    source.send('error');
    expect(seen.error).not.toBeNull();
  });

  it('completes on `return`', () => {
    const { seen, isCompleted } = subscribe();
    FakeEventSource.latest().send('connected', {});
    FakeEventSource.latest().send('return');
    expect(isCompleted()).toBe(true);
    expect(seen.states.at(-1)).toBe('idle');
    expect(FakeEventSource.latest().isClosed).toBe(true);
  });

  it('reopens a stream that went quiet past the inactivity timeout, resuming after the last id it received', () => {
    vi.useFakeTimers();
    const { seen, subscription } = subscribe();
    const first = FakeEventSource.latest();
    first.send('connected', { reconnectAfterInactivityMs: 40_000 });
    vi.advanceTimersByTime(30_000);
    first.send('message', item(7), '7');
    // 30 s after the last message: not yet.
    vi.advanceTimersByTime(30_000);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(10_001);
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(first.isClosed).toBe(true);
    expect(inputOf(FakeEventSource.latest().url)).toEqual({ mapId: 'map-1', lastEventId: '7' });
    expect(seen.states.at(-1)).toBe('connecting');
    // Whatever the old stream still delivers is ignored; the new one carries on.
    first.send('message', item(8), '8');
    FakeEventSource.latest().send('connected', { reconnectAfterInactivityMs: 40_000 });
    FakeEventSource.latest().send('message', item(8), '8');
    expect(seen.data.map((tracked) => tracked.id)).toEqual(['7', '8']);
    expect(seen.started).toBe(2);
    subscription.unsubscribe();
  });
});
