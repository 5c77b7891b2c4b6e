import path from 'node:path';
import type { Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

const SOURCE_FILE = path.join('prisma', 'seed', 'sources', 'internet-sovereignty-revisited.txt');
const SENTENCE =
  'Take the recent example of the Sony Hack: Pyongyang relies on China Unicom — a Chinese state-owned telecommunications operator — ' +
  'for Internet access.';

interface MapGet {
  evidence: { id: string; sourceId: string; exact: string; start: number; end: number }[];
  links: { fromEvidenceId: string | null; toClaimId: string; relation: 'support' | 'oppose' }[];
  sources: { id: string; title: string; evidenceCount: number }[];
}

/**
 * Selects `sentence` in the reader the way a mouse drag does: a DOM Range over the text (it may span
 * several segments), then a mouseup on the reader.
 */
async function selectInReader(page: Page, sentence: string) {
  await page.evaluate((wanted) => {
    const root = document.querySelector('[data-reader-text]');
    if (!root) throw new Error('The reader is not open.');
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const whole = nodes.map((node) => node.data).join('');
    const at = whole.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not in the reader.`);
    const locate = (offset: number, isEnd: boolean) => {
      let seen = 0;
      for (const node of nodes) {
        if (offset < seen + node.length || (isEnd && offset === seen + node.length)) return { node, offset: offset - seen };
        seen += node.length;
      }
      throw new Error('offset out of range');
    };
    const start = locate(at, false);
    const end = locate(at + wanted.length, true);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    end.node.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, sentence);
}

test('upload a source, quote a sentence as opposing evidence, see it on the graph, and open it in the source', async ({ page }) => {
  await signInOverApi(page, newAccount('quoter'));
  const map = await createMapOverApi(page, 'Is cyber sovereignty a legitimate principle?');
  const { claim } = await trpc<{ claim: { id: string; text: string } }>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'China can govern its internet without affecting other states',
  });

  await page.goto(`/maps/${map.id}`);
  await page.getByRole('button', { name: /^Sources/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Sources' });
  await expect(drawer.getByText('No sources yet.')).toBeVisible();

  // Upload one of the demo files.
  await drawer.getByRole('button', { name: 'Add source' }).click();
  await drawer.getByLabel('Upload a file').check();
  await drawer.getByLabel('File (.txt, .md or .html)').setInputFiles(SOURCE_FILE);
  await expect(drawer.getByLabel('Title')).toHaveValue('Internet sovereignty revisited');
  await drawer.getByLabel('Title').fill('China and Internet Sovereignty Revisited');
  await drawer.getByLabel('Publisher').fill('The Diplomat');
  await drawer.getByRole('button', { name: 'Add source' }).click();
  const reader = drawer.getByRole('article', { name: 'Source: China and Internet Sovereignty Revisited' });
  await expect(reader.getByRole('heading', { name: 'China and Internet Sovereignty Revisited' })).toBeVisible();
  await expect(reader.locator('[data-reader-text] p').first()).toBeVisible();

  // Select a sentence (with em dashes) and attach it as opposing evidence.
  await selectInReader(page, SENTENCE);
  await reader.getByRole('button', { name: 'Use as evidence' }).click();
  const popover = reader.getByRole('dialog', { name: 'Use as evidence' });
  await expect(popover.getByText(SENTENCE)).toBeVisible();
  await popover.getByRole('combobox', { name: 'Claim' }).fill('govern its internet');
  await popover.getByRole('option', { name: claim.text }).click();
  await popover.getByLabel('Opposes the claim').check();
  await popover.getByRole('button', { name: 'Add evidence' }).click();
  await expect(popover).toHaveCount(0);
  await expect(reader.getByRole('status')).toHaveText('Evidence added to the map.');

  // The server stored exactly that sentence, at the offsets where the file has it, opposing the claim.
  const view = await trpc<MapGet>(page.request, 'map.get', { mapId: map.id }, 'query');
  expect(view.evidence).toHaveLength(1);
  const evidence = view.evidence[0]!;
  expect(evidence.exact).toBe(SENTENCE);
  expect(view.links).toContainEqual(expect.objectContaining({ fromEvidenceId: evidence.id, toClaimId: claim.id, relation: 'oppose' }));
  const passage = reader.locator(`mark[data-evidence~="${evidence.id}"]`);
  await expect(passage.first()).toHaveClass(/hl-oppose/);
  await expect(passage).toHaveText([SENTENCE]);

  // Hovering the highlight says which claim it serves.
  await passage.first().hover();
  await expect(reader.getByRole('tooltip')).toContainText(`Opposes ${claim.text}`);

  // From the reader's passage list, a passage scrolls into view and flashes.
  await reader.getByRole('button', { name: '← All sources' }).click();
  await drawer.getByRole('button', { name: /China and Internet Sovereignty Revisited/ }).click();
  await expect(reader.locator('[data-reader-text]')).toBeVisible();
  await expect(passage.first()).not.toBeInViewport();
  await reader.getByText('1 highlighted passage').click();
  await reader.getByRole('button', { name: SENTENCE.slice(0, 40) }).click();
  await expect(passage.first()).toBeInViewport();
  await expect(passage.first()).toHaveClass(/is-flashing/);

  // The evidence node is on the graph; "Open in source" brings the passage into view, flashing.
  await drawer.getByRole('button', { name: 'Close sources' }).click();
  const node = page.locator('.react-flow__node', { hasText: SENTENCE.slice(0, 40) });
  await expect(node).toBeVisible();
  await node.getByRole('button', { name: 'Open in source' }).click();
  const opened = page.getByRole('complementary', { name: 'Sources' }).locator(`mark[data-evidence~="${evidence.id}"]`).first();
  await expect(opened).toBeInViewport();
  await expect(opened).toHaveClass(/hl-oppose/);
  await expect(opened).toHaveClass(/is-flashing/);
});

test('the demo map highlights its seeded passages in every source, readable without signing in', async ({ page }) => {
  await page.goto('/demo');
  await page.getByRole('button', { name: /^Sources/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Sources' });
  const items = drawer.getByRole('list', { name: 'Sources in this map' }).getByRole('listitem');
  await expect(items).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await items.nth(i).getByRole('button').click();
    const reader = drawer.getByRole('article');
    await expect(reader.locator('[data-reader-text] mark').first()).toBeVisible();
    await expect(reader.getByRole('button', { name: 'Use as evidence' })).toHaveCount(0);
    await reader.getByRole('button', { name: '← All sources' }).click();
  }
});
