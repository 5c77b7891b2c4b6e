import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/server/access/actor';
import type { VoteChangedPayload } from '@/shared/schemas/vote';
import { callerFor, createMapWith, createUser, db } from './helpers';

async function setup(options: { visibility?: 'private' | 'link' | 'public' } = {}) {
  const owner = await createUser({ displayName: 'Owner' });
  const editor = await createUser();
  const voter = await createUser();
  const voter2 = await createUser();
  const viewer = await createUser();
  const map = await createMapWith(
    owner,
    [
      { actor: editor, role: 'editor' },
      { actor: voter, role: 'voter' },
      { actor: voter2, role: 'voter' },
      { actor: viewer, role: 'viewer' },
    ],
    options,
  );
  const thesis = (await callerFor(owner).claim.create({ mapId: map.id, text: 'Homework should be abolished' })).claim;
  const pro = (
    await callerFor(owner).claim.create({ mapId: map.id, text: 'It widens inequality', parentId: thesis.id, relation: 'support' })
  ).claim;
  const con = (
    await callerFor(owner).claim.create({ mapId: map.id, text: 'Practice builds mastery', parentId: thesis.id, relation: 'oppose' })
  ).claim;
  return { owner, editor, voter, voter2, viewer, map, thesis, pro, con };
}

/** An evidence passage on the map (the evidence API belongs to another issue, so rows are inserted directly). */
async function addEvidence(mapId: string, toClaimId: string) {
  const text = 'Studies found that homework beyond two hours a night brings no gain.';
  const source = await db().source.create({
    data: {
      mapId,
      title: 'A study',
      text,
      contentHash: crypto
        .createHash('sha256')
        .update(text + mapId)
        .digest('hex'),
    },
  });
  const exact = 'brings no gain';
  const start = text.indexOf(exact);
  const evidence = await db().evidence.create({
    data: { mapId, sourceId: source.id, exact, prefix: 'night ', suffix: '.', start, end: start + exact.length },
  });
  await db().link.create({ data: { mapId, fromEvidenceId: evidence.id, toClaimId, relation: 'support' } });
  return evidence;
}

async function voteEvents(mapId: string) {
  const events = await db().mapEvent.findMany({ where: { mapId, type: 'vote.changed' }, orderBy: { seq: 'asc' } });
  return events.map((event) => ({ ...event, payload: event.payload as unknown as VoteChangedPayload }));
}

const claimOf = async (actor: Actor | null, mapId: string, claimId: string) => {
  const view = await callerFor(actor).map.get({ mapId });
  const claim = view.claims.find((item) => item.id === claimId);
  if (!claim) throw new Error(`claim ${claimId} missing from map.get`);
  return claim;
};

describe('votes', () => {
  it('casts, changes and retracts a vote; each change is one row and one vote.changed event', async () => {
    const { voter, map, thesis } = await setup();
    const api = callerFor(voter);

    const cast = await api.vote.cast({ claimId: thesis.id, value: 3, clientMutationId: 'v-1' });
    expect(cast).toMatchObject({ targetKind: 'claim', targetId: thesis.id, myVote: 3 });
    expect(cast.votes).toEqual({ count: 1, mean: 3, histogram: [0, 0, 0, 1, 0] });
    expect(cast.seq).toBeGreaterThan(0);

    const changed = await api.vote.cast({ claimId: thesis.id, value: 1 });
    expect(changed.votes).toEqual({ count: 1, mean: 1, histogram: [0, 1, 0, 0, 0] });
    expect(await db().vote.findMany({ where: { claimId: thesis.id }, select: { userId: true, value: true, mapId: true } })).toEqual([
      { userId: voter.id, value: 1, mapId: map.id },
    ]);
    expect((await claimOf(voter, map.id, thesis.id)).myVote).toBe(1);

    const retracted = await api.vote.retract({ claimId: thesis.id });
    expect(retracted.myVote).toBeNull();
    // Blind voting is on and the voter no longer has a vote here: the summary is hidden again.
    expect(retracted.votes).toBeNull();
    expect(await db().vote.count({ where: { claimId: thesis.id } })).toBe(0);

    // Retracting again is a no-op without an event.
    const again = await api.vote.retract({ claimId: thesis.id });
    expect(again.seq).toBe(0);

    const events = await voteEvents(map.id);
    expect(events.map((event) => event.payload.value)).toEqual([3, 1, null]);
    expect(events[0]).toMatchObject({ actorId: voter.id, clientMutationId: 'v-1' });
    // The shape the real-time layer redacts per reader: exactly these keys.
    for (const event of events) {
      expect(Object.keys(event.payload).sort()).toEqual(['summary', 'targetId', 'targetKind', 'value', 'voterId']);
      expect(event.payload).toMatchObject({ targetKind: 'claim', targetId: thesis.id, voterId: voter.id });
    }
    expect(events[0]!.payload.summary).toEqual({ count: 1, mean: 3, histogram: [0, 0, 0, 1, 0] });
    expect(events[2]!.payload.summary).toEqual({ count: 0, mean: null, histogram: [0, 0, 0, 0, 0] });
    expect(events.at(-1)!.seq).toBe(retracted.seq);
  });

  it('votes on evidence passages too', async () => {
    const { voter, voter2, map, thesis } = await setup();
    const evidence = await addEvidence(map.id, thesis.id);
    await callerFor(voter).vote.cast({ evidenceId: evidence.id, value: 4 });
    const result = await callerFor(voter2).vote.cast({ evidenceId: evidence.id, value: 2 });
    expect(result).toMatchObject({ targetKind: 'evidence', targetId: evidence.id, votes: { count: 2, mean: 3 } });
    const view = await callerFor(voter).map.get({ mapId: map.id });
    expect(view.evidence[0]).toMatchObject({ id: evidence.id, myVote: 4, votes: { count: 2, mean: 3, histogram: [0, 0, 1, 0, 1] } });
    const events = await voteEvents(map.id);
    expect(events.at(-1)!.payload).toMatchObject({ targetKind: 'evidence', targetId: evidence.id, voterId: voter2.id, value: 2 });
  });

  it('keeps exactly one row under 20 concurrent casts by one user', async () => {
    const { voter, map, thesis } = await setup();
    const api = callerFor(voter);
    const values = Array.from({ length: 20 }, (_, i) => i % 5);
    const results = await Promise.all(values.map((value) => api.vote.cast({ claimId: thesis.id, value })));
    const rows = await db().vote.findMany({ where: { claimId: thesis.id } });
    expect(rows).toHaveLength(1);
    expect(values).toContain(rows[0]!.value);
    for (const result of results) expect(result.votes?.count).toBe(1);
    const events = await voteEvents(map.id);
    expect(events).toHaveLength(20);
    // The map lock orders the writes: the last event carries the value that stuck.
    expect(events.at(-1)!.payload.value).toBe(rows[0]!.value);
    expect(events.every((event) => event.payload.summary.count === 1)).toBe(true);
  });

  it('refuses viewers (saying why), outsiders, anonymous callers, bad values, and voters on a locked map', async () => {
    const { owner, voter, viewer, map, thesis } = await setup({ visibility: 'public' });
    const outsider = await createUser();
    const viewerAttempt = callerFor(viewer).vote.cast({ claimId: thesis.id, value: 2 });
    await expect(viewerAttempt).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(viewer).vote.cast({ claimId: thesis.id, value: 2 })).rejects.toThrow("Viewers can't vote");
    await expect(callerFor(viewer).vote.retract({ claimId: thesis.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A public map makes an outsider a viewer; on a private map they do not even learn it exists.
    await expect(callerFor(outsider).vote.cast({ claimId: thesis.id, value: 2 })).rejects.toThrow("Viewers can't vote");
    await expect(callerFor(null).vote.cast({ claimId: thesis.id, value: 2 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await expect(callerFor(voter).vote.cast({ claimId: thesis.id, value: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(callerFor(voter).vote.cast({ claimId: thesis.id, value: 1.5 })).rejects.toThrow('whole number');
    await expect(callerFor(voter).vote.cast({ value: 1 })).rejects.toThrow('exactly one claim or one evidence passage');
    await expect(callerFor(voter).vote.cast({ claimId: 'nope', value: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    await expect(callerFor(voter).vote.cast({ claimId: thesis.id, value: 2 })).rejects.toThrow('locked');
    await expect(callerFor(owner).vote.cast({ claimId: thesis.id, value: 2 })).resolves.toMatchObject({ myVote: 2 });
    expect(await db().vote.count({ where: { claimId: thesis.id } })).toBe(1);
  });

  it('hides a private map from outsiders as not found', async () => {
    const { thesis } = await setup();
    const outsider = await createUser();
    await expect(callerFor(outsider).vote.cast({ claimId: thesis.id, value: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(outsider).vote.retract({ claimId: thesis.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(outsider).map.revealResults({ mapId: thesis.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a vote on a deleted claim', async () => {
    const { editor, voter, pro } = await setup();
    await callerFor(editor).claim.delete({ id: pro.id });
    await expect(callerFor(voter).vote.cast({ claimId: pro.id, value: 2 })).rejects.toThrow('deleted');
  });
});

describe('blind voting', () => {
  it('hides aggregates from a member until they vote; the owner always sees them', async () => {
    const { owner, voter, voter2, viewer, map, thesis } = await setup();
    await callerFor(voter).vote.cast({ claimId: thesis.id, value: 4 });

    const hidden = await claimOf(voter2, map.id, thesis.id);
    expect(hidden.votes).toBeNull();
    expect(hidden.myVote).toBeNull();
    // Strength must not leak the hidden votes: base 0.5 as if nobody had voted (its supporter and
    // opposer cancel out), while the owner's view uses the real base 1.
    expect(hidden.strength).toBe(0.5);
    expect((await claimOf(viewer, map.id, thesis.id)).votes).toBeNull();
    const ownerView = await claimOf(owner, map.id, thesis.id);
    expect(ownerView.votes).toEqual({ count: 1, mean: 4, histogram: [0, 0, 0, 0, 1] });
    expect(ownerView.strength).toBe(1);

    const mine = await callerFor(voter2).vote.cast({ claimId: thesis.id, value: 2 });
    expect(mine.votes).toEqual({ count: 2, mean: 3, histogram: [0, 0, 1, 0, 1] });
    expect((await claimOf(voter2, map.id, thesis.id)).votes).toEqual({ count: 2, mean: 3, histogram: [0, 0, 1, 0, 1] });
    expect((await claimOf(viewer, map.id, thesis.id)).votes).toBeNull();
  });

  it('shows everything once the owner reveals results (only the owner may), with a results.revealed event', async () => {
    const { owner, editor, voter, viewer, map, thesis, con } = await setup({ visibility: 'public' });
    await callerFor(voter).vote.cast({ claimId: thesis.id, value: 1 });
    await callerFor(voter).vote.cast({ claimId: con.id, value: 3 });
    expect((await claimOf(null, map.id, thesis.id)).votes).toBeNull();

    await expect(callerFor(editor).map.revealResults({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(voter).map.revealResults({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const revealed = await callerFor(owner).map.revealResults({ mapId: map.id });
    expect(revealed).toMatchObject({ resultsRevealed: true });
    expect(revealed.seq).toBeGreaterThan(0);
    const again = await callerFor(owner).map.revealResults({ mapId: map.id });
    expect(again.seq).toBe(0);

    for (const actor of [viewer, editor, null]) {
      const view = await callerFor(actor).map.get({ mapId: map.id });
      expect(view.map.resultsRevealed).toBe(true);
      expect(view.claims.find((claim) => claim.id === thesis.id)?.votes).toEqual({ count: 1, mean: 1, histogram: [0, 1, 0, 0, 0] });
      expect(view.claims.find((claim) => claim.id === con.id)?.votes?.count).toBe(1);
    }
    const events = await db().mapEvent.findMany({ where: { mapId: map.id, type: 'results.revealed' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: owner.id, payload: { resultsRevealed: true }, seq: revealed.seq });
  });

  it('with blind voting off, everyone who can see the map sees the aggregates', async () => {
    const { owner, voter, viewer, map, thesis } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isBlindVoting: false });
    await callerFor(voter).vote.cast({ claimId: thesis.id, value: 2 });
    expect((await claimOf(viewer, map.id, thesis.id)).votes).toMatchObject({ count: 1, mean: 2 });
  });
});

describe('computed strength in map.get', () => {
  it('returns a strength for every claim and passage, and strong votes on an opposer lower the thesis', async () => {
    const { owner, voter, voter2, map, thesis, pro, con } = await setup();
    const evidence = await addEvidence(map.id, pro.id);
    let view = await callerFor(owner).map.get({ mapId: map.id });
    expect(view.strengthMeta).toEqual({ converged: true, hasCycles: false });
    // No votes anywhere: everything is unrated, keeps its base 0.5 and moves nothing.
    const strength = (id: string) => [...view.claims, ...view.evidence].find((node) => node.id === id)?.strength;
    expect(strength(evidence.id)).toBe(0.5);
    expect(strength(pro.id)).toBe(0.5);
    expect(strength(con.id)).toBe(0.5);
    expect(strength(thesis.id)).toBe(0.5);

    await callerFor(voter).vote.cast({ claimId: con.id, value: 4 });
    await callerFor(voter2).vote.cast({ claimId: con.id, value: 4 });
    view = await callerFor(owner).map.get({ mapId: map.id });
    // con is now 1 and counts; pro (and its passage) are still unrated: 0.5 − 0.5·1 = 0.
    expect(strength(con.id)).toBe(1);
    expect(strength(thesis.id)).toBeCloseTo(0, 12);

    // A member who has not voted on con sees no votes anywhere (blind voting), so nothing is rated for them.
    const editorView = await callerFor(await addMember(map.id, 'voter')).map.get({ mapId: map.id });
    expect(editorView.claims.find((claim) => claim.id === thesis.id)?.strength).toBe(0.5);
  });

  it('reports cycles', async () => {
    const { owner, voter, map, thesis, pro } = await setup();
    await callerFor(owner).link.create({ fromClaimId: thesis.id, toClaimId: pro.id, relation: 'oppose' });
    // A cycle of unrated claims counts for nothing; one vote on it makes it count.
    await callerFor(voter).vote.cast({ claimId: pro.id, value: 3 });
    const view = await callerFor(owner).map.get({ mapId: map.id });
    expect(view.strengthMeta).toEqual({ converged: true, hasCycles: true });
    for (const claim of view.claims) expect(claim.strength).toBeGreaterThanOrEqual(0);
  });
});

async function addMember(mapId: string, role: 'voter' | 'viewer' | 'editor') {
  const actor = await createUser();
  await db().mapMember.create({ data: { mapId, userId: actor.id, role } });
  return actor;
}

describe('votes survive restructuring', () => {
  it('keeps every vote through relinking, a relation change, moves, and delete/restore', async () => {
    const { owner, editor, voter, voter2, map, thesis, pro, con } = await setup();
    await callerFor(voter).vote.cast({ claimId: pro.id, value: 4 });
    await callerFor(voter2).vote.cast({ claimId: pro.id, value: 3 });
    const expected = { count: 2, mean: 3.5, histogram: [0, 0, 0, 1, 1] };
    const api = callerFor(editor);
    const before = await callerFor(owner).map.get({ mapId: map.id });
    const proLink = before.links.find((link) => link.fromClaimId === pro.id)!;

    // Relink: pro moves from under the thesis to under con.
    await api.link.delete({ id: proLink.id });
    const relinked = await api.link.create({ fromClaimId: pro.id, toClaimId: con.id, relation: 'support' });
    expect((await claimOf(owner, map.id, pro.id)).votes).toEqual(expected);

    // Relation change: it now opposes con.
    await api.link.update({ id: relinked.link.id, relation: 'oppose' });
    let view = await callerFor(owner).map.get({ mapId: map.id });
    expect(view.claims.find((claim) => claim.id === pro.id)?.votes).toEqual(expected);
    // con (0.5) attacked by pro (0.875) → 0.5 − 0.5·0.875 = 0.0625.
    expect(view.claims.find((claim) => claim.id === con.id)?.strength).toBeCloseTo(0.0625, 12);

    // Moves.
    await api.claim.move({ id: pro.id, x: 400, y: -120 });
    await api.claim.move({
      moves: [
        { id: pro.id, kind: 'claim', x: 10, y: 10 },
        { id: thesis.id, kind: 'claim', x: 0, y: 0 },
      ],
    });
    expect((await claimOf(voter, map.id, pro.id)).votes).toEqual(expected);
    expect((await claimOf(voter, map.id, pro.id)).myVote).toBe(4);

    // Soft delete keeps the votes stored; restoring brings them back.
    await api.claim.delete({ id: pro.id });
    expect(await db().vote.count({ where: { claimId: pro.id } })).toBe(2);
    await api.claim.restore({ id: pro.id });
    view = await callerFor(owner).map.get({ mapId: map.id });
    expect(view.claims.find((claim) => claim.id === pro.id)?.votes).toEqual(expected);
  });
});

describe('vote rate limit', () => {
  it('allows 60 votes a minute per user, then refuses with the wait in the message; counters live in Postgres', async () => {
    const { voter, voter2, thesis, pro, con } = await setup();
    const targets = [thesis.id, pro.id, con.id];
    const api = callerFor(voter);
    for (let i = 0; i < 60; i++) await api.vote.cast({ claimId: targets[i % 3]!, value: i % 5 });
    const refused = api.vote.cast({ claimId: thesis.id, value: 4 });
    await expect(refused).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const error = await api.vote.retract({ claimId: thesis.id }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', cause: { details: { limit: 60 } } });
    const message = (error as Error).message;
    expect(message).toMatch(/^You are voting too fast: at most 60 votes a minute\. Try again in \d+ seconds?\.$/);
    const retryAfter = (error as { cause: { details: { retryAfterSeconds: number } } }).cause.details.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(message).toContain(`Try again in ${retryAfter} second`);

    // Another user is unaffected.
    await expect(callerFor(voter2).vote.cast({ claimId: thesis.id, value: 1 })).resolves.toMatchObject({ myVote: 1 });
    const rows = await db().$queryRaw<
      { key: string; points: number }[]
    >`SELECT "key", "points" FROM "crux_rate_limit" WHERE "key" = ${`votes:user:${voter.id}`}`;
    expect(rows[0]?.points).toBeGreaterThanOrEqual(61);
  });
});
