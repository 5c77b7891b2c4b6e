import { describe, expect, it } from 'vitest';
import { callerFor, createMapWith, createUser, db } from './helpers';

async function setup() {
  const owner = await createUser({ displayName: 'Teacher' });
  const voter = await createUser({ displayName: 'Stu' });
  const viewer = await createUser({ displayName: 'Vic' });
  const map = await createMapWith(owner, [
    { actor: voter, role: 'voter' },
    { actor: viewer, role: 'viewer' },
  ]);
  const api = callerFor(owner);
  const thesis = (await api.claim.create({ mapId: map.id, text: 'Homework should be abolished' })).claim;
  const pro = (await api.claim.create({ mapId: map.id, text: 'It widens inequality', parentId: thesis.id, relation: 'support' })).claim;
  return { owner, voter, viewer, map, thesis, pro };
}

describe('snapshots', () => {
  it('returns the claims, links and votes as of the snapshot after later edits, deletions and votes', async () => {
    const { owner, voter, viewer, map, thesis, pro } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isBlindVoting: false });
    await callerFor(voter).vote.cast({ claimId: pro.id, value: 4 });
    const { snapshot } = await callerFor(owner).snapshot.create({ mapId: map.id, name: 'End of period 2' });

    await callerFor(owner).claim.update({ id: thesis.id, text: 'Homework should be limited', expectedVersion: 1 });
    await callerFor(owner).claim.delete({ id: pro.id });
    const con = (
      await callerFor(owner).claim.create({ mapId: map.id, text: 'Practice builds mastery', parentId: thesis.id, relation: 'oppose' })
    ).claim;

    const { view, snapshot: meta } = await callerFor(viewer).snapshot.get({ id: snapshot.id });
    expect(meta.name).toBe('End of period 2');
    expect(view.claims.map((claim) => claim.text).sort()).toEqual(['Homework should be abolished', 'It widens inequality']);
    expect(view.links).toHaveLength(1);
    expect(view.claims.find((claim) => claim.id === pro.id)?.votes).toMatchObject({ count: 1, mean: 4 });
    expect(view.map.lastSeq).toBe(meta.seq);
    // The replay agrees with map.get at the same point: the live map now has the new claim only.
    const now = await callerFor(viewer).map.get({ mapId: map.id });
    expect(now.claims.map((claim) => claim.id).sort()).toEqual([thesis.id, con.id].sort());

    const { changes } = await callerFor(viewer).snapshot.compare({ fromId: snapshot.id });
    expect(changes.claimsAdded.map((claim) => claim.text)).toEqual(['Practice builds mastery']);
    expect(changes.claimsRemoved.map((claim) => claim.text)).toEqual(['It widens inequality']);
    expect(changes.claimsEdited).toEqual([{ id: thesis.id, before: 'Homework should be abolished', after: 'Homework should be limited' }]);
    expect(changes.linksAdded.map((link) => link.relation)).toEqual(['oppose']);
    expect(changes.linksRemoved.map((link) => link.fromText)).toEqual(['It widens inequality']);
  });

  it('compares two snapshots, in either order, with vote shifts per claim', async () => {
    const { owner, voter, map, pro } = await setup();
    await callerFor(owner).map.update({ mapId: map.id, isBlindVoting: false });
    const first = (await callerFor(owner).snapshot.create({ mapId: map.id, name: 'Before' })).snapshot;
    await callerFor(voter).vote.cast({ claimId: pro.id, value: 1 });
    await callerFor(owner).vote.cast({ claimId: pro.id, value: 3 });
    const second = (await callerFor(owner).snapshot.create({ mapId: map.id, name: 'After' })).snapshot;
    const forward = await callerFor(voter).snapshot.compare({ fromId: first.id, toId: second.id });
    const backward = await callerFor(voter).snapshot.compare({ fromId: second.id, toId: first.id });
    expect(forward.changes.voteShifts).toEqual([
      { claimId: pro.id, text: 'It widens inequality', meanBefore: null, meanAfter: 2, countBefore: 0, countAfter: 2 },
    ]);
    expect(backward.changes).toEqual(forward.changes);
    expect((await callerFor(voter).snapshot.list({ mapId: map.id })).snapshots.map((item) => item.name)).toEqual(['After', 'Before']);
  });

  it('keeps blind results and anonymous names hidden in a snapshot as the map’s settings hide them now', async () => {
    const { owner, voter, viewer, map, pro } = await setup();
    await callerFor(voter).vote.cast({ claimId: pro.id, value: 4 });
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });
    const { snapshot } = await callerFor(owner).snapshot.create({ mapId: map.id, name: 'Blind' });
    const seenByViewer = (await callerFor(viewer).snapshot.get({ id: snapshot.id })).view;
    expect(seenByViewer.claims.every((claim) => claim.authorName === null && claim.authorId === null)).toBe(true);
    expect(seenByViewer.claims.find((claim) => claim.id === pro.id)?.votes).toBeNull();
    const seenByVoter = (await callerFor(voter).snapshot.get({ id: snapshot.id })).view;
    expect(seenByVoter.claims.find((claim) => claim.id === pro.id)).toMatchObject({ myVote: 4, votes: { count: 1 } });
    const seenByOwner = (await callerFor(owner).snapshot.get({ id: snapshot.id })).view;
    expect(seenByOwner.claims.find((claim) => claim.id === pro.id)?.authorName).toBe('Teacher');
  });

  it('rebuilds an imported map from its import, and only the owner names snapshots', async () => {
    const owner = await createUser();
    const voter = await createUser();
    const imported = await callerFor(owner).map.import({
      format: 'argdown',
      text: '[Thesis]: An imported claim.\n  + A supporting reason.',
    });
    const { mapId } = imported;
    await db().mapMember.create({ data: { mapId, userId: voter.id, role: 'voter' } });
    await expect(callerFor(voter).snapshot.create({ mapId, name: 'Mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { snapshot } = await callerFor(owner).snapshot.create({ mapId, name: 'After import' });
    const { view } = await callerFor(voter).snapshot.get({ id: snapshot.id });
    expect(view.claims.map((claim) => claim.text).sort()).toEqual(['A supporting reason.', 'An imported claim.']);
    expect(view.links).toHaveLength(1);
    await expect(callerFor(owner).snapshot.create({ mapId, name: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
