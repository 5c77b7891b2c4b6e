import type { Locator, Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

const THESIS = 'Homework should be abolished in primary schools';
const PRO = 'It widens the gap between families';
const PRO_EDITED = 'It widens the gap between rich and poor families';
const CON = 'Practice at home builds mastery';

const claimNode = (page: Page, text: string) => page.getByRole('group', { name: `Claim: ${text}`, exact: true });
const edge = (page: Page, from: string, relation: 'supports' | 'opposes', to: string) =>
  page.getByRole('group', { name: `“${from}” ${relation} “${to}”`, exact: true });

/** Presses the mouse on one element and releases it on another, moving in steps as a person would. */
async function dragBetween(page: Page, from: Locator, to: Locator) {
  await from.hover();
  await page.mouse.down();
  const box = await to.boundingBox();
  if (!box) throw new Error('drop target is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  await to.hover();
  await page.mouse.up();
}

test('build a map by keyboard, edit, connect, delete and undo, reload, and read it as an outline', async ({ page }) => {
  test.setTimeout(120_000);
  await signInOverApi(page, newAccount('editor'));
  const map = await createMapOverApi(page, 'Should homework be abolished?');
  await page.goto(`/maps/${map.id}`);
  await expect(page.getByText('Start with a thesis: press')).toBeVisible();
  // The empty state is server-rendered; shortcuts work once the graph (client-only) has mounted.
  await expect(page.locator('.react-flow__pane')).toBeVisible();

  // The thesis and two arguments, with the keyboard only.
  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'New claim' })).toBeFocused();
  await page.keyboard.type(THESIS);
  await page.keyboard.press('Enter');
  await expect(claimNode(page, THESIS)).toBeVisible();

  await page.keyboard.press('s');
  await expect(page.getByRole('textbox', { name: 'New supporting claim' })).toBeFocused();
  await page.keyboard.type(PRO);
  await page.keyboard.press('Enter');
  await expect(edge(page, PRO, 'supports', THESIS)).toBeAttached();

  await page.keyboard.press('ArrowUp'); // back to the thesis
  await page.keyboard.press('o');
  await expect(page.getByRole('textbox', { name: 'New opposing claim' })).toBeFocused();
  await page.keyboard.type(CON);
  await page.keyboard.press('Enter');
  await expect(edge(page, CON, 'opposes', THESIS)).toBeAttached();
  await expect(page.getByRole('complementary', { name: 'Selection details' }).getByText(CON)).toBeVisible();

  // Inline edit: double-click, change, Enter.
  await claimNode(page, PRO).dblclick();
  const editor = page.getByRole('textbox', { name: 'Claim text' });
  await expect(editor).toBeFocused();
  await editor.fill(PRO_EDITED);
  await editor.press('Enter');
  await expect(claimNode(page, PRO_EDITED)).toBeVisible();
  await expect(editor).toHaveCount(0);

  // Connect two existing claims: from the opposing claim's top handle to the supporting claim's bottom handle.
  await dragBetween(
    page,
    claimNode(page, CON).getByTitle('Drag to a claim this one supports or opposes'),
    claimNode(page, PRO_EDITED).getByTitle('Drag to a claim that supports or opposes this one'),
  );
  const relationChoice = page.getByRole('dialog', { name: 'Choose how these claims are related' });
  await expect(relationChoice).toBeVisible();
  await relationChoice.getByRole('button', { name: '− Opposes' }).click();
  await expect(edge(page, CON, 'opposes', PRO_EDITED)).toBeAttached();

  // Delete the supporting claim (it has an opposer now, so it asks first), then undo from the toast.
  await claimNode(page, PRO_EDITED).click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete this claim?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete claim' }).click();
  await expect(claimNode(page, PRO_EDITED)).toHaveCount(0);
  await expect(edge(page, CON, 'opposes', PRO_EDITED)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo: Claim deleted' }).click();
  await expect(claimNode(page, PRO_EDITED)).toBeVisible();
  await expect(edge(page, CON, 'opposes', PRO_EDITED)).toBeAttached();
  await expect(edge(page, PRO_EDITED, 'supports', THESIS)).toBeAttached();

  // Everything was saved: a reload shows the same map.
  await expect
    .poll(async () => {
      const view = await trpc<{ claims: { text: string }[]; links: unknown[] }>(page.request, 'map.get', { mapId: map.id }, 'query');
      return [view.claims.map((claim) => claim.text).sort(), view.links.length];
    })
    .toEqual([[CON, PRO_EDITED, THESIS].sort(), 3]);
  await page.reload();
  await expect(claimNode(page, THESIS)).toBeVisible();
  await expect(claimNode(page, PRO_EDITED)).toBeVisible();
  await expect(claimNode(page, CON)).toBeVisible();
  await expect(edge(page, PRO_EDITED, 'supports', THESIS)).toBeAttached();
  await expect(edge(page, CON, 'opposes', THESIS)).toBeAttached();
  await expect(edge(page, CON, 'opposes', PRO_EDITED)).toBeAttached();

  // The outline shows the same tree: the thesis, its pro (with the con under it), and the con again by reference.
  await page.getByRole('button', { name: 'Outline' }).click();
  const tree = page.getByRole('tree', { name: 'Argument outline' });
  await expect(tree.getByRole('treeitem', { name: `Thesis: ${THESIS}` })).toHaveAttribute('aria-level', '1');
  await expect(tree.getByRole('treeitem', { name: `Supports: ${PRO_EDITED}` })).toHaveAttribute('aria-level', '2');
  await expect(tree.getByRole('treeitem', { name: `Opposes: ${CON}`, exact: true })).toHaveAttribute('aria-level', '3');
  await expect(tree.getByRole('treeitem', { name: `Opposes: ${CON} (shown elsewhere)` })).toHaveAttribute('aria-level', '2');

  // Keyboard in the tree: focus the thesis, go down to its pro, and edit it in place.
  await tree
    .getByRole('treeitem', { name: `Thesis: ${THESIS}` })
    .locator('.outline-row')
    .first()
    .click();
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: `Supports: ${PRO_EDITED}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Claim text' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Claim text' })).toHaveCount(0);
});

test('a viewer and an anonymous visitor see the map without edit controls, and are told why', async ({ page, browser }) => {
  await signInOverApi(page, newAccount('owner'));
  const map = await createMapOverApi(page, 'Is remote work better?', { visibility: 'public' });
  const { claim: thesis } = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Remote work is better',
    x: 0,
    y: 0,
  });
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'No commute', parentId: thesis.id, relation: 'support', x: 0, y: 200 });

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signInOverApi(viewer, newAccount('viewer'));
  for (const visitor of [viewer, await (await browser.newContext()).newPage()]) {
    await visitor.goto(`/maps/${map.id}`);
    await expect(claimNode(visitor, 'Remote work is better')).toBeVisible();
    await expect(visitor.getByRole('note')).toContainText('You can read this');
    await expect(visitor.getByRole('button', { name: /\+ Claim/ })).toHaveCount(0);
    await expect(visitor.getByRole('button', { name: 'Undo' })).toHaveCount(0);

    await claimNode(visitor, 'Remote work is better').click();
    const panel = visitor.getByRole('complementary', { name: 'Selection details' });
    await expect(panel.getByText('Remote work is better')).toBeVisible();
    await expect(panel.getByRole('button', { name: /^(Edit|Delete|\+ Support|\+ Oppose)/ })).toHaveCount(0);
    await expect(visitor.getByRole('button', { name: '+ Support' })).toHaveCount(0);

    // Shortcuts that edit do nothing.
    await visitor.keyboard.press('n');
    await visitor.keyboard.press('s');
    await claimNode(visitor, 'No commute').dblclick();
    await expect(visitor.getByRole('textbox')).toHaveCount(0);

    await visitor.getByRole('button', { name: 'Outline' }).click();
    await expect(visitor.getByRole('treeitem', { name: 'Supports: No commute' })).toBeVisible();
  }
  await expect(viewer.getByRole('note')).toContainText('You can read this map. Ask the owner');
  await viewerContext.close();
});
