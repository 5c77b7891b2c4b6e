import { describe, expect, inject, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createPrismaClient } from '@/server/db';
import { callerFor, createMapWith, createUser, db } from './helpers';

describe('map API', () => {
  it('creates a map owned by its creator, lists it on their dashboard, and records a first event', async () => {
    const owner = await createUser();
    const map = await callerFor(owner).map.create({ title: '  Should homework be abolished?  ' });
    expect(map.title).toBe('Should homework be abolished?');
    const list = await callerFor(owner).map.list();
    expect(list.map((item) => item.id)).toContain(map.id);
    expect(list.find((item) => item.id === map.id)?.role).toBe('owner');
    const events = await db().mapEvent.findMany({ where: { mapId: map.id } });
    expect(events.map((event) => [event.seq, event.type])).toEqual([[1, 'map.created']]);
  });

  it('rejects an empty title with a message naming the field, and creates nothing', async () => {
    const owner = await createUser();
    await expect(callerFor(owner).map.create({ title: '   ' })).rejects.toThrow(/title: Give the map a title/);
    expect(await callerFor(owner).map.list()).toEqual([]);
  });

  it('requires sign-in to create or list maps', async () => {
    await expect(callerFor(null).map.create({ title: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerFor(null).map.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('hides a private map from outsiders and shows a public one to anyone', async () => {
    const owner = await createUser();
    const outsider = await createUser();
    const privateMap = await createMapWith(owner);
    const publicMap = await createMapWith(owner, [], { visibility: 'public' });
    await expect(callerFor(outsider).map.get({ mapId: privateMap.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Anonymous visitors get the same answer as for a missing map (the page then offers to sign in).
    await expect(callerFor(null).map.get({ mapId: privateMap.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const seen = await callerFor(null).map.get({ mapId: publicMap.id });
    expect(seen.role).toBe('viewer');
    expect(seen.map.title).toBe('Test map');
  });

  it('lets only the owner update or delete a map', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    await expect(callerFor(editor).map.update({ mapId: map.id, title: 'Hijacked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(editor).map.delete({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const updated = await callerFor(owner).map.update({ mapId: map.id, title: 'Renamed' });
    expect(updated.map.title).toBe('Renamed');
    await callerFor(owner).map.delete({ mapId: map.id });
    await expect(callerFor(owner).map.get({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the whole map in a constant number of queries, whatever its size', async () => {
    const owner = await createUser();
    const countQueries = async (claimCount: number) => {
      const map = await createMapWith(owner);
      const claims = Array.from({ length: claimCount }, (_, index) => ({
        id: `${map.id}-c${index}`,
        mapId: map.id,
        text: `Claim ${index}`,
      }));
      await db().claim.createMany({ data: claims });
      await db().link.createMany({
        data: claims
          .slice(1)
          .map((claim, index) => ({ mapId: map.id, fromClaimId: claim.id, toClaimId: claims[index]!.id, relation: 'support' as const })),
      });
      let queries = 0;
      const counting = createPrismaClient(inject('databaseUrl'), { onQuery: () => (queries += 1) });
      try {
        const view = await createCaller({ db: counting, actor: owner, ip: 'test' }).map.get({ mapId: map.id });
        expect(view.claims).toHaveLength(claimCount);
        expect(view.links).toHaveLength(claimCount - 1);
      } finally {
        await counting.$disconnect();
      }
      return queries;
    };
    const small = await countQueries(5);
    const large = await countQueries(300);
    expect(large).toBe(small);
  });
});
