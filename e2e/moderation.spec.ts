import { addMember } from './db';
import { createMapOverApi, expect, nodeOf, signedInPage, test, trpc } from './fixtures';

test('with approval on, a student’s claim is invisible to a second student until the teacher approves it, then appears live', async ({
  browser,
}) => {
  const teacher = await signedInPage(browser, 'teacher');
  const ada = await signedInPage(browser, 'ada');
  const bo = await signedInPage(browser, 'bo');
  try {
    const map = await createMapOverApi(teacher.page, 'Should school start later?');
    const { claim: thesis } = await trpc<{ claim: { id: string } }>(teacher.page.request, 'claim.create', {
      mapId: map.id,
      text: 'School should start later',
      x: 0,
      y: 0,
    });
    await addMember(map.id, ada.account.email, 'editor');
    await addMember(map.id, bo.account.email, 'editor');
    await trpc(teacher.page.request, 'map.update', { mapId: map.id, requireApproval: true });

    await bo.page.goto(`/maps/${map.id}`);
    await expect(nodeOf(bo.page, thesis.id)).toBeVisible();
    await teacher.page.goto(`/maps/${map.id}`);
    await expect(teacher.page.getByRole('button', { name: 'Review (0)' })).toBeVisible();

    const { claim } = await trpc<{ claim: { id: string } }>(ada.page.request, 'claim.create', {
      mapId: map.id,
      text: 'Teenagers are sleepier in the morning',
      parentId: thesis.id,
      relation: 'support',
      x: 0,
      y: 200,
    });
    await ada.page.goto(`/maps/${map.id}`);
    await expect(nodeOf(ada.page, claim.id).getByText('Waiting for approval')).toBeVisible();

    // The teacher's queue gets it live; Bo's map does not.
    const review = teacher.page.getByRole('button', { name: 'Review (1)' });
    await expect(review).toBeVisible();
    await expect(nodeOf(teacher.page, claim.id).getByText('Waiting for approval')).toBeVisible();
    await expect(nodeOf(bo.page, claim.id)).toHaveCount(0);
    await expect(bo.page.getByText('Teenagers are sleepier in the morning')).toHaveCount(0);

    await review.click();
    const panel = teacher.page.getByRole('complementary', { name: 'Review' });
    const item = panel.getByRole('listitem', { name: /Teenagers are sleepier/ });
    await expect(item.getByText(ada.account.displayName)).toBeVisible();
    await item.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(panel.getByText('Nothing waits for approval.')).toBeVisible();

    // Published to everyone without a reload, no longer marked for its author.
    await expect(nodeOf(bo.page, claim.id)).toBeVisible();
    await expect(nodeOf(bo.page, claim.id).getByText('Teenagers are sleepier in the morning')).toBeVisible();
    await expect(nodeOf(ada.page, claim.id).getByText('Waiting for approval')).toHaveCount(0);
  } finally {
    await Promise.all([teacher.close(), ada.close(), bo.close()]);
  }
});

test('a re-rate nudge reaches a voter when an opposer lands under their claim and opens it in Vote mode with the earlier vote', async ({
  browser,
}) => {
  const teacher = await signedInPage(browser, 'teacher');
  const voter = await signedInPage(browser, 'voter');
  try {
    const map = await createMapOverApi(teacher.page, 'Uniforms');
    const { claim: thesis } = await trpc<{ claim: { id: string } }>(teacher.page.request, 'claim.create', {
      mapId: map.id,
      text: 'Schools should require uniforms',
      x: 0,
      y: 0,
    });
    await addMember(map.id, voter.account.email, 'voter');
    await trpc(voter.page.request, 'vote.cast', { claimId: thesis.id, value: 3 });
    await voter.page.goto(`/maps/${map.id}`);
    await expect(nodeOf(voter.page, thesis.id)).toBeVisible();

    await trpc(teacher.page.request, 'claim.create', {
      mapId: map.id,
      text: 'Uniforms cost families money',
      parentId: thesis.id,
      relation: 'oppose',
    });
    const bell = voter.page.getByRole('button', { name: /Notifications, 1 unread/ });
    await expect(bell).toBeVisible({ timeout: 35_000 });
    await bell.click();
    const nudge = voter.page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('link', { name: /A new objection to .* you rated 3/ });
    await nudge.click();

    await expect(voter.page.getByRole('heading', { name: 'Schools should require uniforms' })).toBeVisible();
    // Role-scoped: while the route changes, the page being left may still hold a hidden copy of the card.
    const card = voter.page.getByRole('article', { name: 'Schools should require uniforms' });
    await expect(card.getByTestId('earlier-vote')).toContainText('Your earlier vote: 3');
    await expect(voter.page.getByRole('group', { name: 'Your vote' }).getByRole('button', { pressed: true })).toContainText('3');
  } finally {
    await Promise.all([teacher.close(), voter.close()]);
  }
});
