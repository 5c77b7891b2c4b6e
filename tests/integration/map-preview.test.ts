import { describe, expect, it } from 'vitest';
import { getMapPreview } from '@/server/domain/maps/get-map-preview';
import { callerFor, createMapWith, createUser, db } from './helpers';

describe('getMapPreview (the streamed first screen of a map)', () => {
  it('gives the thesis and what argues about it, with the access rule of map.get', async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const map = await createMapWith(owner, []);
    const thesis = (await callerFor(owner).claim.create({ mapId: map.id, text: 'Homework should be abolished' })).claim;
    const pro = (
      await callerFor(owner).claim.create({ mapId: map.id, text: 'It widens inequality', parentId: thesis.id, relation: 'support' })
    ).claim;
    const con = (
      await callerFor(owner).claim.create({ mapId: map.id, text: 'Practice builds mastery', parentId: thesis.id, relation: 'oppose' })
    ).claim;
    await callerFor(owner).claim.create({ mapId: map.id, text: 'Deeper down', parentId: pro.id, relation: 'support' });

    const preview = await getMapPreview(db(), { actor: owner }, { mapId: map.id });
    expect(preview.thesis).toEqual({ id: thesis.id, text: 'Homework should be abolished' });
    expect(preview.items).toEqual([
      { id: pro.id, kind: 'claim', text: 'It widens inequality', relation: 'support' },
      { id: con.id, kind: 'claim', text: 'Practice builds mastery', relation: 'oppose' },
    ]);
    // The claim in focus, with its own arguments.
    expect((await getMapPreview(db(), { actor: owner }, { mapId: map.id, focusId: pro.id })).items.map((item) => item.text)).toEqual([
      'Deeper down',
    ]);
    // A deleted argument is not shown.
    await callerFor(owner).claim.delete({ id: con.id });
    expect((await getMapPreview(db(), { actor: owner }, { mapId: map.id })).items.map((item) => item.id)).toEqual([pro.id]);

    await expect(getMapPreview(db(), { actor: stranger }, { mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // An anonymous visitor is told exactly what a stranger is: the map's existence does not leak.
    await expect(getMapPreview(db(), { actor: null }, { mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
