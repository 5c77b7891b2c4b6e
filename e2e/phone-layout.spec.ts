/**
 * Phone first: at 390×844 (touch, deviceScaleFactor 2) no page scrolls sideways, signed in or
 * not; the site header folds into a menu; the map's chrome takes at most a quarter of the
 * screen; touch targets are at least 44 × 44 px; the side panel is a bottom sheet.
 */
import type { Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInAsGuestOverApi, signInOverApi, test, trpc } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function expectNoOverflow(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle').catch(() => {});
  expect(await overflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Height of the map's chrome: site header, map header, toolbar and banner. */
async function chromeHeight(page: Page): Promise<number> {
  return page.evaluate(() =>
    ['.site-header', '.map-header', '.map-toolbar', '.readonly-hint', '.map-error']
      .map((selector) => document.querySelector(selector)?.getBoundingClientRect().height ?? 0)
      .reduce((sum, height) => sum + height, 0),
  );
}

async function smallTargets(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(`${selector} button, ${selector} a[href], ${selector} select`)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown
      const name = element.textContent?.trim() || element.getAttribute('aria-label');
      if (box.width < 44 || box.height < 44) out.push(`${name} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  }, scope);
}

test('no page scrolls sideways at 390 px, signed out, as a guest and signed in', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const owner = newAccount('owner');
  await signInOverApi(page, owner);
  const map = await createMapOverApi(page, 'A map with a rather long title that should not push the page wider than the phone');
  const text = 'A thesis with enough words to wrap onto several lines on a phone screen';
  await trpc(page.request, 'claim.create', { mapId: map.id, text });
  const { link } = await trpc<{ link: { token: string } }>(page.request, 'share.create', { mapId: map.id, role: 'voter' });
  for (const path of ['/', '/dashboard', '/account', '/explore', '/join', `/maps/${map.id}`, `/maps/${map.id}/settings`, '/demo']) {
    await expectNoOverflow(page, path);
  }

  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
  const visitorContext = await browser.newContext({ baseURL, ...phone });
  const visitor = await visitorContext.newPage();
  for (const path of ['/', '/demo', '/signin', '/signup', '/join', '/explore', `/s/${link.token}`, `/maps/${map.id}`]) {
    await expectNoOverflow(visitor, path);
  }
  await signInAsGuestOverApi(visitor, 'Ada Lovelace-Byron');
  for (const path of ['/', '/account', '/join', `/maps/${map.id}`]) await expectNoOverflow(visitor, path);
  await visitorContext.close();
});

test('the header folds into a menu; the map chrome takes at most 25 %; targets are 44 px; the side panel is a bottom sheet', async ({
  page,
}) => {
  await signInOverApi(page, newAccount('teacher'));
  const map = await createMapOverApi(page, 'Should phones be banned in school?');
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Phones distract pupils', x: 0, y: 0 });

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).tap();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeVisible();
  const box = (await signOut.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeGreaterThanOrEqual(44);

  await page.goto(`/maps/${map.id}`);
  // Under 768 px the map opens in the focus view (one claim at a time).
  await expect(page.getByRole('region', { name: 'Focus view' })).toBeVisible();
  const chrome = await chromeHeight(page);
  console.log(`map chrome at 390×844 (owner): ${Math.round(chrome)} px = ${((chrome / 844) * 100).toFixed(1)} %`);
  expect(chrome).toBeLessThanOrEqual(844 * 0.25);
  expect(await smallTargets(page, '.map-toolbar')).toEqual([]);
  expect(await smallTargets(page, '.map-header')).toEqual([]);
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Graph', exact: true }).tap();
  await expect(page.getByRole('group', { name: /^Claim: / }).first()).toBeVisible();
  expect(await smallTargets(page, '.map-toolbar')).toEqual([]);
  await expect(page.locator('.react-flow__minimap')).toBeHidden();

  await page
    .getByRole('group', { name: /^Claim: / })
    .first()
    .tap();
  const sheet = page.getByRole('complementary', { name: 'Selection details' });
  await expect(sheet).toBeVisible();
  const sheetBox = (await sheet.boundingBox())!;
  expect(Math.round(sheetBox.width)).toBe(390);
  expect(Math.round(sheetBox.y + sheetBox.height)).toBe(844);
  expect(sheetBox.height).toBeLessThan(844 * 0.6);
});

test('a voter on a phone: chrome with the banner stays under 25 %, vote buttons are 44 px', async ({ page }) => {
  const owner = newAccount('owner');
  const voter = newAccount('voter');
  await signInOverApi(page, owner);
  const map = await createMapOverApi(page, 'Uniforms');
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Uniforms reduce bullying', x: 0, y: 0 });
  const { link } = await trpc<{ link: { token: string } }>(page.request, 'share.create', { mapId: map.id, role: 'voter' });
  await page.context().clearCookies();
  await signInOverApi(page, voter);
  await trpc(page.request, 'share.join', { token: link.token });
  await page.goto(`/maps/${map.id}`);
  await expect(page.getByRole('note')).toContainText('You can rate claims');
  const chrome = await chromeHeight(page);
  console.log(`map chrome at 390×844 (voter, with banner): ${Math.round(chrome)} px = ${((chrome / 844) * 100).toFixed(1)} %`);
  expect(chrome).toBeLessThanOrEqual(844 * 0.25);
  await page.getByRole('button', { name: 'Open Vote mode' }).tap();
  expect(await smallTargets(page, '.vote-deck')).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});

test('an editor on a phone adds an opposing claim: the sheet steps aside and nothing covers the input', async ({ page }) => {
  await signInOverApi(page, newAccount('editor'));
  const map = await createMapOverApi(page, 'Homework');
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Homework helps', x: 0, y: 0 });
  await page.goto(`/maps/${map.id}`);
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Graph', exact: true }).tap();
  await page
    .getByRole('group', { name: /^Claim: / })
    .first()
    .tap();
  const sheet = page.getByRole('complementary', { name: 'Selection details' });
  await sheet.getByRole('button', { name: /\+ Oppose/ }).tap();
  const input = page.getByRole('textbox').first();
  await expect(input).toBeFocused();
  await expect(sheet).toBeHidden();
  const box = (await input.boundingBox())!;
  const chromeBottom = await page.evaluate(() => document.querySelector('.map-toolbar')!.getBoundingClientRect().bottom);
  expect(box.y).toBeGreaterThanOrEqual(chromeBottom);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  await page.keyboard.type('It takes time from sleep');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Claim: It takes time from sleep', exact: true })).toBeVisible();
});
