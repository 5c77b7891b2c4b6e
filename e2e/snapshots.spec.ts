import { expect, test, trpc } from './fixtures';

test('a snapshot is compared with now: the graph highlights the added and edited claims and the list names them', async ({
  page,
  seededMap,
}) => {
  await trpc(page.request, 'snapshot.create', { mapId: seededMap.id, name: 'End of period 2' });
  await trpc(page.request, 'claim.update', { id: seededMap.thesisId, text: 'Schools must teach argument mapping', expectedVersion: 1 });
  await trpc(page.request, 'claim.create', {
    mapId: seededMap.id,
    text: 'Mapping makes reasons visible',
    parentId: seededMap.thesisId,
    relation: 'support',
  });

  await page.goto(`/maps/${seededMap.id}/snapshots`);
  const row = page.getByRole('list', { name: 'Snapshots' }).getByRole('listitem').filter({ hasText: 'End of period 2' });
  await row.getByRole('button', { name: 'Compare with now' }).click();

  const graph = page.getByRole('figure', { name: 'Changes in the graph' });
  await expect(graph.getByLabel('Added: Mapping makes reasons visible')).toBeVisible();
  await expect(graph.getByLabel('Edited: Schools must teach argument mapping')).toBeVisible();
  await expect(graph.getByText('was: Schools should teach argument mapping')).toBeVisible();
  await expect(graph.getByText('Added 2')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Comparison' }).getByText('Mapping makes reasons visible').last()).toBeVisible();

  // The snapshot downloads as it was, in any export format.
  await row.getByRole('button', { name: 'Open' }).click();
  const opened = page.getByRole('region', { name: 'Snapshot End of period 2' });
  await opened.getByText('Export').click();
  const href = await opened.getByRole('link', { name: 'Markdown' }).getAttribute('href');
  expect(href).toContain('snapshot=');
  const file = await (await page.request.get(href!)).text();
  expect(file).toContain('Schools should teach argument mapping');
  expect(file).not.toContain('Mapping makes reasons visible');
});
