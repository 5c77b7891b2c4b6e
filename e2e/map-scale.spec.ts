import type { Page } from '@playwright/test';
import { DEMO_MAP_ID } from '../src/shared/demo';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

/**
 * Maps that stay readable at any size (issue 11): the demo map opens legible, the focus view
 * works with the keyboard alone, new nodes never land on existing ones, unrated claims say so.
 */

interface ClaimResult {
  claim: { id: string };
}
interface MapGet {
  claims: { id: string; text: string }[];
  evidence: { id: string }[];
  links: { fromClaimId: string | null; toClaimId: string }[];
}

/** Rendered size in px of every node text in the graph (font size × zoom), and whether each node is in the window. */
async function renderedText(page: Page) {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node .claim-text, .react-flow__node .evidence-quote')].map(
      (element) => {
        const box = element.getBoundingClientRect();
        return {
          text: element.textContent?.slice(0, 40) ?? '',
          px: parseFloat(getComputedStyle(element).fontSize) * zoom,
          isInWindow: box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight,
        };
      },
    );
  });
}

async function expectLegible(page: Page) {
  const texts = await renderedText(page);
  expect(texts.length).toBeGreaterThan(3);
  for (const text of texts) {
    expect(text.px, `“${text.text}” renders at ${text.px.toFixed(1)} px`).toBeGreaterThanOrEqual(11);
    expect(text.isInWindow, `“${text.text}” is inside the window`).toBe(true);
  }
}

async function nodeBoxes(page: Page) {
  return page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { id: element.getAttribute('data-id') ?? '', x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
}

function expectNoOverlap(boxes: { id: string; x: number; y: number; width: number; height: number }[], newId: string) {
  const mine = boxes.find((box) => box.id === newId);
  // Drawn with a real box: a zero-sized node would overlap nothing and pass for the wrong reason.
  expect(mine?.width ?? 0, `node ${newId} is drawn`).toBeGreaterThan(0);
  expect(mine?.height ?? 0, `node ${newId} is drawn`).toBeGreaterThan(0);
  for (const other of boxes) {
    if (other.id === newId) continue;
    const overlaps =
      mine!.x < other.x + other.width &&
      other.x < mine!.x + mine!.width &&
      mine!.y < other.y + other.height &&
      other.y < mine!.y + mine!.height;
    expect(overlaps, `new node overlaps ${other.id}`).toBe(false);
  }
}

/** The "+"/"−" badges of every drawn link except the new node's own (its link's label names it). */
async function badgeBoxes(page: Page, ownText: string) {
  return page.locator('.react-flow__edge').evaluateAll(
    (elements, own) =>
      elements
        .filter((element) => !(element.getAttribute('aria-label') ?? '').includes(own))
        .flatMap((element) => {
          const badge = element.querySelector('.relation-badge circle');
          if (!badge) return [];
          const box = badge.getBoundingClientRect();
          return [{ id: `badge of ${element.getAttribute('aria-label')}`, x: box.x, y: box.y, width: box.width, height: box.height }];
        }),
    ownText,
  );
}

test.use({ viewport: { width: 1440, height: 900 } });

test('the demo map opens collapsed and legible at 1440×900, and stays legible after Fit view', async ({ page }) => {
  const demo = await trpc<MapGet>(page.request, 'map.get', { mapId: DEMO_MAP_ID }, 'query');
  await page.goto('/demo');
  await expect(page.getByTestId('first-view')).toHaveCount(0);
  const nodes = page.locator('.react-flow__node');
  // The thesis and its arguments; deeper levels are behind "+N" toggles.
  await expect.poll(() => nodes.count()).toBeLessThan(demo.claims.length + demo.evidence.length);
  await expect(page.getByRole('button', { name: /^Show the \d+ hidden nodes below$/ }).first()).toBeVisible();
  await expect.poll(async () => (await renderedText(page)).every((text) => text.px >= 11 && text.isInWindow)).toBe(true);
  await expectLegible(page);

  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await expect.poll(async () => (await renderedText(page)).every((text) => text.px >= 11 && text.isInWindow)).toBe(true);
  await expectLegible(page);

  // Expanding one argument shows what is below it; the state survives a reload (it is local, per browser).
  const before = await nodes.count();
  await page
    .getByRole('button', { name: /^Show the \d+ hidden nodes below$/ })
    .first()
    .click();
  await expect.poll(() => nodes.count()).toBeGreaterThan(before);
  const expanded = await nodes.count();
  await page.reload();
  await expect(page.getByTestId('first-view')).toHaveCount(0);
  await expect.poll(() => nodes.count()).toBe(expanded);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(nodes).toHaveCount(demo.claims.length + demo.evidence.length);
  // The demo has no saved positions: expanded, it is arranged, then framed. A zoom made before that would be undone.
  await expect(page.getByRole('progressbar', { name: 'Arranging the map' })).toHaveCount(0);

  // Zoomed far out, the nodes are drawn on one canvas (level of detail); zoomed in, the text is back.
  const pane = page.locator('.react-flow__pane');
  await pane.hover();
  for (let i = 0; i < 12 && (await page.locator('.overview-canvas').count()) === 0; i += 1) await page.mouse.wheel(0, 400);
  await expect(page.locator('.overview-canvas')).toBeVisible();
  await expect(page.locator('.react-flow__node .claim-text')).toHaveCount(0);
  for (let i = 0; i < 12 && (await page.locator('.overview-canvas').count()) > 0; i += 1) await page.mouse.wheel(0, -400);
  await expect(page.locator('.react-flow__node .claim-text').first()).toBeVisible();
});

test('the focus view goes thesis → argument → back with the keyboard alone, and the URL names the claim', async ({ page }) => {
  const demo = await trpc<MapGet>(page.request, 'map.get', { mapId: DEMO_MAP_ID }, 'query');
  const thesis = demo.claims.find((claim) => !demo.links.some((link) => link.fromClaimId === claim.id))!;
  await page.goto('/demo');
  await page.getByRole('button', { name: 'Focus', exact: true }).focus();
  await page.keyboard.press('Enter');
  const focusView = page.getByRole('region', { name: 'Focus view' });
  await expect(focusView.getByRole('navigation', { name: 'Path to the thesis' })).toBeVisible();
  await expect(focusView.locator('.focus-claim-text')).toHaveText(thesis.text);
  await expect(focusView.getByRole('region', { name: /^Supporting \(\d+\)$/ })).toBeVisible();
  await expect(focusView.getByRole('region', { name: /^Opposing \(\d+\)$/ })).toBeVisible();

  // Keyboard focus is on the focused claim: arrow down into the cards, to the second supporting argument; Enter focuses it.
  await expect(focusView.locator('.focus-claim')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const card = page.locator(':focus');
  await expect(card).toHaveAttribute('data-focus-card', '');
  const label = (await card.getAttribute('aria-label')) ?? '';
  await page.keyboard.press('Enter');
  const child = demo.claims.find((claim) => label.includes(claim.text.slice(0, 60).trim()))!;
  await expect(focusView.locator('.focus-claim-text')).toHaveText(child.text);
  await expect(page).toHaveURL(new RegExp(`\\?focus=${child.id}$`));
  await expect(focusView.getByRole('navigation', { name: 'Path to the thesis' }).getByRole('button')).toHaveCount(1);
  // Keyboard focus moved to the focused claim, never to the page body.
  expect(await page.evaluate(() => document.activeElement?.className)).toContain('focus-claim');

  await page.keyboard.press('Backspace');
  await expect(focusView.locator('.focus-claim-text')).toHaveText(thesis.text);
  await expect(page).toHaveURL(new RegExp(`\\?focus=${thesis.id}$`));
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);

  // The shared link opens the focus view on that claim, rendered by the server.
  const html = await (await page.request.get(`/maps/${DEMO_MAP_ID}?focus=${child.id}`)).text();
  expect(html).toContain('focus-claim-text');
  await page.goto(`/maps/${DEMO_MAP_ID}?focus=${child.id}`);
  await expect(focusView.locator('.focus-claim-text')).toHaveText(child.text);
  // The server-rendered view shows before the page is interactive; once it is, keyboard focus moves to
  // the focused claim (a key pressed before that has no handler yet).
  await expect(focusView.locator('.focus-claim')).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(focusView.locator('.focus-claim-text')).toHaveText(thesis.text);
});

test('the focus view is where a map opens on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  try {
    await page.goto('/demo');
    const focusView = page.getByRole('region', { name: 'Focus view' });
    await expect(focusView.getByRole('navigation', { name: 'Path to the thesis' })).toBeVisible();
    const firstCard = focusView.locator('[data-focus-card]').first();
    const label = (await firstCard.getAttribute('aria-label')) ?? '';
    await firstCard.tap();
    await expect(focusView.locator('.focus-claim-text')).toContainText(label.replace(/^(Supports|Opposes): /, '').slice(0, 30));
    await expect(page).toHaveURL(/\?focus=/);
  } finally {
    await context.close();
  }
});

test('a new claim and a new evidence node never land on an existing node or a link badge', async ({ page }) => {
  await signInOverApi(page, newAccount('placer'));
  const map = await createMapOverApi(page, 'Should cities ban cars from their centres?');
  const thesis = await trpc<ClaimResult>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Cities should ban cars from their centres',
    x: 0,
    y: 0,
  });
  // Hand-placed so the usual slot for a new argument (under the thesis, right of its children) is taken.
  const pro = await trpc<ClaimResult>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Car-free centres have cleaner air',
    parentId: thesis.claim.id,
    relation: 'support',
    x: 0,
    y: 200,
  });
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Shops lose customers who drive in', x: 300, y: 200 });
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Delivery vans still need access', x: 0, y: 330 });
  // A link whose "+" badge sits in the next free slot (halfway between the two claims, x 600–860).
  const far = await trpc<ClaimResult>(page.request, 'claim.create', { mapId: map.id, text: 'Buses get faster', x: 600, y: 0 });
  await trpc(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Bus lanes stay clear',
    parentId: far.claim.id,
    relation: 'support',
    x: 600,
    y: 450,
  });

  await page.goto(`/maps/${map.id}`);
  await page.locator(`.react-flow__node[data-id="${thesis.claim.id}"]`).click();
  await page.keyboard.press('s');
  await page.keyboard.type('Walking and cycling become safer');
  await page.keyboard.press('Enter');
  const added = page.locator('.react-flow__node', { hasText: 'Walking and cycling become safer' });
  await expect(added).toBeVisible();
  await expect.poll(async () => (await added.getAttribute('data-id'))?.startsWith('pending') ?? true).toBe(false);
  const addedId = (await added.getAttribute('data-id'))!;
  expectNoOverlap([...(await nodeBoxes(page)), ...(await badgeBoxes(page, 'Walking and cycling'))], addedId);

  // A passage quoted from a source (created without a position) is placed clear of every node.
  const text = 'Air quality improved markedly once cars were kept out of the old town.';
  const { source } = await trpc<{ source: { id: string } }>(page.request, 'source.create', {
    mapId: map.id,
    title: 'Old town study',
    text,
  });
  const { evidence } = await trpc<{ evidence: { id: string } }>(page.request, 'evidence.create', {
    sourceId: source.id,
    start: 0,
    end: text.length,
    claimId: pro.claim.id,
    relation: 'support',
  });
  const passage = page.locator(`.react-flow__node[data-id="${evidence.id}"]`);
  await expect(passage).toBeVisible();
  expectNoOverlap([...(await nodeBoxes(page)), ...(await badgeBoxes(page, 'Air quality improved'))], evidence.id);
  await page.reload();
  await expect(passage).toBeVisible();
  expectNoOverlap([...(await nodeBoxes(page)), ...(await badgeBoxes(page, 'Air quality improved'))], evidence.id);
});

test('a claim nobody has rated shows "unrated", and does not move its parent', async ({ page }) => {
  await signInOverApi(page, newAccount('rater'));
  const map = await createMapOverApi(page, 'Is homework useful?');
  const thesis = await trpc<ClaimResult>(page.request, 'claim.create', { mapId: map.id, text: 'Homework is useful', x: 0, y: 0 });
  const pro = await trpc<ClaimResult>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Practice builds lasting mastery',
    parentId: thesis.claim.id,
    relation: 'support',
    x: 0,
    y: 220,
  });
  await page.goto(`/maps/${map.id}`);
  await page.getByRole('button', { name: 'Strength', exact: true }).click();
  const thesisNode = page.locator(`.react-flow__node[data-id="${thesis.claim.id}"]`);
  const proNode = page.locator(`.react-flow__node[data-id="${pro.claim.id}"]`);
  await expect(thesisNode.locator('.strength-badge')).toHaveText('unrated');
  await expect(proNode.locator('.strength-badge')).toHaveText('unrated');
  await expect(proNode.locator('.strength-badge')).toHaveAttribute('title', /nobody has voted/);

  // A vote on the argument rates it and, through it, the thesis.
  await trpc(page.request, 'vote.cast', { claimId: pro.claim.id, value: 4 });
  await expect(proNode.locator('.strength-badge')).toHaveText('100%');
  await expect(thesisNode.locator('.strength-badge')).toHaveText('100%');

  // The explanation opens from the side panel even with the overlay off.
  await page.getByRole('button', { name: 'Strength', exact: true }).click();
  await thesisNode.click();
  const panel = page.getByRole('complementary', { name: 'Selection details' });
  await panel.getByText('Why this strength?').click();
  await expect(panel.getByRole('region', { name: 'Computed strength' })).toContainText('raised by 1 supporter');
});
