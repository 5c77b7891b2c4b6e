import { describe, expect, it } from 'vitest';
import type { MapStreamItem } from '@/shared/events';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { StreamReader, streamingCallerFor } from './realtime-stream';

async function setup() {
  const owner = await createUser({ displayName: 'Teacher' });
  const editor = await createUser({ displayName: 'Eda' });
  const voter = await createUser({ displayName: 'Stu Dent' });
  const voter2 = await createUser({ displayName: 'Vera' });
  const viewer = await createUser({ displayName: 'Vic' });
  const map = await createMapWith(owner, [
    { actor: editor, role: 'editor' },
    { actor: voter, role: 'voter' },
    { actor: voter2, role: 'voter' },
    { actor: viewer, role: 'viewer' },
  ]);
  const claim = (await callerFor(owner).claim.create({ mapId: map.id, text: 'Homework should be abolished' })).claim;
  return { owner, editor, voter, voter2, viewer, map, claim };
}

const onClaim = (id: string) => ({ kind: 'claim' as const, id });

describe('comments', () => {
  it('lets voters comment and reply one level deep, viewers read, and counts comments on the node in map.get', async () => {
    const { owner, voter, voter2, viewer, map, claim } = await setup();
    const first = await callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'What does abolished mean here?' });
    const reply = await callerFor(voter2).comment.create({
      target: onClaim(claim.id),
      text: 'No homework at all.',
      parentId: first.comment.id,
    });
    await expect(
      callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'Too deep', parentId: reply.comment.id }),
    ).rejects.toThrow(/one level deep/);
    await expect(callerFor(viewer).comment.create({ target: onClaim(claim.id), text: 'Me too' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const thread = await callerFor(viewer).comment.list({ target: onClaim(claim.id) });
    expect(thread.comments.map((comment) => [comment.text, comment.parentId, comment.authorName])).toEqual([
      ['What does abolished mean here?', null, 'Stu Dent'],
      ['No homework at all.', first.comment.id, 'Vera'],
    ]);
    expect(thread.blockReason).toMatch(/voter/);
    const view = await callerFor(owner).map.get({ mapId: map.id });
    expect(view.commentCounts?.[claim.id]).toBe(2);
  });

  it('appends typed comment events, and the thread author is notified of a reply and mentioned members of the mention', async () => {
    const { owner, voter, voter2, map, claim } = await setup();
    const first = await callerFor(voter).comment.create({
      target: onClaim(claim.id),
      text: '@Teacher is this fair?',
      mentionUserIds: [owner.id, 'not-a-member'],
    });
    await callerFor(voter2).comment.create({ target: onClaim(claim.id), text: 'I think so.', parentId: first.comment.id });
    const events = await db().mapEvent.findMany({ where: { mapId: map.id, type: { startsWith: 'comment.' } }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['comment.created', 'comment.created']);
    expect(events[0]!.payload).toMatchObject({ comment: { text: '@Teacher is this fair?', mentionedUserIds: [owner.id] } });

    const ownerNotes = await db().notification.findMany({ where: { userId: owner.id } });
    expect(ownerNotes.map((note) => [note.kind, note.text])).toEqual([
      ['mention', 'Stu Dent mentioned you on the claim “Homework should be abolished”'],
    ]);
    const voterNotes = await db().notification.findMany({ where: { userId: voter.id } });
    expect(voterNotes.map((note) => note.kind)).toEqual(['reply']);
  });

  it('lets the author edit and delete, an editor resolve, and the owner hide — shown as hidden by the owner', async () => {
    const { owner, editor, voter, voter2, map, claim } = await setup();
    const mine = await callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'First thought' });
    await expect(callerFor(voter2).comment.update({ id: mine.comment.id, text: 'Hijacked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(voter).comment.update({ id: mine.comment.id, text: 'Second thought' });
    await expect(callerFor(voter2).comment.resolve({ id: mine.comment.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(editor).comment.resolve({ id: mine.comment.id });
    const rude = await callerFor(voter2).comment.create({ target: onClaim(claim.id), text: 'Something rude' });
    await expect(callerFor(editor).comment.hide({ id: rude.comment.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(owner).comment.hide({ id: rude.comment.id });

    const seen = await callerFor(voter).comment.list({ target: onClaim(claim.id) });
    expect(seen.comments.map((comment) => [comment.text, comment.isResolved, comment.isHidden])).toEqual([
      ['Second thought', true, false],
      [null, false, true],
    ]);
    const ownerSees = await callerFor(owner).comment.list({ target: onClaim(claim.id) });
    expect(ownerSees.comments[1]).toMatchObject({ text: 'Something rude', isHidden: true });
    expect((await callerFor(owner).map.get({ mapId: map.id })).commentCounts?.[claim.id]).toBe(1);

    await callerFor(voter).comment.delete({ id: mine.comment.id });
    expect((await callerFor(voter).comment.list({ target: onClaim(claim.id) })).comments.map((comment) => comment.id)).toEqual([
      rude.comment.id,
    ]);
    const types = await db().mapEvent.findMany({ where: { mapId: map.id, type: { startsWith: 'comment.' } }, orderBy: { seq: 'asc' } });
    expect(types.map((event) => event.type)).toEqual([
      'comment.created',
      'comment.updated',
      'comment.resolved',
      'comment.created',
      'comment.hidden',
      'comment.deleted',
    ]);
  });

  it('keeps a hidden comment’s text out of events.list and the stream for everyone but the owner', async () => {
    const { owner, voter, voter2, map, claim } = await setup();
    const rude = await callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'Something rude' });
    await callerFor(voter).comment.update({ id: rude.comment.id, text: 'Something ruder' });
    await callerFor(owner).comment.hide({ id: rude.comment.id });

    const textsFor = async (actor: typeof owner) => {
      const page = await callerFor(actor).events.list({ mapId: map.id, afterSeq: 0 });
      return page.events.flatMap((event) =>
        event.type === 'comment.created'
          ? [[event.payload.comment.text, event.payload.comment.isHidden ?? false]]
          : event.type === 'comment.updated'
            ? [[event.payload.text, event.payload.isHidden ?? false]]
            : [],
      );
    };
    expect(await textsFor(owner)).toEqual([
      ['Something rude', false],
      ['Something ruder', false],
    ]);
    // Even its author reads the hidden form once the owner hid it.
    for (const actor of [voter, voter2]) {
      expect(await textsFor(actor)).toEqual([
        ['', true],
        ['', true],
      ]);
    }

    // A stream replaying the backlog gives the same hidden form.
    const controller = new AbortController();
    const stream = await streamingCallerFor(voter2, controller).events.onMapEvent({ mapId: map.id, lastEventId: '0' });
    const reader = new StreamReader(stream as unknown as AsyncIterable<[string, MapStreamItem]>);
    const items = await reader.waitFor((got) => got.some(([, item]) => item.kind === 'event' && item.type === 'comment.hidden'));
    controller.abort();
    const created = items.map(([, item]) => item).find((item) => item.kind === 'event' && item.type === 'comment.created');
    expect(created).toMatchObject({ payload: { comment: { text: '', isHidden: true } } });
    expect(JSON.stringify(items)).not.toContain('rude');
  });

  it('lets the owner restrict commenting to editors', async () => {
    const { owner, editor, voter, claim, map } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isCommentingRestricted: true });
    await expect(callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'Hello' })).rejects.toThrow(/only editors/);
    await callerFor(editor).comment.create({ target: onClaim(claim.id), text: 'Hello' });
    expect((await callerFor(voter).comment.list({ target: onClaim(claim.id) })).blockReason).toMatch(/only editors/);
  });

  it('refuses comments on a locked map except from the owner', async () => {
    const { owner, voter, map } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    const onMap = { kind: 'map' as const, id: map.id };
    await expect(callerFor(voter).comment.create({ target: onMap, text: 'Can I?' })).rejects.toThrow(/locked/);
    await callerFor(owner).comment.create({ target: onMap, text: 'Yes, the owner can.' });
    expect((await callerFor(voter).comment.list({ target: onMap })).blockReason).toMatch(/locked/);
  });

  it('shows pseudonyms on an anonymous map to everyone but the owner, in the list and in the stream of events', async () => {
    const { owner, voter, voter2, map, claim } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });
    await callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'Anonymous thought' });
    const seenByPeer = await callerFor(voter2).comment.list({ target: onClaim(claim.id) });
    expect(seenByPeer.comments[0]!.authorName).toMatch(/^Participant \d+$/);
    expect(seenByPeer.comments[0]!.authorKey).not.toBe(voter.id);
    expect((await callerFor(voter).comment.list({ target: onClaim(claim.id) })).comments[0]!.authorName).toBe('You');
    expect((await callerFor(owner).comment.list({ target: onClaim(claim.id) })).comments[0]!.authorName).toBe('Stu Dent');

    const log = await callerFor(voter2).events.list({ mapId: map.id });
    const created = log.events.find((event) => event.type === 'comment.created');
    expect(created).toMatchObject({ actorId: null, payload: { comment: { authorId: null, authorName: null, text: 'Anonymous thought' } } });
  });

  it('keeps comments on another map’s target out of reach, and rejects over-long or NUL text', async () => {
    const { voter, claim } = await setup();
    const stranger = await createUser();
    await expect(callerFor(stranger).comment.list({ target: onClaim(claim.id) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'x'.repeat(2001) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'bad\u0000byte' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('notifications', () => {
  it('lists the caller’s own notifications with an unread count, marks them read, and drops those of maps they left', async () => {
    const { owner, voter, map, claim } = await setup();
    await callerFor(voter).comment.create({ target: onClaim(claim.id), text: 'Hi @Teacher', mentionUserIds: [owner.id] });
    const before = await callerFor(owner).notification.list();
    expect(before.unreadCount).toBe(1);
    expect(before.items[0]).toMatchObject({ kind: 'mention', mapId: map.id, claimId: claim.id, isRead: false });
    expect((await callerFor(voter).notification.list()).items).toEqual([]);

    // Someone else's ids mark nothing.
    await callerFor(voter).notification.markRead({ ids: [before.items[0]!.id] });
    expect((await callerFor(owner).notification.list()).unreadCount).toBe(1);
    await callerFor(owner).notification.markRead({});
    expect((await callerFor(owner).notification.list()).unreadCount).toBe(0);

    const other = await createUser({ displayName: 'Olga' });
    await db().mapMember.create({ data: { mapId: map.id, userId: other.id, role: 'voter' } });
    await callerFor(voter).comment.create({ target: onClaim(claim.id), text: '@Olga look', mentionUserIds: [other.id] });
    expect((await callerFor(other).notification.list()).unreadCount).toBe(1);
    await db().mapMember.deleteMany({ where: { mapId: map.id, userId: other.id } });
    expect((await callerFor(other).notification.list()).items).toEqual([]);
  });

  it('does not name the author to members of an anonymous map', async () => {
    const { owner, voter, voter2, map, claim } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });
    await callerFor(voter).comment.create({
      target: onClaim(claim.id),
      text: 'Hi @Vera and @Teacher',
      mentionUserIds: [voter2.id, owner.id],
    });
    expect((await callerFor(voter2).notification.list()).items[0]!.text).toMatch(/^Someone mentioned you/);
    expect((await callerFor(owner).notification.list()).items[0]!.text).toMatch(/^Stu Dent mentioned you/);
  });
});

describe('re-rate nudge', () => {
  it('tells each voter of a claim, but the one who argued, that a new objection or evidence landed under it', async () => {
    const { owner, editor, voter, voter2, claim, map } = await setup();
    await callerFor(voter).vote.cast({ claimId: claim.id, value: 3 });
    await callerFor(editor).vote.cast({ claimId: claim.id, value: 1 });
    await callerFor(editor).claim.create({ mapId: map.id, text: 'Practice builds mastery', parentId: claim.id, relation: 'oppose' });
    const notes = await callerFor(voter).notification.list();
    expect(notes.items.map((item) => [item.kind, item.text, item.claimId])).toEqual([
      ['rerate', 'A new objection to “Homework should be abolished”, a claim you rated 3, was added — look again?', claim.id],
    ]);
    expect((await callerFor(editor).notification.list()).items).toEqual([]);
    expect((await callerFor(voter2).notification.list()).items).toEqual([]);
    const other = (await callerFor(owner).claim.create({ mapId: map.id, text: 'A free-standing claim' })).claim;
    await callerFor(owner).link.create({ fromClaimId: other.id, toClaimId: claim.id, relation: 'support' });
    expect((await callerFor(editor).notification.list()).items[0]?.text).toMatch(/^A new supporting reason for .* rated 1/);
  });
});
