/**
 * The hot writes take few round trips (issue 17) and keep every guarantee of the general write path:
 * the event in the log with the next seq, the NOTIFY, at most once per client mutation id, conflicts
 * and deleted claims told apart, locked maps refused.
 */
import { describe, expect, inject, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { pendingSessionOfRequest } from '@/server/auth/request-session';
import { createPrismaClient } from '@/server/db';
import { endSession } from '@/server/domain/users/sessions';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sessionCookieFor } from './http-harness';

/** A caller as the HTTP endpoint makes one for a mutation: the session cookie decoded, its row not yet read. */
async function withCookieCaller<T>(cookie: string, run: (caller: ReturnType<typeof createCaller>, queries: () => number) => Promise<T>) {
  let queries = 0;
  const counting = createPrismaClient(inject('databaseUrl'), { onQuery: () => (queries += 1) });
  try {
    const pendingSession = await pendingSessionOfRequest(counting, new Request('http://localhost/', { headers: { cookie } }));
    expect(pendingSession).not.toBeNull();
    return await run(
      createCaller({ db: counting, actor: null, sessionId: null, ip: 'test', pendingSession: pendingSession! }),
      () => queries,
    );
  } finally {
    await counting.$disconnect();
  }
}

async function withCountingDb<T>(
  run: (caller: ReturnType<typeof createCaller>, queries: () => number) => Promise<T>,
  actor: Parameters<typeof callerFor>[0],
) {
  let queries = 0;
  const counting = createPrismaClient(inject('databaseUrl'), { onQuery: () => (queries += 1) });
  try {
    return await run(createCaller({ db: counting, actor, ip: 'test' }), () => queries);
  } finally {
    await counting.$disconnect();
  }
}

describe('claim.update', () => {
  it('over HTTP, is one statement: the session, role, quota and the write together', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'First text' });
    const { cookie } = await sessionCookieFor(owner);
    const result = await withCookieCaller(cookie, async (caller, queries) => {
      const before = queries();
      const value = await caller.claim.update({ id: claim.id, text: 'Second text', expectedVersion: 1 });
      expect(queries() - before).toBe(1);
      return value;
    });
    expect(result.seq).toBe((await db().map.findUniqueOrThrow({ where: { id: map.id } })).lastSeq);
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).text).toBe('Second text');
  });

  it('over HTTP, refuses an ended session at once, writing nothing and charging no quota', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'First text' });
    const { cookie, sessionId } = await sessionCookieFor(owner);
    // The token is decoded (and its decoding cached) while the session is live, then the session ends.
    await withCookieCaller(cookie, (caller) => caller.claim.update({ id: claim.id, text: 'Live', expectedVersion: 1 }));
    await endSession(db(), sessionId);
    const quotaBefore = await db().$queryRaw<
      { points: number }[]
    >`SELECT "points" FROM "crux_rate_limit" WHERE "key" LIKE ${'%' + owner.id}`;
    await withCookieCaller(cookie, async (caller) => {
      await expect(caller.claim.update({ id: claim.id, text: 'After sign-out', expectedVersion: 2 })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      // Reads by an ended session are anonymous too.
      expect(await caller.user.me()).toBeNull();
    });
    const quotaAfter = await db().$queryRaw<
      { points: number }[]
    >`SELECT "points" FROM "crux_rate_limit" WHERE "key" LIKE ${'%' + owner.id}`;
    expect(quotaAfter).toEqual(quotaBefore);
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).text).toBe('Live');
  });

  it('without a pending session, takes two round trips — access with the write quota, then the write — and appends the event', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'First text' });
    const result = await withCountingDb(async (caller, queries) => {
      const before = queries();
      const value = await caller.claim.update({ id: claim.id, text: 'Second text', expectedVersion: 1, clientMutationId: 'wp-1' });
      // The access query (which also takes the write quota), then the write.
      expect(queries() - before).toBe(2);
      return value;
    }, owner);
    expect(result).toMatchObject({ claim: { id: claim.id, text: 'Second text', version: 2 }, seq: 3 });
    expect(result.claim.updatedAt).toBeInstanceOf(Date);
    const stored = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored).toMatchObject({ text: 'Second text', version: 2 });
    expect(stored.updatedAt.getTime()).toBe(result.claim.updatedAt.getTime());
    const events = await db().mapEvent.findMany({ where: { mapId: map.id }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [1, 'map.created'],
      [2, 'claim.created'],
      [3, 'claim.updated'],
    ]);
    expect(events[2]).toMatchObject({
      actorId: owner.id,
      clientMutationId: 'wp-1',
      payload: { claimId: claim.id, text: 'Second text', version: 2 },
    });
    expect((await db().map.findUniqueOrThrow({ where: { id: map.id } })).lastSeq).toBe(3);

    // A replay returns the first result and writes nothing.
    const replay = await callerFor(owner).claim.update({ id: claim.id, text: 'Second text', expectedVersion: 1, clientMutationId: 'wp-1' });
    expect(replay).toEqual(result);
    expect(await db().mapEvent.count({ where: { mapId: map.id } })).toBe(3);
  });

  it('over HTTP, the one statement writes nothing it refuses: viewers, voters, public passers-by, locked maps, spent quota', async () => {
    const owner = await createUser();
    const [editor, voter, viewer, stranger] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    const members = [
      { actor: editor, role: 'editor' as const },
      { actor: voter, role: 'voter' as const },
      { actor: viewer, role: 'viewer' as const },
    ];
    const map = await createMapWith(owner, members, { visibility: 'public' });
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'Original' });
    const updateAs = async (actor: typeof owner, text: string, expectedVersion: number) => {
      const { cookie } = await sessionCookieFor(actor);
      return withCookieCaller(cookie, (caller) => caller.claim.update({ id: claim.id, text, expectedVersion }));
    };
    const textNow = async () => (await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).text;
    for (const actor of [voter, viewer, stranger]) {
      await expect(updateAs(actor, 'Not allowed', 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await textNow()).toBe('Original');
    await expect(updateAs(editor, 'By the editor', 1)).resolves.toMatchObject({ claim: { version: 2 } });
    // A stale version is still a conflict carrying the current text.
    await expect(updateAs(editor, 'Stale', 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    await expect(updateAs(editor, 'While locked', 2)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('locked') as unknown,
    });
    expect(await textNow()).toBe('By the editor');
    await expect(updateAs(owner, 'The owner may', 2)).resolves.toMatchObject({ claim: { version: 3 } });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: false });
    // A missing claim is answered as a map the caller cannot open.
    const { cookie } = await sessionCookieFor(editor);
    await expect(
      withCookieCaller(cookie, (caller) => caller.claim.update({ id: 'no-such-claim', text: 'x', expectedVersion: 1 })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Spent quota: refused with 429 and nothing written.
    await db().$executeRaw`UPDATE "crux_rate_limit" SET "points" = 1000000000 WHERE "key" LIKE ${'%' + editor.id}`;
    await expect(updateAs(editor, 'Over quota', 3)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(await textNow()).toBe('The owner may');
    expect((await db().map.findUniqueOrThrow({ where: { id: map.id } })).lastSeq).toBe(
      await db().mapEvent.count({ where: { mapId: map.id } }),
    );
  });

  it('still tells a no-op, a stale version, a deleted claim and a locked map apart', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const api = callerFor(editor);
    const { claim } = await api.claim.create({ mapId: map.id, text: 'Same' });
    expect(await api.claim.update({ id: claim.id, text: 'Same', expectedVersion: 1 })).toMatchObject({ seq: null });
    await api.claim.update({ id: claim.id, text: 'Changed', expectedVersion: 1 });
    await expect(api.claim.update({ id: claim.id, text: 'Stale', expectedVersion: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    await expect(api.claim.update({ id: claim.id, text: 'Locked', expectedVersion: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: false });
    await api.claim.delete({ id: claim.id });
    await expect(api.claim.update({ id: claim.id, text: 'Gone', expectedVersion: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).text).toBe('Changed');
  });

  it('racing writers on one map get gapless seqs, each once', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => callerFor(owner).claim.create({ mapId: map.id, text: `Claim ${i}` })),
    );
    await Promise.all(
      claims.map(({ claim }, i) => callerFor(owner).claim.update({ id: claim.id, text: `Edited ${i}`, expectedVersion: 1 })),
    );
    const seqs = (await db().mapEvent.findMany({ where: { mapId: map.id }, select: { seq: true }, orderBy: { seq: 'asc' } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('vote.cast over HTTP', () => {
  it('checks the session in its access query, with the voting rule on that row', async () => {
    const owner = await createUser();
    const [voter, viewer] = await Promise.all([createUser(), createUser()]);
    const map = await createMapWith(owner, [
      { actor: voter, role: 'voter' },
      { actor: viewer, role: 'viewer' },
    ]);
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'Votable' });
    const castAs = async (cookie: string, value: number) =>
      withCookieCaller(cookie, (caller) => caller.vote.cast({ claimId: claim.id, value }));
    const voterSession = await sessionCookieFor(voter);
    await expect(castAs(voterSession.cookie, 3)).resolves.toMatchObject({ myVote: 3 });
    await expect(castAs((await sessionCookieFor(viewer)).cookie, 2)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining("Viewers can't vote") as unknown,
    });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    await expect(castAs(voterSession.cookie, 1)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('locked') as unknown,
    });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: false });
    await endSession(db(), voterSession.sessionId);
    await expect(castAs(voterSession.cookie, 4)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const votes = await db().vote.findMany({ where: { claimId: claim.id }, select: { userId: true, value: true } });
    expect(votes).toEqual([{ userId: voter.id, value: 3 }]);
  });
});
