/**
 * The teacher's console on the map itself: a presence bar with both people, the live Class panel
 * (who has voted, votes per claim, most disagreement), one-click Reveal / Lock / Anonymous /
 * Present in the toolbar, history in the teacher's words, and request access end to end.
 */
import type { Browser, Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

async function joinAsGuest(browser: Browser, baseURL: string | undefined, token: string, name: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(`/s/${token}`);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Display name').press('Enter');
  await expect(page.getByRole('region', { name: 'Vote mode' })).toBeVisible();
  return { context, page };
}

async function voteInDeck(page: Page, label: string) {
  const deck = page.getByRole('region', { name: 'Vote mode' });
  await deck.getByRole('group', { name: 'Your vote' }).getByRole('button', { name: label }).click();
}

test('the teacher sees who is here and who has voted, and reveals, locks, anonymises and presents from the toolbar', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInOverApi(page, newAccount('rivera'));
  const map = await createMapOverApi(page, 'Is social media good for teenagers?');
  const thesis = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Social media does more good than harm',
  });
  const { link } = await trpc<{ link: { token: string; code: string } }>(page.request, 'share.create', { mapId: map.id, role: 'voter' });
  await page.goto(`/maps/${map.id}`);
  const tools = page.getByRole('toolbar', { name: 'Map tools' });
  const classControls = tools.getByRole('group', { name: 'Class controls' });
  await classControls.getByRole('button', { name: 'Class' }).click();
  const panel = page.getByRole('complementary', { name: 'Class' });
  await expect(panel).toBeVisible();

  // Ada joins: both presence bars show two people, across two browsers.
  const ada = await joinAsGuest(browser, baseURL, link.token, 'Ada');
  await expect(page.getByRole('button', { name: /^2 here/ })).toBeVisible({ timeout: 20_000 });
  await expect(ada.page.getByRole('button', { name: /^2 here/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /^2 here/ }).click();
  await expect(page.getByRole('list', { name: 'People on this map now' }).getByText('Ada')).toBeVisible();
  await page.keyboard.press('Escape');

  // The Class panel: Ada has not voted; then she votes and the counts follow live.
  await expect(panel.getByRole('list', { name: 'Not voted yet' }).getByText('Ada')).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Here now' }).getByText('Ada')).toBeVisible();
  await voteInDeck(ada.page, '4 decisive');
  await expect(panel.getByTestId('class-vote-total')).toContainText('1 vote from 1 of 1 member', { timeout: 15_000 });
  await expect(panel.getByText('Everyone who can vote has voted.')).toBeVisible();

  // Grace disagrees: the claim tops "Most disagreement".
  const grace = await joinAsGuest(browser, baseURL, link.token, 'Grace');
  await voteInDeck(grace.page, '0 none');
  await expect(panel.getByTestId('class-vote-total')).toContainText('2 votes from 2 of 2 members', { timeout: 15_000 });
  await expect(panel.getByRole('button', { name: 'Social media does more good than harm' }).first()).toBeVisible();
  await expect(panel.getByText('2 votes, spread 2.0')).toBeVisible();

  // Reveal results, one click: a student who has not voted on a new claim now sees the results.
  await classControls.getByRole('button', { name: 'Reveal results' }).click();
  await expect(classControls.getByRole('button', { name: 'Results shown' })).toBeVisible();

  // Lock, one click: the students' votes are refused.
  await classControls.getByRole('switch', { name: 'Lock' }).click();
  await expect(classControls.getByRole('switch', { name: 'Locked' })).toHaveAttribute('aria-checked', 'true');
  const isLocked = async () =>
    (await trpc<{ map: { isLocked: boolean } }>(page.request, 'map.get', { mapId: map.id }, 'query')).map.isLocked;
  await expect.poll(isLocked).toBe(true);
  await expect(trpc(ada.page.request, 'vote.cast', { claimId: thesis.claim.id, value: 2 })).rejects.toThrow('locked');
  await classControls.getByRole('switch', { name: 'Locked' }).click();
  await expect(classControls.getByRole('switch', { name: 'Lock' })).toHaveAttribute('aria-checked', 'false');
  await expect.poll(isLocked).toBe(false);

  // Anonymous, one click: the panel names people by pseudonym.
  await classControls.getByRole('switch', { name: 'Anonymous' }).click();
  await expect(classControls.getByRole('switch', { name: 'Anonymous' })).toHaveAttribute('aria-checked', 'true');
  await expect(panel.getByText('names shown as pseudonyms')).toBeVisible({ timeout: 15_000 });
  await classControls.getByRole('switch', { name: 'Anonymous' }).click();

  // Present: the code and QR at once, with live counts; closing returns focus to Present.
  await classControls.getByRole('button', { name: 'Present' }).click();
  const presentation = page.getByRole('dialog', { name: 'Join Is social media good for teenagers?' });
  await expect(presentation.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  await expect(presentation.getByText(`${link.code.slice(0, 3)}-${link.code.slice(3)}`)).toBeVisible();
  await expect(presentation.getByTestId('present-live')).toContainText('2 joined');
  await expect(presentation.getByTestId('present-live')).toContainText('2 votes');
  await presentation.getByRole('button', { name: 'Close presentation' }).click();
  await expect(presentation).toBeHidden();
  await expect(classControls.getByRole('button', { name: 'Present' })).toBeFocused();

  // History speaks the teacher's language.
  await tools.getByRole('button', { name: 'History' }).click();
  const history = page.getByTestId('history-panel');
  await expect(history.getByText('Ada joined as a voter')).toBeVisible();
  await expect(history.getByText('You revealed the results')).toBeVisible();
  await expect(history.getByText('changed how the map is shared')).toHaveCount(0);

  await ada.context.close();
  await grace.context.close();
});

test('a private map says so, for maps that do not exist too; Request access lets the person in live', async ({
  page,
  browser,
  baseURL,
}) => {
  await signInOverApi(page, newAccount('owner'));
  const map = await createMapOverApi(page, 'A private lesson plan');

  // Signed out: told to sign in, on the page itself.
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/maps/${map.id}`);
  await expect(visitor.getByRole('heading', { name: 'This map is private' })).toBeVisible();
  const signInHref = `/signin?callbackUrl=${encodeURIComponent(`/maps/${map.id}`)}`;
  await expect(visitor.getByRole('link', { name: 'Sign in' }).last()).toHaveAttribute('href', signInHref);

  // Signed in, not a member: the same page for this map and for one that does not exist.
  const studentContext = await browser.newContext({ baseURL });
  const student = await studentContext.newPage();
  await signInOverApi(student, newAccount('student'));
  await student.goto('/maps/cmaaaaaaaaaaaaaaaaaaaaaaa');
  await expect(student.getByRole('heading', { name: 'This map is private' })).toBeVisible();
  const missingText = await student.getByRole('main').innerText();
  await student.goto(`/maps/${map.id}`);
  await expect(student.getByRole('heading', { name: 'This map is private' })).toBeVisible();
  expect(await student.getByRole('main').innerText()).toBe(missingText);
  await expect(student.getByRole('heading', { name: 'This map is private' })).toBeFocused();
  await student.getByRole('button', { name: 'Request access' }).click();
  await expect(student.getByRole('status')).toContainText('Request sent');

  // The owner sees the request in the members panel and lets the student in as an editor.
  await page.goto(`/maps/${map.id}`);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('tab', { name: 'Members' }).click();
  const request = page.getByRole('list', { name: 'Access requests' }).getByRole('listitem');
  await expect(request).toHaveCount(1);
  await request.getByLabel(/^Role for /).selectOption('editor');
  await request.getByRole('button', { name: 'Let in' }).click();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(2);

  // The student's page opens the map by itself.
  await expect(student.getByRole('heading', { name: 'A private lesson plan' })).toBeVisible({ timeout: 15_000 });
  await expect(student.getByRole('button', { name: /\+ Claim/ })).toBeVisible();
  await visitorContext.close();
  await studentContext.close();
});
