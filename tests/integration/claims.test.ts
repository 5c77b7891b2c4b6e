import { describe, expect, it } from 'vitest';
import { callerFor, createMapWith, createUser, db } from './helpers';

async function setup() {
  const owner = await createUser();
  const editor = await createUser();
  const voter = await createUser();
  const viewer = await createUser();
  const map = await createMapWith(owner, [
    { actor: editor, role: 'editor' },
    { actor: voter, role: 'voter' },
    { actor: viewer, role: 'viewer' },
  ]);
  return { owner, editor, voter, viewer, map };
}

describe('claims and links', () => {
  it('builds a thesis with a supporter and an opposer, each write appending the next event', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const thesis = await api.claim.create({ mapId: map.id, text: '  Homework should be abolished  ' });
    expect(thesis.claim.text).toBe('Homework should be abolished');
    expect(thesis.claim.authorName).toBe(editor.displayName);
    const pro = await api.claim.create({ mapId: map.id, text: 'It widens inequality', parentId: thesis.claim.id, relation: 'support' });
    const con = await api.claim.create({
      mapId: map.id,
      text: 'Practice builds mastery',
      parentId: thesis.claim.id,
      relation: 'oppose',
      clientMutationId: 'm-1',
    });
    expect(pro.link).toMatchObject({ fromClaimId: pro.claim.id, toClaimId: thesis.claim.id, relation: 'support' });
    expect(con.link?.relation).toBe('oppose');

    const view = await api.map.get({ mapId: map.id });
    expect(view.claims.map((claim) => claim.text)).toEqual([
      'Homework should be abolished',
      'It widens inequality',
      'Practice builds mastery',
    ]);
    expect(view.links).toHaveLength(2);
    const events = await db().mapEvent.findMany({ where: { mapId: map.id }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({ type: 'claim.created', actorId: editor.id, clientMutationId: 'm-1' });
    expect(con.seq).toBe(4);
  });

  it('validates claim text: trimmed, 1 to 1000 characters, with messages naming the problem', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    await expect(api.claim.create({ mapId: map.id, text: '   ' })).rejects.toThrow('text: A claim needs some text.');
    await expect(api.claim.create({ mapId: map.id, text: 'x'.repeat(1001) })).rejects.toThrow('at most 1000 characters');
    await expect(api.claim.create({ mapId: map.id, text: 'orphan', parentId: 'nope' })).rejects.toThrow('supports or opposes');
    expect((await api.map.get({ mapId: map.id })).claims).toHaveLength(0);
    expect(await db().mapEvent.count({ where: { mapId: map.id } })).toBe(1);
  });

  it('refuses every editing procedure to viewers and voters, and to outsiders', async () => {
    const { editor, voter, viewer, map } = await setup();
    const outsider = await createUser();
    const { claim } = await callerFor(editor).claim.create({ mapId: map.id, text: 'A claim' });
    const { claim: other } = await callerFor(editor).claim.create({ mapId: map.id, text: 'Another' });
    const { link } = await callerFor(editor).link.create({ fromClaimId: other.id, toClaimId: claim.id, relation: 'support' });
    for (const actor of [voter, viewer]) {
      const api = callerFor(actor);
      const attempts = [
        () => api.claim.create({ mapId: map.id, text: 'nope' }),
        () => api.claim.update({ id: claim.id, text: 'nope', expectedVersion: 1 }),
        () => api.claim.move({ id: claim.id, x: 1, y: 2 }),
        () => api.claim.delete({ id: claim.id }),
        () => api.claim.restore({ id: claim.id }),
        () => api.link.create({ fromClaimId: claim.id, toClaimId: other.id, relation: 'oppose' }),
        () => api.link.update({ id: link.id, relation: 'oppose' }),
        () => api.link.delete({ id: link.id }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(callerFor(outsider).claim.delete({ id: claim.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const view = await callerFor(editor).map.get({ mapId: map.id });
    expect(view.claims.map((item) => item.text)).toEqual(['A claim', 'Another']);
    expect(view.links[0]?.relation).toBe('support');
  });

  it('detects a stale edit and returns the current text instead of overwriting', async () => {
    const { owner, editor, map } = await setup();
    const { claim } = await callerFor(editor).claim.create({ mapId: map.id, text: 'Original' });
    const first = await callerFor(owner).claim.update({ id: claim.id, text: 'Owner edit', expectedVersion: 1 });
    expect(first.claim.version).toBe(2);
    const stale = callerFor(editor).claim.update({ id: claim.id, text: 'Editor edit', expectedVersion: 1 });
    await expect(stale).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { details: { currentText: 'Owner edit', currentVersion: 2 } },
    });
    const view = await callerFor(editor).map.get({ mapId: map.id });
    expect(view.claims[0]).toMatchObject({ text: 'Owner edit', version: 2 });
  });

  it('refuses self-links, duplicate links and links across maps; allows cycles', async () => {
    const { owner, map } = await setup();
    const otherMap = await createMapWith(owner);
    const api = callerFor(owner);
    const a = (await api.claim.create({ mapId: map.id, text: 'A' })).claim;
    const b = (await api.claim.create({ mapId: map.id, text: 'B', parentId: a.id, relation: 'support' })).claim;
    const foreign = (await api.claim.create({ mapId: otherMap.id, text: 'Elsewhere' })).claim;
    await expect(api.link.create({ fromClaimId: a.id, toClaimId: a.id, relation: 'support' })).rejects.toThrow(
      'cannot support or oppose itself',
    );
    await expect(api.link.create({ fromClaimId: b.id, toClaimId: a.id, relation: 'oppose' })).rejects.toThrow('already linked');
    await expect(api.link.create({ fromClaimId: foreign.id, toClaimId: a.id, relation: 'oppose' })).rejects.toThrow(
      'not found on this map',
    );
    const cycle = await api.link.create({ fromClaimId: a.id, toClaimId: b.id, relation: 'oppose' });
    expect(cycle.link.relation).toBe('oppose');
    expect((await api.map.get({ mapId: map.id })).links).toHaveLength(2);
  });

  it('deletes a claim with its links and restores both', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const thesis = (await api.claim.create({ mapId: map.id, text: 'Thesis' })).claim;
    const child = (await api.claim.create({ mapId: map.id, text: 'Child', parentId: thesis.id, relation: 'support' })).claim;
    const grandchild = (await api.claim.create({ mapId: map.id, text: 'Grandchild', parentId: child.id, relation: 'oppose' })).claim;
    await api.claim.delete({ id: child.id });
    let view = await api.map.get({ mapId: map.id });
    expect(view.claims.map((claim) => claim.id)).toEqual([thesis.id, grandchild.id]);
    expect(view.links).toHaveLength(0);
    await expect(api.claim.delete({ id: child.id })).rejects.toThrow('already deleted');
    const restored = await api.claim.restore({ id: child.id });
    expect(restored.links).toHaveLength(2);
    view = await api.map.get({ mapId: map.id });
    expect(view.claims).toHaveLength(3);
    expect(view.links.map((link) => link.relation).sort()).toEqual(['oppose', 'support']);
  });

  it('changes and deletes links, and saves moves singly or as a batch', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const a = (await api.claim.create({ mapId: map.id, text: 'A', x: 0, y: 0 })).claim;
    const b = await api.claim.create({ mapId: map.id, text: 'B', parentId: a.id, relation: 'support' });
    await api.link.update({ id: b.link!.id, relation: 'oppose' });
    expect((await api.map.get({ mapId: map.id })).links[0]?.relation).toBe('oppose');
    await api.claim.move({ id: a.id, x: 120.5, y: -40 });
    await api.claim.move({
      moves: [
        { id: a.id, kind: 'claim', x: 10, y: 20 },
        { id: b.claim.id, kind: 'claim', x: 30, y: 40 },
      ],
    });
    await api.link.delete({ id: b.link!.id });
    const view = await api.map.get({ mapId: map.id });
    expect(view.links).toHaveLength(0);
    expect(view.claims.map((claim) => [claim.x, claim.y])).toEqual([
      [10, 20],
      [30, 40],
    ]);
  });

  it('a link changed and deleted at the same moment: the change lands or is told the link is gone, never an error', async () => {
    const { owner, editor, map } = await setup();
    const { claim: thesis } = await callerFor(owner).claim.create({ mapId: map.id, text: 'Thesis' });
    for (let round = 0; round < 25; round += 1) {
      const { link } = await callerFor(owner).claim.create({
        mapId: map.id,
        text: `Reason ${round}`,
        parentId: thesis.id,
        relation: 'support',
      });
      const [changed, deleted] = await Promise.allSettled([
        callerFor(editor).link.update({ id: link!.id, relation: 'oppose' }),
        callerFor(owner).link.delete({ id: link!.id }),
      ]);
      expect(deleted.status).toBe('fulfilled');
      if (changed.status === 'rejected') {
        expect(changed.reason).toMatchObject({ code: 'NOT_FOUND', message: 'That link was removed by someone else.' });
      }
    }
    expect(await db().link.count({ where: { mapId: map.id } })).toBe(0);
  });

  it('refuses a move batch that spans two maps', async () => {
    const { owner, map } = await setup();
    const otherMap = await createMapWith(owner);
    const api = callerFor(owner);
    const a = (await api.claim.create({ mapId: map.id, text: 'A' })).claim;
    const b = (await api.claim.create({ mapId: otherMap.id, text: 'B' })).claim;
    await expect(
      api.claim.move({
        moves: [
          { id: a.id, kind: 'claim', x: 1, y: 1 },
          { id: b.id, kind: 'claim', x: 2, y: 2 },
        ],
      }),
    ).rejects.toThrow('not found on this map');
  });
});
