import { afterAll, describe, expect, it } from 'vitest';
import type { TrackedEnvelope } from '@trpc/server';
import { exportMapFile } from '@/server/domain/exchange/export-map';
import { getMapAccess } from '@/server/access/map-access';
import { getEventHub } from '@/server/sync/event-hub';
import type { MapStreamItem } from '@/shared/events';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sleep, StreamReader, streamingCallerFor } from './realtime-stream';

type Item = TrackedEnvelope<MapStreamItem>;

afterAll(async () => {
  await getEventHub().close();
  delete (globalThis as { cruxEventHub?: unknown }).cruxEventHub;
});

async function setup(options: { isAnonymous?: boolean } = {}) {
  const teacher = await createUser({ displayName: 'Teacher' });
  const ada = await createUser({ displayName: 'Ada' });
  const bo = await createUser({ displayName: 'Bo' });
  const assistant = await createUser({ displayName: 'Assistant' });
  const voter = await createUser({ displayName: 'Vera' });
  const map = await createMapWith(teacher, [
    { actor: ada, role: 'editor' },
    { actor: bo, role: 'editor' },
    { actor: assistant, role: 'editor' },
    { actor: voter, role: 'voter' },
  ]);
  const thesis = (await callerFor(teacher).claim.create({ mapId: map.id, text: 'School should start later' })).claim;
  await callerFor(teacher).map.update({ mapId: map.id, requireApproval: true, isBlindVoting: false, ...options });
  return { teacher, ada, bo, assistant, voter, map, thesis };
}

async function subscribe(actor: Parameters<typeof streamingCallerFor>[0], mapId: string) {
  const controller = new AbortController();
  const iterable = await streamingCallerFor(actor, controller).events.onMapEvent({ mapId });
  return { reader: new StreamReader<Item>(iterable as unknown as AsyncIterable<Item>), stop: () => controller.abort() };
}

const events = (items: Item[]) => items.map(([, data]) => data).filter((data) => data.kind === 'event');

describe('students propose, the teacher approves', () => {
  it('sends the move of a proposal only to its audience, even in a moderator’s whole-map layout', async () => {
    const { teacher, ada, bo, map, thesis } = await setup();
    const { claim } = await callerFor(ada).claim.create({ mapId: map.id, text: 'A proposal', parentId: thesis.id, relation: 'support' });
    await callerFor(teacher).claim.move({
      moves: [
        { id: thesis.id, kind: 'claim', x: 10, y: 20 },
        { id: claim.id, kind: 'claim', x: 30, y: 40 },
      ],
    });
    const movesSeenBy = async (actor: typeof ada) =>
      (await callerFor(actor).events.list({ mapId: map.id, afterSeq: 0 })).events
        .filter((event) => event.type === 'claim.moved')
        .flatMap((event) => (event.payload as { moves: { id: string }[] }).moves.map((move) => move.id));
    expect(await movesSeenBy(bo)).toEqual([thesis.id]);
    expect((await movesSeenBy(ada)).sort()).toEqual([thesis.id, claim.id].sort());
  });

  it('keeps a proposal out of other members’ map.get, search, strength and exports until approved', async () => {
    const { teacher, ada, bo, voter, map, thesis } = await setup();
    await callerFor(voter).vote.cast({ claimId: thesis.id, value: 4 });
    const { claim, link } = await callerFor(ada).claim.create({
      mapId: map.id,
      text: 'Teenagers sleep later',
      parentId: thesis.id,
      relation: 'oppose',
    });
    expect(claim.awaitingApproval).toBe(true);
    // Its author may still edit it; the edit is as private as the proposal.
    await callerFor(ada).claim.update({ id: claim.id, text: 'Teenagers sleep later still', expectedVersion: 1 });
    expect(JSON.stringify((await callerFor(bo).events.list({ mapId: map.id, afterSeq: 0 })).events)).not.toContain('Teenagers');

    const seenBy = async (actor: typeof ada) => (await callerFor(actor).map.get({ mapId: map.id })).claims.map((c) => c.id);
    expect(await seenBy(bo)).toEqual([thesis.id]);
    expect(await seenBy(voter)).toEqual([thesis.id]);
    const mine = await callerFor(ada).map.get({ mapId: map.id });
    expect(mine.claims.find((c) => c.id === claim.id)?.awaitingApproval).toBe(true);
    expect(mine.links.map((l) => l.id)).toEqual([link!.id]);
    expect(await seenBy(teacher)).toEqual([thesis.id, claim.id]);

    // Waiting for approval it counts in nobody's strength, even for those who see it.
    const thesisStrength = async (actor: typeof ada) =>
      (await callerFor(actor).map.get({ mapId: map.id })).claims.find((c) => c.id === thesis.id)!.strength;
    const before = await thesisStrength(bo);
    expect(await thesisStrength(teacher)).toBe(before);

    expect((await callerFor(bo).map.search({ mapId: map.id, query: 'teenagers' })).claims).toEqual([]);
    expect((await callerFor(ada).map.search({ mapId: map.id, query: 'teenagers' })).claims).toHaveLength(1);
    const access = (await getMapAccess(db(), map.id, teacher))!;
    expect((await exportMapFile(db(), { actor: teacher, access }, { format: 'md' })).body).not.toContain('Teenagers');
    await expect(callerFor(voter).vote.cast({ claimId: claim.id, value: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(bo).comment.create({ target: { kind: 'claim', id: claim.id }, text: 'What is this?' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Nobody was nudged about an argument that is not one yet.
    expect(await db().notification.count({ where: { userId: voter.id, kind: 'rerate' } })).toBe(0);

    const queue = await callerFor(teacher).moderation.queue({ mapId: map.id });
    expect(queue.items).toMatchObject([{ kind: 'claim', id: claim.id, authorName: 'Ada', parent: { id: thesis.id, relation: 'oppose' } }]);
    await callerFor(teacher).moderation.decide({ kind: 'claim', id: claim.id, decision: 'approve' });

    expect(await seenBy(bo)).toEqual([thesis.id, claim.id]);
    // Published, it is an argument: votes on it now move the thesis.
    await callerFor(voter).vote.cast({ claimId: claim.id, value: 4 });
    expect(await thesisStrength(bo)).toBeLessThan(before);
    expect((await callerFor(bo).map.search({ mapId: map.id, query: 'teenagers' })).claims).toHaveLength(1);
    expect((await exportMapFile(db(), { actor: teacher, access }, { format: 'md' })).body).toContain('Teenagers');
    const notes = await db().notification.findMany({ where: { userId: ada.id, kind: 'decision' } });
    expect(notes.map((note) => note.text)).toEqual(['Your claim “Teenagers sleep later still” was approved: everyone can see it now.']);
    expect(await db().notification.count({ where: { userId: voter.id, kind: 'rerate' } })).toBe(1);
    await expect(callerFor(teacher).moderation.decide({ kind: 'claim', id: claim.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('streams a proposal only to its author and the moderators, and publishes it to everyone live on approval', async () => {
    const { teacher, ada, bo, map, thesis } = await setup();
    const streams = { ada: await subscribe(ada, map.id), bo: await subscribe(bo, map.id), teacher: await subscribe(teacher, map.id) };
    await sleep(150);
    const { claim } = await callerFor(ada).claim.create({
      mapId: map.id,
      text: 'Buses run early',
      parentId: thesis.id,
      relation: 'oppose',
    });
    for (const who of ['ada', 'teacher'] as const) {
      await streams[who].reader.waitFor((items) => events(items).some((e) => e.type === 'claim.created'));
    }
    await streams.bo.reader.waitFor((items) => events(items).length >= 1);
    expect(events(streams.bo.reader.items).map((e) => e.type)).toEqual(['event.withheld']);
    expect(JSON.stringify(streams.bo.reader.items)).not.toContain('Buses run early');

    await callerFor(teacher).moderation.decide({ kind: 'claim', id: claim.id, decision: 'approve' });
    const boItems = await streams.bo.reader.waitFor((items) => events(items).some((e) => e.type === 'moderation.approved'));
    const approved = events(boItems).find((e) => e.type === 'moderation.approved');
    expect(approved).toMatchObject({ payload: { claims: [{ id: claim.id, text: 'Buses run early' }], links: [{ toClaimId: thesis.id }] } });
    // The same seqs for everyone: the placeholder keeps Bo's stream gapless.
    const seqs = (items: Item[]) => events(items).map((e) => e.seq);
    await streams.ada.reader.waitFor((items) => events(items).length >= 2);
    expect(seqs(boItems)).toEqual(seqs(streams.ada.reader.items));
    Object.values(streams).forEach((stream) => stream.stop());

    // events.list gives others the same placeholder.
    const page = await callerFor(bo).events.list({ mapId: map.id, afterSeq: 0 });
    expect(page.events.map((e) => e.type)).toContain('event.withheld');
    expect(JSON.stringify(page.events.filter((e) => e.type !== 'moderation.approved'))).not.toContain('Buses run early');
  });

  it('rejects with a reason the author sees, edits and approves, and bulk approves', async () => {
    const { teacher, ada, bo, map, thesis } = await setup();
    const off = (await callerFor(ada).claim.create({ mapId: map.id, text: 'Pizza is great', parentId: thesis.id, relation: 'support' }))
      .claim;
    await callerFor(teacher).moderation.decide({ kind: 'claim', id: off.id, decision: 'reject', reason: 'Off topic' });
    expect((await callerFor(ada).map.get({ mapId: map.id })).claims.map((c) => c.id)).toEqual([thesis.id]);
    const note = await db().notification.findFirstOrThrow({ where: { userId: ada.id, kind: 'decision' } });
    expect(note.text).toBe('Your claim “Pizza is great” was not approved. Reason: Off topic');
    const rejected = (await callerFor(ada).events.list({ mapId: map.id, afterSeq: 0 })).events.find(
      (e) => e.type === 'moderation.rejected',
    );
    expect(rejected).toMatchObject({ payload: { reason: 'Off topic', claimIds: [off.id] } });
    expect((await callerFor(bo).events.list({ mapId: map.id, afterSeq: 0 })).events.some((e) => e.type === 'moderation.rejected')).toBe(
      false,
    );

    const typo = (await callerFor(ada).claim.create({ mapId: map.id, text: 'Slep matters', parentId: thesis.id, relation: 'support' }))
      .claim;
    await callerFor(teacher).moderation.decide({ kind: 'claim', id: typo.id, decision: 'approve', text: 'Sleep matters' });
    const view = await callerFor(bo).map.get({ mapId: map.id });
    expect(view.claims.find((c) => c.id === typo.id)).toMatchObject({ text: 'Sleep matters', version: 2 });

    const one = (await callerFor(ada).claim.create({ mapId: map.id, text: 'One' })).claim;
    const two = (await callerFor(bo).claim.create({ mapId: map.id, text: 'Two' })).claim;
    const source = (await callerFor(teacher).source.create({ mapId: map.id, title: 'Study', text: 'Sleep improves grades a lot.' })).source;
    const passage = (
      await callerFor(bo).evidence.create({ sourceId: source.id, start: 0, end: 21, claimId: thesis.id, relation: 'support' })
    ).evidence;
    await callerFor(bo).evidence.update({ id: passage.id, note: 'My private note' });
    expect(JSON.stringify((await callerFor(ada).events.list({ mapId: map.id, afterSeq: 0 })).events)).not.toContain('My private note');
    const loose = (await callerFor(teacher).claim.create({ mapId: map.id, text: 'Start times are set by districts' })).claim;
    const link = (await callerFor(bo).link.create({ fromClaimId: loose.id, toClaimId: thesis.id, relation: 'oppose' })).link;
    expect((await callerFor(ada).map.get({ mapId: map.id })).links.map((l) => l.id)).not.toContain(link.id);
    const queue = await callerFor(teacher).moderation.queue({ mapId: map.id });
    expect(queue.items.map((item) => item.kind).sort()).toEqual(['claim', 'claim', 'evidence', 'link']);
    await callerFor(teacher).moderation.approveMany({ mapId: map.id, items: queue.items.map(({ kind, id }) => ({ kind, id })) });
    const after = await callerFor(ada).map.get({ mapId: map.id });
    expect(after.claims.map((c) => c.id)).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(after.evidence.map((e) => e.id)).toEqual([passage.id]);
    expect(after.links.map((l) => l.id)).toContain(link.id);
    expect((await callerFor(teacher).moderation.queue({ mapId: map.id })).items).toEqual([]);
  });

  it('lets the owner make an editor a moderator, whose claims need no approval and who reviews the queue', async () => {
    const { teacher, ada, assistant, voter, map } = await setup({ isAnonymous: true });
    await expect(callerFor(assistant).moderation.queue({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const members = await callerFor(teacher).member.list({ mapId: map.id });
    const memberId = (name: string) => members.members.find((m) => m.displayName === name)!.memberId;
    await expect(callerFor(teacher).member.setModerator({ memberId: memberId('Vera'), isModerator: true })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await callerFor(teacher).member.setModerator({ memberId: memberId('Assistant'), isModerator: true });
    expect((await callerFor(teacher).member.list({ mapId: map.id })).members.find((m) => m.displayName === 'Assistant')?.isModerator).toBe(
      true,
    );

    const own = (await callerFor(assistant).claim.create({ mapId: map.id, text: 'A moderator’s claim' })).claim;
    expect(own.awaitingApproval).toBeUndefined();
    expect((await callerFor(voter).map.get({ mapId: map.id })).claims.map((c) => c.id)).toContain(own.id);

    const proposal = (await callerFor(ada).claim.create({ mapId: map.id, text: 'A student’s claim' })).claim;
    const queue = await callerFor(assistant).moderation.queue({ mapId: map.id });
    // Anonymous mode: a moderator who is not the owner does not learn who proposed it.
    expect(queue.items).toMatchObject([{ id: proposal.id, authorName: null, authorId: null }]);
    expect((await callerFor(teacher).moderation.queue({ mapId: map.id })).items[0]?.authorName).toBe('Ada');

    // A locked map: only the owner decides.
    await callerFor(teacher).map.update({ mapId: map.id, isLocked: true });
    await expect(callerFor(assistant).moderation.decide({ kind: 'claim', id: proposal.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await callerFor(teacher).moderation.decide({ kind: 'claim', id: proposal.id, decision: 'approve' });
    expect((await callerFor(voter).map.get({ mapId: map.id })).claims.map((c) => c.id)).toContain(proposal.id);
  });

  it('shows a snapshot’s proposals only to their author and the moderators', async () => {
    const { teacher, ada, bo, map } = await setup();
    const proposal = (await callerFor(ada).claim.create({ mapId: map.id, text: 'Proposed before the snapshot' })).claim;
    const { snapshot } = await callerFor(teacher).snapshot.create({ mapId: map.id, name: 'Lesson 1' });
    const idsFor = async (actor: typeof ada) => (await callerFor(actor).snapshot.get({ id: snapshot.id })).view.claims.map((c) => c.id);
    expect(await idsFor(bo)).not.toContain(proposal.id);
    expect(await idsFor(ada)).toContain(proposal.id);
    expect(await idsFor(teacher)).toContain(proposal.id);
  });
});
