import type { Page } from '@playwright/test';
import { addMember } from './db';
import { createMapOverApi, expect, nodeOf, signedInPage, test, trpc } from './fixtures';

interface ClaimResult {
  claim: { id: string };
  link: { relation: 'support' | 'oppose' } | null;
}

/** Selects a node on the canvas; the side panel then shows its VotePanel. */
async function select(page: Page, id: string) {
  await nodeOf(page, id).locator('.claim-text').click();
  const panel = page.getByRole('complementary', { name: 'Selection details' }).getByRole('region', { name: 'Votes' });
  await expect(panel).toHaveAttribute('data-target-id', id);
  return panel;
}

/** The strength the overlay shows on a node: the node's --strength style, set while the overlay is on. */
async function overlayStrength(page: Page, id: string): Promise<number | null> {
  const value = await nodeOf(page, id)
    .locator('.claim-node')
    .evaluate((element) => (element as HTMLElement).style.getPropertyValue('--strength'));
  return value === '' ? null : Number(value);
}

test('two members vote on a claim; the second sees results only after voting; the strength overlay follows the votes', async ({
  browser,
}) => {
  const alice = await signedInPage(browser, 'alice');
  const bob = await signedInPage(browser, 'bob');
  try {
    // Setup over the API: a thesis with a supporter and an opposer; Bob joins as a voter.
    const map = await createMapOverApi(alice.page, 'Should homework be abolished?');
    const thesis = await trpc<ClaimResult>(alice.page.request, 'claim.create', {
      mapId: map.id,
      text: 'Homework should be abolished',
      x: 0,
      y: 0,
    });
    const pro = await trpc<ClaimResult>(alice.page.request, 'claim.create', {
      mapId: map.id,
      text: 'It widens inequality between pupils',
      parentId: thesis.claim.id,
      relation: 'support',
      x: -200,
      y: 220,
    });
    const con = await trpc<ClaimResult>(alice.page.request, 'claim.create', {
      mapId: map.id,
      text: 'Practice builds lasting mastery',
      parentId: thesis.claim.id,
      relation: 'oppose',
      x: 200,
      y: 220,
    });
    expect(pro.link?.relation).toBe('support');
    await addMember(map.id, bob.account.email, 'voter');

    // Alice (the owner) votes 3 on the thesis in the side panel.
    await alice.page.goto(`/maps/${map.id}`);
    const alicePanel = await select(alice.page, thesis.claim.id);
    await alicePanel.getByRole('button', { name: '3 strong' }).click();
    await expect(alicePanel.getByRole('button', { name: '3 strong' })).toHaveAttribute('aria-pressed', 'true');
    await expect(alicePanel.getByTestId('vote-results')).toContainText('1 vote');

    // Bob, who has not voted, sees no results (blind voting)…
    await bob.page.goto(`/maps/${map.id}`);
    const bobPanel = await select(bob.page, thesis.claim.id);
    await expect(bobPanel.getByText('Vote to see how others rated this.')).toBeVisible();
    await expect(bobPanel.getByTestId('vote-results')).toHaveCount(0);
    // …until he votes; then the whole histogram, Alice's vote included.
    await bobPanel.getByRole('button', { name: '1 weak' }).click();
    await expect(bobPanel.getByTestId('vote-results')).toContainText('2 votes');
    await expect(bobPanel.getByRole('listitem', { name: '3 strong: 1 vote' })).toBeVisible();
    await expect(bobPanel.getByRole('listitem', { name: '1 weak: 1 vote' })).toBeVisible();
    await expect(bobPanel.getByText('Your vote: 1 weak')).toBeVisible();

    // He changes his mind, then retracts: results are hidden again.
    await bobPanel.getByRole('button', { name: '2 moderate' }).click();
    await expect(bobPanel.getByRole('listitem', { name: '2 moderate: 1 vote' })).toBeVisible();
    await bobPanel.getByRole('button', { name: 'Retract my vote' }).click();
    await expect(bobPanel.getByText('Vote to see how others rated this.')).toBeVisible();
    await bobPanel.getByRole('button', { name: '1 weak' }).click();
    await expect(bobPanel.getByTestId('vote-results')).toContainText('2 votes');

    // The strength overlay. Thesis: mean 2 → base 0.5; its supporter and opposer have no votes, so
    // they are unrated and count for nothing.
    for (const page of [alice.page, bob.page]) await page.getByRole('button', { name: 'Strength', exact: true }).click();
    await expect.poll(() => overlayStrength(bob.page, thesis.claim.id)).toBeCloseTo(0.5, 3);
    await expect.poll(() => overlayStrength(alice.page, thesis.claim.id)).toBeCloseTo(0.5, 3);

    // Bob gives the opposing claim a decisive 4: it reaches strength 1 and, against no rated
    // support, drags the thesis to 0.5 − 0.5·1 = 0 on his canvas at once…
    const bobConPanel = await select(bob.page, con.claim.id);
    await bobConPanel.getByRole('button', { name: '4 decisive' }).click();
    await expect.poll(() => overlayStrength(bob.page, con.claim.id)).toBeCloseTo(1, 3);
    await expect.poll(() => overlayStrength(bob.page, thesis.claim.id)).toBeCloseTo(0, 3);
    // …and on Alice's, live, through the event stream.
    await expect.poll(() => overlayStrength(alice.page, thesis.claim.id), { timeout: 15_000 }).toBeCloseTo(0, 3);

    // The server computes the same strengths with the same function.
    const view = await trpc<{ claims: { id: string; strength: number }[] }>(alice.page.request, 'map.get', { mapId: map.id }, 'query');
    expect(view.claims.find((claim) => claim.id === thesis.claim.id)?.strength).toBeCloseTo(0, 6);
  } finally {
    await alice.close();
    await bob.close();
  }
});

test('a viewer is told why they cannot vote, and sees results only once the owner reveals them', async ({ browser }) => {
  const owner = await signedInPage(browser, 'owner');
  const viewer = await signedInPage(browser, 'viewer');
  try {
    const map = await createMapOverApi(owner.page, 'Is homework useful?');
    const claim = await trpc<ClaimResult>(owner.page.request, 'claim.create', { mapId: map.id, text: 'Homework is useful', x: 0, y: 0 });
    await trpc(owner.page.request, 'vote.cast', { claimId: claim.claim.id, value: 4 });
    await addMember(map.id, viewer.account.email, 'viewer');

    await viewer.page.goto(`/maps/${map.id}`);
    const panel = await select(viewer.page, claim.claim.id);
    await expect(panel.getByText("Viewers can't vote — ask the owner for voter access.")).toBeVisible();
    await expect(panel.getByRole('button', { name: '4 decisive' })).toHaveCount(0);
    await expect(panel.getByText('Results stay hidden until the owner reveals them.')).toBeVisible();

    await trpc(owner.page.request, 'map.revealResults', { mapId: map.id });
    await viewer.page.reload();
    const revealed = await select(viewer.page, claim.claim.id);
    await expect(revealed.getByRole('listitem', { name: '4 decisive: 1 vote' })).toBeVisible();
  } finally {
    await owner.close();
    await viewer.close();
  }
});
