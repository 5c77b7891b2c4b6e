import type { Browser, Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

interface CreatedLink {
  url: string;
  code: string;
}

/** Opens the owner's sharing tools: the Share button in the map header, or the map's settings page. */
async function openSharing(page: Page, mapId: string) {
  await page.goto(`/maps/${mapId}`);
  const shareButton = page.getByRole('button', { name: 'Share', exact: true });
  if (await shareButton.isVisible()) {
    await shareButton.click();
    await expect(page.getByRole('dialog', { name: /^Share “/ })).toBeVisible();
  } else {
    await page.goto(`/maps/${mapId}/settings`);
  }
  await expect(page.getByRole('tab', { name: 'Links and codes' })).toBeVisible();
}

/** Creates a link with `role` in the share UI and reads its URL and join code from the list. */
async function createLinkInUi(page: Page, role: 'Editor' | 'Voter' | 'Viewer'): Promise<CreatedLink> {
  await page.getByRole('tab', { name: 'Links and codes' }).click();
  const form = page.getByRole('form', { name: 'New share link' });
  await form.getByLabel('Role').selectOption(role.toLowerCase());
  const links = page.getByRole('list', { name: 'Share links' }).getByRole('listitem');
  const before = await links.count();
  await form.getByRole('button', { name: 'Create link' }).click();
  await expect(links).toHaveCount(before + 1);
  const newest = links.first();
  await expect(newest.getByText(role, { exact: true })).toBeVisible();
  const url = await newest.getByRole('textbox', { name: `Share link (${role.toLowerCase()})` }).inputValue();
  const code = (await newest.locator('.share-code').innerText()).replace('-', '');
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
  return { url, code };
}

async function newStudentPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test('a teacher shares a map with a class: a guest joins by link and votes, a lock stops an editor, a code works at /join', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const teacher = newAccount('teacher');
  await signInOverApi(page, teacher);
  const map = await createMapOverApi(page, 'Should homework be abolished?');
  const { claim } = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Homework widens inequality',
  });

  // The teacher creates a voter link in the share UI; its QR code and presentation view work.
  await openSharing(page, map.id);
  const voterLink = await createLinkInUi(page, 'Voter');
  await expect(page.getByRole('status').filter({ hasText: 'now open to people with a share link' })).toBeVisible();
  const voterItem = page.getByRole('listitem', {
    name: new RegExp(`^Voter link ${voterLink.code.slice(0, 3)}-${voterLink.code.slice(3)}$`),
  });
  // A new link shows its QR code at once; it can be folded away and back.
  await expect(voterItem.getByRole('img', { name: 'QR code of the voter link' })).toBeVisible();
  await voterItem.getByRole('button', { name: 'Hide QR code' }).click();
  await expect(voterItem.getByRole('img', { name: 'QR code of the voter link' })).toBeHidden();
  await voterItem.getByRole('button', { name: 'Show QR code' }).click();
  await expect(voterItem.getByRole('img', { name: 'QR code of the voter link' })).toBeVisible();
  await voterItem.getByRole('button', { name: 'Present' }).click();
  const presentation = page.getByRole('dialog', { name: 'Join Should homework be abolished?' });
  await expect(presentation.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  await expect(presentation.getByText(`${voterLink.code.slice(0, 3)}-${voterLink.code.slice(3)}`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(presentation).toBeHidden();
  const editorLink = await createLinkInUi(page, 'Editor');

  // A student opens the link in another browser and joins as the guest "Ada".
  const ada = await newStudentPage(browser, baseURL);
  await ada.goto(voterLink.url);
  await expect(ada.getByRole('heading', { name: 'Should homework be abolished?' })).toBeVisible();
  await expect(ada.getByText('You will join as a voter')).toBeVisible();
  await ada.getByLabel('Display name').fill('Ada');
  await ada.getByRole('button', { name: 'Join as guest' }).click();
  // A voter lands in Vote mode: the claim's card, ready for a vote.
  await expect(ada).toHaveURL(new RegExp(`/maps/${map.id}\\?mode=vote$`));
  await expect(ada.getByRole('heading', { name: 'Should homework be abolished?' })).toBeVisible();
  const deck = ada.getByRole('region', { name: 'Vote mode' });
  await expect(deck.getByRole('heading', { name: 'Homework widens inequality' })).toBeVisible();
  await expect(ada.getByTestId('current-user')).toContainText('Ada');
  await expect(ada.getByTestId('current-user')).toContainText('guest');

  // Ada votes on the claim's card…
  await deck.getByRole('group', { name: 'Your vote' }).getByRole('button', { name: '3 strong' }).click();
  await expect
    .poll(
      async () =>
        (await trpc<{ claims: { id: string; myVote: number | null }[] }>(ada.request, 'map.get', { mapId: map.id }, 'query')).claims.find(
          (item) => item.id === claim.id,
        )?.myVote,
    )
    .toBe(3);
  // …and cannot edit: no editing control, a notice of what she can do, and the server refuses with her role in the message.
  await deck.getByRole('button', { name: 'See the map' }).first().click();
  await expect(ada.getByRole('button', { name: /\+ Claim/ })).toHaveCount(0);
  await expect(ada.getByText('You can rate claims: tap one, or open Vote mode.')).toBeVisible();
  await expect(trpc(ada.request, 'claim.create', { mapId: map.id, text: 'Ada was here' })).rejects.toThrow(
    'Your role on this map is voter; you need to be an editor to edit it.',
  );

  // The teacher sees Ada among the members and the link's joined count.
  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('listitem', { name: 'Ada' })).toBeVisible();
  await page.getByRole('tab', { name: 'Links and codes' }).click();
  await expect(voterItem.getByText('1 joined')).toBeVisible();

  // An editor joins through the editor link with an account.
  const editorPage = await newStudentPage(browser, baseURL);
  const editor = newAccount('editor');
  await signInOverApi(editorPage, editor);
  await editorPage.goto(editorLink.url);
  await expect(editorPage.getByText('You will join as an editor')).toBeVisible();
  await editorPage.getByRole('button', { name: 'Join map' }).click();
  await expect(editorPage).toHaveURL(new RegExp(`/maps/${map.id}$`));
  await expect(editorPage.getByRole('button', { name: /\+ Claim/ })).toBeVisible();
  await trpc(editorPage.request, 'claim.create', { mapId: map.id, text: 'Practice builds mastery' });

  // The teacher locks the map; the editor's next edit is refused with a clear message.
  await page.getByRole('tab', { name: 'Classroom controls' }).click();
  const lock = page.getByRole('switch', { name: /Lock the map/ });
  await lock.check();
  await expect(lock).toBeChecked();
  await expect
    .poll(async () => (await trpc<{ map: { isLocked: boolean } }>(page.request, 'map.get', { mapId: map.id }, 'query')).map.isLocked)
    .toBe(true);
  await expect(trpc(editorPage.request, 'claim.create', { mapId: map.id, text: 'After the lock' })).rejects.toThrow(
    'This map is locked by its owner: it is read-only until they unlock it.',
  );
  await editorPage.reload();
  // By role: while the streamed page swaps in its content, React keeps a hidden copy of it in the DOM.
  await expect(editorPage.getByRole('note').filter({ hasText: 'The owner has locked this map' })).toBeVisible();
  await expect(editorPage.getByRole('button', { name: /\+ Claim/ })).toHaveCount(0);

  // Another student types the code at /join (lower case, with a dash) and joins as a guest.
  const grace = await newStudentPage(browser, baseURL);
  await grace.goto('/');
  await grace.getByRole('link', { name: 'Join with a code' }).click();
  await expect(grace).toHaveURL(/\/join$/);
  await grace.getByLabel('Join code').fill(`${voterLink.code.slice(0, 3).toLowerCase()}-${voterLink.code.slice(3).toLowerCase()}`);
  await grace.getByRole('button', { name: 'Continue' }).click();
  await expect(grace.getByRole('heading', { name: 'Should homework be abolished?' })).toBeVisible();
  await grace.getByLabel('Display name').fill('Grace');
  await grace.getByRole('button', { name: 'Join as guest' }).click();
  await expect(grace).toHaveURL(new RegExp(`/maps/${map.id}\\?mode=vote$`));
  await expect(grace.getByRole('heading', { name: 'Should homework be abolished?' })).toBeVisible();

  // A wrong code says so.
  await grace.goto('/join');
  await grace.getByLabel('Join code').fill('ZZZ-ZZZ');
  await grace.getByRole('button', { name: 'Continue' }).click();
  await expect(grace.getByRole('main').getByRole('alert')).toContainText('does not match any map');
});

test('sessions, transport and headers: httpOnly Lax cookies, no mutation over GET, security headers', async ({ page }) => {
  const account = newAccount('secure');
  await signInOverApi(page, account);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith('next-auth.session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  const before = await trpc<unknown[]>(page.request, 'map.list', undefined, 'query');
  const viaGet = await page.request.get(`/api/trpc/map.create?input=${encodeURIComponent(JSON.stringify({ json: { title: 'By GET' } }))}`);
  expect(viaGet.status()).toBe(405);
  expect(await trpc<unknown[]>(page.request, 'map.list', undefined, 'query')).toHaveLength(before.length);

  const response = await page.request.get('/join');
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-content-type-options']).toBe('nosniff');

  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(await trpc(page.request, 'user.me', undefined, 'query')).toBeNull();
});
