/**
 * The student's path, counted: from the projected join code (or its QR code) to a stored vote in
 * at most three interactions and under 20 s, on a 390×844 touch phone and a 1440×900 desktop.
 * An interaction is what the issue lists: type the code and Enter, type a name and Enter, tap a
 * vote. Every raw action (fill/typing, key press, click/tap) is counted too and asserted.
 */
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

interface Counter {
  interactions: number;
  typed: number;
  keys: number;
  taps: number;
}

/** Wraps the few ways a student acts, counting each. */
function actor(page: Page, counter: Counter, isTouch: boolean) {
  return {
    /** Types into whatever has focus (proving the field took focus: no click first) and presses Enter. */
    async typeAndEnter(text: string) {
      counter.interactions += 1;
      counter.typed += 1;
      counter.keys += 1;
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    },
    async enter() {
      counter.interactions += 1;
      counter.keys += 1;
      await page.keyboard.press('Enter');
    },
    async tapVote(label: string) {
      counter.interactions += 1;
      counter.taps += 1;
      const deck = page.getByRole('region', { name: 'Vote mode' });
      const button = deck.getByRole('group', { name: 'Your vote' }).getByRole('button', { name: label });
      if (isTouch) await button.tap();
      else await button.click();
    },
  };
}

async function setUpClass(page: Page) {
  await signInOverApi(page, newAccount('teacher'));
  const map = await createMapOverApi(page, 'Should school start later?');
  const thesis = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', { mapId: map.id, text: 'School should start at 10' });
  const parentId = thesis.claim.id;
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Teenagers sleep later', parentId, relation: 'support' });
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Parents start work early', parentId, relation: 'oppose' });
  const { link } = await trpc<{ link: { token: string; code: string } }>(page.request, 'share.create', { mapId: map.id, role: 'voter' });
  return { mapId: map.id, thesisId: thesis.claim.id, token: link.token, code: link.code };
}

async function storedVote(page: Page, mapId: string, claimId: string): Promise<number | null> {
  const view = await trpc<{ claims: { id: string; myVote: number | null }[] }>(page.request, 'map.get', { mapId }, 'query');
  return view.claims.find((claim) => claim.id === claimId)?.myVote ?? null;
}

async function studentPage(browser: Browser, baseURL: string | undefined, options: BrowserContextOptions) {
  const context = await browser.newContext({ ...options, baseURL });
  return { context, page: await context.newPage() };
}

for (const [name, options] of [
  ['390×844 touch phone', PHONE],
  ['1440×900 desktop', DESKTOP],
] as const) {
  test(`a student goes from the join code to a stored vote in ≤ 3 interactions and < 20 s (${name})`, async ({
    page,
    browser,
    baseURL,
  }) => {
    const isTouch = Boolean(options.hasTouch);
    const lesson = await setUpClass(page);
    const { context, page: student } = await studentPage(browser, baseURL, options);
    const counter: Counter = { interactions: 0, typed: 0, keys: 0, taps: 0 };
    const act = actor(student, counter, isTouch);

    const started = Date.now();
    await student.goto('/join');
    await expect(student.getByLabel('Join code')).toBeFocused();
    await act.typeAndEnter(lesson.code.toLowerCase());
    await expect(student.getByLabel('Display name')).toBeFocused();
    await act.typeAndEnter('Ada');
    // A voter lands in Vote mode on the thesis.
    const deck = student.getByRole('region', { name: 'Vote mode' });
    await expect(deck.getByRole('heading', { name: 'School should start at 10' })).toBeVisible();
    await expect(deck.getByText('1 of 3')).toBeVisible();
    await act.tapVote('3 strong');
    await expect.poll(() => storedVote(student, lesson.mapId, lesson.thesisId), { timeout: 15_000 }).toBe(3);
    const seconds = (Date.now() - started) / 1000;

    // The next card slides in, saying what it argues for.
    await expect(deck.getByText('2 of 3')).toBeVisible();
    await expect(deck.getByText('Supports School should start at 10')).toBeVisible();

    console.log(`student via /join (${name}): ${counter.interactions} interactions (${JSON.stringify(counter)}), ${seconds.toFixed(1)} s`);
    expect(counter.interactions).toBeLessThanOrEqual(3);
    expect(counter).toEqual({ interactions: 3, typed: 2, keys: 2, taps: 1 });
    expect(seconds).toBeLessThan(20);
    expect(await student.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });

  test(`a scanned QR code skips the code, and the device remembers the name (${name})`, async ({ page, browser, baseURL }) => {
    const isTouch = Boolean(options.hasTouch);
    const lesson = await setUpClass(page);
    const { context, page: student } = await studentPage(browser, baseURL, options);
    const counter: Counter = { interactions: 0, typed: 0, keys: 0, taps: 0 };
    const act = actor(student, counter, isTouch);

    const started = Date.now();
    await student.goto(`/s/${lesson.token}`);
    await expect(student.getByLabel('Display name')).toBeFocused();
    await act.typeAndEnter('Grace');
    await act.tapVote('1 weak');
    await expect.poll(() => storedVote(student, lesson.mapId, lesson.thesisId), { timeout: 15_000 }).toBe(1);
    const seconds = (Date.now() - started) / 1000;
    const counted = `${counter.interactions} interactions (${JSON.stringify(counter)})`;
    console.log(`student via QR link (${name}): ${counted}, ${seconds.toFixed(1)} s`);
    expect(counter).toEqual({ interactions: 2, typed: 1, keys: 1, taps: 1 });
    expect(seconds).toBeLessThan(20);

    // Next lesson, same device, signed out: the name is filled in, one Enter joins.
    await context.clearCookies();
    const next = await setUpClass(page);
    await student.goto(`/s/${next.token}`);
    await expect(student.getByLabel('Display name')).toHaveValue('Grace');
    await expect(student.getByLabel('Display name')).toBeFocused();
    await act.enter();
    const deck = student.getByRole('region', { name: 'Vote mode' });
    await expect(deck.getByRole('heading', { name: 'School should start at 10' })).toBeVisible();
    await context.close();
  });
}

test('Vote mode by keyboard: 0–4 vote, arrows move, Skip and See the map', async ({ page, browser, baseURL }) => {
  const lesson = await setUpClass(page);
  const { context, page: student } = await studentPage(browser, baseURL, DESKTOP);
  await student.goto(`/s/${lesson.token}`);
  await student.keyboard.type('Lin');
  await student.keyboard.press('Enter');
  const deck = student.getByRole('region', { name: 'Vote mode' });
  await expect(deck.getByText('1 of 3')).toBeVisible();
  // Blind voting: the results stay hidden until this card is voted.
  await expect(deck.getByTestId('votes-hidden')).toBeVisible();
  await student.keyboard.press('4');
  await expect(deck.getByText('2 of 3')).toBeVisible();
  await expect.poll(() => storedVote(student, lesson.mapId, lesson.thesisId)).toBe(4);
  await student.keyboard.press('ArrowLeft');
  await expect(deck.getByText('1 of 3')).toBeVisible();
  await expect(deck.getByRole('button', { name: '4 decisive' })).toHaveAttribute('aria-pressed', 'true');
  await expect(deck.getByTestId('vote-results')).toContainText('1 vote');
  await student.keyboard.press('ArrowRight');
  await deck.getByRole('button', { name: 'Skip →' }).click();
  await expect(deck.getByText('3 of 3')).toBeVisible();
  await expect(deck.getByText('Opposes School should start at 10')).toBeVisible();
  await student.keyboard.press('0');
  await expect(deck.getByRole('heading', { name: 'You rated 2 of 3 claims' })).toBeVisible();
  await expect(deck.getByRole('heading', { name: 'You rated 2 of 3 claims' })).toBeFocused();
  await deck.getByRole('button', { name: 'See the map' }).last().click();
  await expect(deck).toBeHidden();
  await expect(student.getByRole('note')).toContainText('You can rate claims: tap one, or open Vote mode.');
  await context.close();
});
