import { afterAll, describe, expect, it } from 'vitest';
import type { TrackedEnvelope } from '@trpc/server';
import { getEventHub } from '@/server/sync/event-hub';
import { runMapWrite } from '@/server/sync/append-event';
import { streamMapEntries, type StreamEntry } from '@/server/sync/stream-map-events';
import type { MapStreamItem } from '@/server/sync/event-types';
import type { PresencePeer } from '@/server/sync/presence';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sleep, StreamReader, streamingCallerFor } from './realtime-stream';

type Item = TrackedEnvelope<MapStreamItem>;
const seqsOf = (items: Item[]) => items.map(([, data]) => (data.kind === 'event' ? data.seq : -data.seq));
const eventsOf = (items: Item[]) => items.map(([, data]) => data).filter((data) => data.kind === 'event');

async function subscribe(actor: Parameters<typeof streamingCallerFor>[0], mapId: string, lastEventId?: string) {
  const controller = new AbortController();
  const iterable = await streamingCallerFor(actor, controller).events.onMapEvent({ mapId, lastEventId });
  // A server-side caller yields the raw [id, data] envelopes (the client link turns them into { id, data }).
  const reader = new StreamReader<Item>(iterable as unknown as AsyncIterable<Item>);
  return { reader, stop: () => controller.abort() };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await sleep(20);
  }
}

/** Waits until the process's hub has read the map's head, so "live only" subscriptions are in place. */
async function settle() {
  await sleep(150);
}

afterAll(async () => {
  await getEventHub().close();
  delete (globalThis as { cruxEventHub?: unknown }).cruxEventHub;
});

describe('event log under concurrency', () => {
  it('gives 50 concurrent claim.create calls the seqs after map.created, each exactly once, in commit order', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.claim.create({ mapId: map.id, text: `Claim ${i}`, clientMutationId: `c-${i}` })),
    );
    // map.created holds seq 1; the 50 claims take 2..51, one each.
    expect(results.map((result) => result.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    const events = await db().mapEvent.findMany({
      where: { mapId: map.id },
      orderBy: { seq: 'asc' },
      select: { seq: true, type: true, clientMutationId: true },
    });
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(events[0]!.type).toBe('map.created');
    expect(events.slice(1).every((event) => event.type === 'claim.created')).toBe(true);
    expect(new Set(events.slice(1).map((event) => event.clientMutationId)).size).toBe(50);
    expect((await db().map.findUniqueOrThrow({ where: { id: map.id } })).lastSeq).toBe(51);
  });
});

describe('events.onMapEvent', () => {
  it('streams the backlog after lastEventId, then live events, tracked by seq', async () => {
    const owner = await createUser({ displayName: 'Ada' });
    const editor = await createUser({ displayName: 'Ben' });
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    await callerFor(editor).claim.create({ mapId: map.id, text: 'Before' });
    const { reader, stop } = await subscribe(owner, map.id, '0');
    await reader.waitFor((items) => items.length === 2);
    await callerFor(editor).claim.create({ mapId: map.id, text: 'Live one', clientMutationId: 'm-live' });
    const items = await reader.waitFor((all) => all.length === 3);
    expect(items.map(([id]) => id)).toEqual(['1', '2', '3']);
    const live = eventsOf(items)[2]!;
    expect(live).toMatchObject({ type: 'claim.created', actorId: editor.id, actorName: 'Ben', isOwn: false, clientMutationId: 'm-live' });
    expect(live.createdAt).toBeInstanceOf(Date);
    stop();
    await reader.waitForEnd();
    expect(reader.error).toBeNull();
  });

  it('without lastEventId starts at the head: only events from now on', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    await callerFor(owner).claim.create({ mapId: map.id, text: 'Old' });
    const { reader, stop } = await subscribe(owner, map.id);
    await settle();
    await callerFor(owner).claim.create({ mapId: map.id, text: 'New' });
    const items = await reader.waitFor((all) => all.length >= 1);
    await sleep(100);
    expect(seqsOf(items)).toEqual([3]);
    expect(eventsOf(items)[0]!.isOwn).toBe(true);
    stop();
  });

  it('a subscriber that reconnects with lastEventId gets exactly the events it missed, then live ones', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const first = await subscribe(owner, map.id, '1');
    for (let i = 0; i < 3; i += 1) await api.claim.create({ mapId: map.id, text: `Seen ${i}` });
    await first.reader.waitFor((items) => items.length === 3);
    const lastSeen = first.reader.items.at(-1)![0];
    first.stop();
    await first.reader.waitForEnd();

    // While disconnected: a burst of writes of several kinds.
    const { claim } = await api.claim.create({ mapId: map.id, text: 'Missed A' });
    await api.claim.update({ id: claim.id, text: 'Missed A, edited', expectedVersion: 1 });
    await api.claim.move({ id: claim.id, x: 10, y: 20 });
    await api.claim.delete({ id: claim.id });

    const second = await subscribe(owner, map.id, lastSeen);
    await second.reader.waitFor((items) => items.length === 4);
    await api.claim.restore({ id: claim.id });
    const items = await second.reader.waitFor((all) => all.length === 5);
    await sleep(150);
    expect(lastSeen).toBe('4');
    expect(seqsOf(second.reader.items)).toEqual([5, 6, 7, 8, 9]);
    expect(eventsOf(items).map((event) => event.type)).toEqual([
      'claim.created',
      'claim.updated',
      'claim.moved',
      'claim.deleted',
      'claim.restored',
    ]);
    second.stop();
  });

  it('many subscribers of one map each get every event once, in order, while writers race', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const readers = await Promise.all(Array.from({ length: 8 }, (_, i) => subscribe(i % 2 ? editor : owner, map.id, '1')));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => callerFor(i % 2 ? editor : owner).claim.create({ mapId: map.id, text: `Race ${i}` })),
    );
    for (const { reader } of readers) {
      await reader.waitFor((items) => items.length === 30);
      expect(seqsOf(reader.items)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    }
    for (const { stop } of readers) stop();
  });

  it('a stream whose transport takes live events gets every event once, in order, and access changes through its loop', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const received: { seq: number; by: 'transport' | 'loop' }[] = [];
    let readiness = 0;
    const controller = new AbortController();
    const entries = streamMapEntries({
      db: db(),
      actor: editor,
      mapId: map.id,
      lastEventId: '1',
      signal: controller.signal,
      // Ready for two offers in three, as a transport whose client's buffer fills now and then.
      direct: {
        isReady: () => (readiness += 1) % 3 !== 0,
        deliver: (batch) => received.push(...batch.map((entry) => ({ seq: Number(entry.id), by: 'transport' as const }))),
      },
    });
    const reader = new StreamReader<StreamEntry[]>(entries);
    const loopSeqs = () => reader.items.flat().map((entry) => ({ seq: Number(entry.id), by: 'loop' as const }));
    await settle();
    for (let round = 0; round < 4; round += 1) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => callerFor(i % 2 ? editor : owner).claim.create({ mapId: map.id, text: `Round ${round}.${i}` })),
      );
    }
    await waitUntil(() => received.length + loopSeqs().length === 32);
    const all = [...received, ...loopSeqs()].sort((a, b) => a.seq - b.seq);
    expect(all.map((item) => item.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 2));
    // Both ways were taken: the transport when ready and caught up, the loop otherwise.
    expect(new Set(all.map((item) => item.by))).toEqual(new Set(['transport', 'loop']));

    // An access change is never handed over: the loop re-reads the recipient and ends the stream.
    await runMapWrite(db(), map.id, { actor: owner }, async (tx) => {
      await tx.mapMember.deleteMany({ where: { mapId: map.id, userId: editor.id } });
      return { result: null, events: [{ type: 'member.removed', payload: { memberId: 'removed', userId: editor.id } }] };
    });
    await reader.waitForEnd(5_000);
    expect(reader.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(received.every((item) => item.seq <= 33)).toBe(true);
    controller.abort();
  });

  it('refuses a non-member of a private map and an anonymous visitor, both as not found', async () => {
    const owner = await createUser();
    const outsider = await createUser();
    const map = await createMapWith(owner);
    const controller = new AbortController();
    const outsiderStream = streamingCallerFor(outsider, controller).events.onMapEvent({ mapId: map.id });
    await expect(outsiderStream).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(streamingCallerFor(null, controller).events.onMapEvent({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(outsider).events.list({ mapId: map.id, afterSeq: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets anyone follow a public map, including anonymous visitors', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner, [], { visibility: 'public' });
    const { reader, stop } = await subscribe(null, map.id, '0');
    const items = await reader.waitFor((all) => all.length === 1);
    expect(eventsOf(items)[0]).toMatchObject({ type: 'map.created', isOwn: false });
    stop();
  });

  it('ends a removed member’s stream with FORBIDDEN as soon as the removal event passes', async () => {
    const owner = await createUser();
    const member = await createUser();
    const map = await createMapWith(owner, [{ actor: member, role: 'editor' }]);
    const { reader } = await subscribe(member, map.id, '1');
    await callerFor(owner).claim.create({ mapId: map.id, text: 'Still welcome' });
    await reader.waitFor((items) => items.length === 1);
    await runMapWrite(db(), map.id, { actor: owner }, async (tx) => {
      await tx.mapMember.deleteMany({ where: { mapId: map.id, userId: member.id } });
      return { result: null, events: [{ type: 'member.removed', payload: { memberId: 'removed', userId: member.id } }] };
    });
    await reader.waitForEnd(5_000);
    expect(reader.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(seqsOf(reader.items)).toEqual([2]);
  });

  it('ends the stream on the periodic re-check when access is lost without an event', async () => {
    const owner = await createUser();
    const member = await createUser();
    const map = await createMapWith(owner, [{ actor: member, role: 'viewer' }]);
    const { streamMapEvents } = await import('@/server/sync/stream-map-events');
    const controller = new AbortController();
    const reader = new StreamReader(
      streamMapEvents({ db: db(), actor: member, mapId: map.id, lastEventId: '1', signal: controller.signal, recheckMs: 300 }),
    );
    await sleep(200);
    await db().mapMember.deleteMany({ where: { mapId: map.id, userId: member.id } });
    await reader.waitForEnd(3_000);
    expect(reader.error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('tells a client that is too far behind to resync instead of replaying', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    // 1,100 events straight into the log (fast), as a long-lived busy map would have.
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "MapEvent" ("id", "mapId", "seq", "type", "payload", "createdAt")
        SELECT 'bulk-' || ${map.id} || '-' || s, ${map.id}, s, 'claim.moved', '{"moves":[]}'::jsonb, now()
        FROM generate_series(2, 1101) AS s`;
      await tx.$executeRaw`UPDATE "Map" SET "lastSeq" = 1101 WHERE "id" = ${map.id}`;
    });
    const { reader, stop } = await subscribe(owner, map.id, '1');
    await reader.waitFor((items) => items.length === 1);
    await callerFor(owner).claim.create({ mapId: map.id, text: 'After the resync' });
    const items = await reader.waitFor((all) => all.length === 2);
    expect(items[0]![0]).toBe('1101');
    expect(items[0]![1]).toEqual({ kind: 'resync', v: 1, seq: 1101, reason: 'too-far-behind' });
    expect(seqsOf(items.slice(1))).toEqual([1102]);
    stop();

    // Within the limit, the backlog is replayed.
    const near = await subscribe(owner, map.id, '200');
    await near.reader.waitFor((all) => all.length === 902);
    expect(near.reader.items[0]![0]).toBe('201');
    near.stop();
  });

  it('loses nothing when the LISTEN connection drops: the hub reconnects and re-reads', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const { reader, stop } = await subscribe(owner, map.id, '1');
    await api.claim.create({ mapId: map.id, text: 'Before the cut' });
    await reader.waitFor((items) => items.length === 1);
    const hub = getEventHub();
    const before = hub.connections;
    // Kill the hub's LISTEN backend from the server side, as a network cut or a failover would.
    await db().$executeRaw`SELECT pg_terminate_backend(${hub.listenerPid}::int)`;
    // Written as another instance would: this process's writes announce themselves to its hub (announceCommitted),
    // so only the hub's reconnect and re-read can deliver these.
    const globals = globalThis as { cruxEventHub?: unknown };
    globals.cruxEventHub = undefined;
    try {
      for (let i = 0; i < 5; i += 1) await api.claim.create({ mapId: map.id, text: `During ${i}` });
    } finally {
      globals.cruxEventHub = hub;
    }
    const items = await reader.waitFor((all) => all.length === 6);
    expect(hub.connections).toBeGreaterThan(before);
    expect(seqsOf(items)).toEqual([2, 3, 4, 5, 6, 7]);
    await api.claim.create({ mapId: map.id, text: 'After' });
    await reader.waitFor((all) => all.length === 7);
    stop();
  });
});

describe('redaction per recipient', () => {
  async function voteEvent(mapId: string, voter: { id: string; displayName: string; isGuest: boolean }, targetId: string, value: number) {
    await runMapWrite(db(), mapId, { actor: voter }, async (tx) => {
      await tx.vote.upsert({
        where: { userId_claimId: { userId: voter.id, claimId: targetId } },
        create: { mapId, userId: voter.id, claimId: targetId, value },
        update: { value },
      });
      const payload = {
        targetKind: 'claim' as const,
        targetId,
        voterId: voter.id,
        value,
        summary: { count: 1, mean: value, histogram: [0, 0, 0, 0, 0] as [number, number, number, number, number] },
      };
      return { result: null, events: [{ type: 'vote.changed' as const, payload }] };
    });
  }

  it('anonymous mode hides authors and actors from everyone but the owner, in the stream and in events.list', async () => {
    const owner = await createUser({ displayName: 'Teacher' });
    const student = await createUser({ displayName: 'Student' });
    const map = await createMapWith(owner, [{ actor: student, role: 'editor' }]);
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });
    const ownerStream = await subscribe(owner, map.id, '2');
    const studentStream = await subscribe(student, map.id, '2');
    await callerFor(student).claim.create({ mapId: map.id, text: 'Anonymous thought' });

    const [ownerView] = eventsOf(await ownerStream.reader.waitFor((items) => items.length === 1));
    const [studentView] = eventsOf(await studentStream.reader.waitFor((items) => items.length === 1));
    expect(ownerView).toMatchObject({
      actorId: student.id,
      actorName: 'Student',
      payload: { claim: { authorId: student.id, authorName: 'Student' } },
    });
    expect(studentView).toMatchObject({
      actorId: null,
      actorName: null,
      isOwn: true,
      payload: { claim: { authorId: null, authorName: null, text: 'Anonymous thought' } },
    });
    expect(JSON.stringify(studentView)).not.toContain(student.id);

    const page = await callerFor(student).events.list({ mapId: map.id, afterSeq: 0 });
    expect(page.events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(JSON.stringify(page.events)).not.toContain(student.id);
    expect(JSON.stringify(page.events)).not.toContain(owner.id);
    const ownerPage = await callerFor(owner).events.list({ mapId: map.id, afterSeq: 2 });
    expect(ownerPage.events[0]).toMatchObject({ actorName: 'Student' });
    ownerStream.stop();
    studentStream.stop();
  });

  it('blind voting strips summary and value from those who have not voted on the target, until revealed', async () => {
    const owner = await createUser();
    const voterA = await createUser();
    const voterB = await createUser();
    const map = await createMapWith(owner, [
      { actor: voterA, role: 'voter' },
      { actor: voterB, role: 'voter' },
    ]);
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'Vote on me' });
    const streams = {
      owner: await subscribe(owner, map.id, '2'),
      a: await subscribe(voterA, map.id, '2'),
      b: await subscribe(voterB, map.id, '2'),
    };
    await voteEvent(map.id, voterA, claim.id, 3);
    for (const stream of Object.values(streams)) await stream.reader.waitFor((items) => items.length === 1);
    const first = (key: keyof typeof streams) => eventsOf(streams[key].reader.items)[0]!.payload;
    expect(first('owner')).toMatchObject({ value: 3, summary: { count: 1 } });
    expect(first('a')).toMatchObject({ value: 3, summary: { count: 1 } }); // their own vote: they have voted
    expect(first('b')).toMatchObject({ value: null, summary: null, targetId: claim.id });

    // B votes: from that event on, B sees the results of that target.
    await voteEvent(map.id, voterB, claim.id, 1);
    await streams.b.reader.waitFor((items) => items.length === 2);
    expect(eventsOf(streams.b.reader.items)[1]!.payload).toMatchObject({ value: 1, summary: { count: 1 } });

    // A new subscriber who never voted, after the owner reveals results, sees them.
    const viewer = await createUser();
    await db().mapMember.create({ data: { mapId: map.id, userId: viewer.id, role: 'viewer' } });
    const hidden = await callerFor(viewer).events.list({ mapId: map.id, afterSeq: 2 });
    expect(hidden.events.map((event) => event.payload)).toEqual([
      expect.objectContaining({ value: null, summary: null }),
      expect.objectContaining({ value: null, summary: null }),
    ]);
    await runMapWrite(db(), map.id, { actor: owner }, async (tx) => {
      await tx.map.update({ where: { id: map.id }, data: { resultsRevealed: true } });
      return { result: null, events: [{ type: 'results.revealed', payload: { resultsRevealed: true } }] };
    });
    const revealed = await callerFor(viewer).events.list({ mapId: map.id, afterSeq: 2, limit: 2 });
    expect(revealed.events[0]!.payload).toMatchObject({ value: 3 });
    for (const stream of Object.values(streams)) stream.stop();
  });
});

describe('events.list', () => {
  it('pages the log for gap filling and history, with actor names and deleted claims’ text', async () => {
    const owner = await createUser({ displayName: 'Historian' });
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const { claim } = await api.claim.create({ mapId: map.id, text: 'Soon gone' });
    await api.claim.delete({ id: claim.id });
    for (let i = 0; i < 5; i += 1) await api.claim.create({ mapId: map.id, text: `Filler ${i}` });

    const gap = await api.events.list({ mapId: map.id, afterSeq: 1, limit: 2 });
    expect(gap.events.map((event) => event.seq)).toEqual([2, 3]);
    expect(gap).toMatchObject({ headSeq: 8, hasMore: true });
    expect(gap.events[1]).toMatchObject({ type: 'claim.deleted', subjectText: 'Soon gone', actorName: 'Historian', isOwn: true });

    const newest = await api.events.list({ mapId: map.id, limit: 3 });
    expect(newest.events.map((event) => event.seq)).toEqual([6, 7, 8]);
    expect(newest.hasMore).toBe(true);
    const older = await api.events.list({ mapId: map.id, beforeSeq: 6, limit: 10 });
    expect(older.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(older.hasMore).toBe(false);
  });
});

describe('presence', () => {
  it('shows peers across the presence channel, with colour and selection, and withdraws them on leave', async () => {
    const owner = await createUser({ displayName: 'Olive Owner' });
    const editor = await createUser({ displayName: 'Eddie Editor' });
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const controller = new AbortController();
    const reader = new StreamReader<PresencePeer[]>(
      await streamingCallerFor(owner, controller).presence.onPresence({ mapId: map.id, clientId: 'owner-tab' }),
    );
    await reader.waitFor((items) => items.length === 1);
    expect(reader.items[0]).toEqual([]);

    await callerFor(editor).presence.update({ mapId: map.id, clientId: 'editor-tab', selectedNodeId: 'claim-1', editingNodeId: null });
    await reader.waitFor((items) => items.at(-1)!.length === 1);
    const peer = reader.items.at(-1)![0]!;
    expect(peer).toMatchObject({ userId: editor.id, name: 'Eddie Editor', selectedNodeId: 'claim-1', editingNodeId: null });
    expect(peer.color).toMatch(/^hsl\(\d+ 70% 40%\)$/);

    await callerFor(editor).presence.update({ mapId: map.id, clientId: 'editor-tab', selectedNodeId: 'claim-1', editingNodeId: 'claim-1' });
    await reader.waitFor((items) => items.at(-1)![0]?.editingNodeId === 'claim-1');

    // The owner's own presence never lists the owner.
    await callerFor(owner).presence.update({ mapId: map.id, clientId: 'owner-tab', selectedNodeId: null, editingNodeId: null });
    await sleep(200);
    expect(reader.items.at(-1)!.map((item) => item.userId)).toEqual([editor.id]);

    await callerFor(editor).presence.leave({ mapId: map.id, clientId: 'editor-tab' });
    await reader.waitFor((items) => items.at(-1)!.length === 0);
    controller.abort();
    await reader.waitForEnd();
  });

  it('withdraws a peer whose presence stream ends, and shows pseudonyms on anonymous maps', async () => {
    const owner = await createUser({ displayName: 'Owner' });
    const student = await createUser({ displayName: 'Shy Student' });
    const classmate = await createUser({ displayName: 'Classmate' });
    const map = await createMapWith(owner, [
      { actor: student, role: 'editor' },
      { actor: classmate, role: 'editor' },
    ]);
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });
    const watch = new AbortController();
    const classmateView = new StreamReader<PresencePeer[]>(
      await streamingCallerFor(classmate, watch).presence.onPresence({ mapId: map.id }),
    );
    const ownerView = new StreamReader<PresencePeer[]>(await streamingCallerFor(owner, watch).presence.onPresence({ mapId: map.id }));

    const studentTab = new AbortController();
    const studentStream = new StreamReader(
      await streamingCallerFor(student, studentTab).presence.onPresence({ mapId: map.id, clientId: 'tab-1' }),
    );
    await studentStream.waitFor((items) => items.length >= 1);
    await callerFor(student).presence.update({ mapId: map.id, clientId: 'tab-1', selectedNodeId: null, editingNodeId: null });

    await classmateView.waitFor((items) => items.at(-1)?.length === 1);
    await ownerView.waitFor((items) => items.at(-1)?.length === 1);
    const seenByClassmate = classmateView.items.at(-1)![0]!;
    expect(seenByClassmate.userId).toMatch(/^anon-/);
    expect(seenByClassmate.name).toMatch(/^Participant /);
    expect(JSON.stringify(classmateView.items)).not.toContain(student.id);
    expect(ownerView.items.at(-1)![0]).toMatchObject({ userId: student.id, name: 'Shy Student' });

    studentTab.abort(); // the tab closes: its stream ends and withdraws its presence
    await classmateView.waitFor((items) => items.at(-1)?.length === 0);
    watch.abort();
  });

  it('refuses presence updates from anonymous visitors and outsiders', async () => {
    const owner = await createUser();
    const outsider = await createUser();
    const map = await createMapWith(owner, [], { visibility: 'public' });
    await expect(callerFor(null).presence.update({ mapId: map.id, selectedNodeId: null, editingNodeId: null })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const privateMap = await createMapWith(owner);
    await expect(
      callerFor(outsider).presence.update({ mapId: privateMap.id, selectedNodeId: null, editingNodeId: null }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
