/**
 * The map event stream over HTTP as the browser's tRPC client reads it (httpSubscriptionLink + EventSource):
 * served by the route's own SSE path (src/server/api/map-events-sse.ts), which shares each event's bytes
 * between the subscribers of one redaction class. Each recipient must still see exactly their own redaction,
 * refusals must come out as tRPC's, and a recipient who loses access must get tRPC's FORBIDDEN.
 */
import { createTRPCClient, httpSubscriptionLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '@/server/api/root';
import type { Actor } from '@/server/access/actor';
import type { MapStreamItem } from '@/shared/events';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sessionCookieFor, startHarness, type Harness } from './http-harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

interface HttpStream {
  items: MapStreamItem[];
  error: unknown;
  started: Promise<void>;
  waitFor: (predicate: (items: MapStreamItem[]) => boolean, timeoutMs?: number) => Promise<MapStreamItem[]>;
  /** The error the stream ended with (tRPC sends `connected` first, then the error). */
  waitForError: (timeoutMs?: number) => Promise<TRPCClientError<AppRouter>>;
  stop: () => void;
}

async function subscribeOverHttp(actor: Actor | null, mapId: string, lastEventId?: string): Promise<HttpStream> {
  const cookie = actor ? (await sessionCookieFor(actor)).cookie : '';
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${harness.url}/api/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
        }),
      }),
    ],
  });
  const stream: HttpStream = {
    items: [],
    error: null,
    started: Promise.resolve(),
    waitFor: async (predicate, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(stream.items)) {
        if (stream.error) throw stream.error instanceof Error ? stream.error : new Error('the stream failed');
        if (Date.now() > deadline) throw new Error(`timed out with ${stream.items.length} items`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return stream.items;
    },
    waitForError: async (timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!stream.error && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      if (!(stream.error instanceof TRPCClientError)) throw new Error(`expected a tRPC error, got ${String(stream.error)}`);
      return stream.error as TRPCClientError<AppRouter>;
    },
    stop: () => {},
  };
  stream.started = new Promise<void>((resolve, reject) => {
    const subscription = client.events.onMapEvent.subscribe(
      { mapId, lastEventId },
      {
        onStarted: () => resolve(),
        onData: ({ data }) => stream.items.push(data),
        onError: (error) => {
          stream.error = error;
          reject(error);
        },
        onComplete: () => resolve(),
      },
    );
    stream.stop = () => subscription.unsubscribe();
  });
  return stream;
}

const eventsOf = (items: MapStreamItem[]) => items.filter((item) => item.kind === 'event');

describe('the map event stream over HTTP', () => {
  it('gives each recipient their own redaction while the bytes of a class are shared', async () => {
    const owner = await createUser({ displayName: 'Owner Olga' });
    const voters = await Promise.all([createUser(), createUser(), createUser()]);
    const editor = await createUser({ displayName: 'Editor Emil' });
    const map = await createMapWith(owner, [
      ...voters.map((actor) => ({ actor, role: 'voter' as const })),
      { actor: editor, role: 'editor' },
    ]);
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });
    // As the client does: the stream starts after the map it loaded, so nothing written later can be missed.
    const { lastSeq } = await db().map.findUniqueOrThrow({ where: { id: map.id }, select: { lastSeq: true } });
    const head = String(lastSeq);
    const ownerStream = await subscribeOverHttp(owner, map.id, head);
    const editorStream = await subscribeOverHttp(editor, map.id, head);
    const voterStreams = await Promise.all(voters.map((voter) => subscribeOverHttp(voter, map.id, head)));
    await Promise.all([ownerStream, editorStream, ...voterStreams].map((stream) => stream.started));

    await callerFor(editor).claim.create({ mapId: map.id, text: 'Written by the editor', clientMutationId: 'sse-1' });
    const [toOwner] = eventsOf(await ownerStream.waitFor((items) => eventsOf(items).length === 1));
    const [toEditor] = eventsOf(await editorStream.waitFor((items) => eventsOf(items).length === 1));
    const toVoters = await Promise.all(
      voterStreams.map(async (stream) => eventsOf(await stream.waitFor((items) => eventsOf(items).length === 1))[0]),
    );

    // The owner sees who wrote it; everyone else, in anonymous mode, does not — the writer included.
    expect(toOwner).toMatchObject({ type: 'claim.created', actorId: editor.id, actorName: 'Editor Emil', isOwn: false });
    expect(toEditor).toMatchObject({ type: 'claim.created', actorId: null, actorName: null, isOwn: true, clientMutationId: 'sse-1' });
    for (const event of toVoters) expect(event).toMatchObject({ type: 'claim.created', actorId: null, actorName: null, isOwn: false });
    if (toOwner?.kind === 'event') expect(toOwner.createdAt).toBeInstanceOf(Date);
    for (const stream of [ownerStream, editorStream, ...voterStreams]) stream.stop();
  });

  it('resumes after lastEventId and answers refusals as tRPC does', async () => {
    const owner = await createUser();
    const outsider = await createUser();
    const map = await createMapWith(owner);
    for (const text of ['One', 'Two']) await callerFor(owner).claim.create({ mapId: map.id, text });
    const resumed = await subscribeOverHttp(owner, map.id, '2');
    const items = await resumed.waitFor((all) => all.length === 1);
    expect(items.map((item) => item.seq)).toEqual([3]);
    resumed.stop();

    const refused = await subscribeOverHttp(outsider, map.id);
    refused.started.catch(() => {});
    expect((await refused.waitForError()).data?.code).toBe('NOT_FOUND');
    expect(refused.items).toEqual([]);
    refused.stop();
  });

  it('ends a removed member’s stream with FORBIDDEN', async () => {
    const owner = await createUser();
    const member = await createUser();
    const map = await createMapWith(owner, [{ actor: member, role: 'editor' }]);
    const stream = await subscribeOverHttp(member, map.id);
    await stream.started;
    const row = await db().mapMember.findFirstOrThrow({ where: { mapId: map.id, userId: member.id } });
    await callerFor(owner).member.remove({ memberId: row.id });
    const error = await stream.waitForError();
    expect(error.data?.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/no longer have access/);
    stream.stop();
  });
});
