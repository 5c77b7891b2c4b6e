/**
 * The teacher's path, counted: sign in → a new map from a template → the share dialog → a link,
 * its join code and QR code on screen, in under 60 s. Every click, key press and fill is counted.
 */
import { expect, newAccount, test, trpc } from './fixtures';

test('a teacher goes from sign-in to a link, code and QR on screen in < 60 s', async ({ page }) => {
  const teacher = newAccount('teacher');
  await trpc(page.request, 'user.signUp', teacher);
  const counts = { clicks: 0, fills: 0, keys: 0 };
  const click = async (locator: ReturnType<typeof page.getByRole>) => {
    counts.clicks += 1;
    await locator.click();
  };
  const fill = async (locator: ReturnType<typeof page.getByRole>, value: string) => {
    counts.fills += 1;
    await locator.fill(value);
  };

  const started = Date.now();
  await page.goto('/signin?callbackUrl=/dashboard');
  await fill(page.getByLabel('Email'), teacher.email);
  await fill(page.getByLabel('Password'), teacher.password);
  counts.keys += 1;
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { name: 'My maps' })).toBeVisible();

  await click(
    page
      .getByRole('button', { name: '+ New map' })
      .or(page.getByRole('button', { name: 'Create your first map' }))
      .first(),
  );
  const form = page.getByRole('form', { name: 'Create a map' });
  await fill(form.getByLabel('Thesis or question'), 'Should school uniforms be compulsory?');
  await click(form.getByLabel(/Thesis with pros and cons/));
  await click(form.getByRole('button', { name: 'Create map' }));
  await expect(page.getByRole('heading', { name: 'Should school uniforms be compulsory?' })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);

  await click(page.getByRole('button', { name: 'Share', exact: true }));
  const dialog = page.getByRole('dialog', { name: /^Share “/ });
  await click(dialog.getByRole('button', { name: 'Create link' }));
  const newest = dialog.getByRole('list', { name: 'Share links' }).getByRole('listitem').first();
  await expect(newest.getByRole('textbox', { name: 'Share link (voter)' })).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(newest.locator('.share-code')).toHaveText(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
  await expect(newest.getByRole('img', { name: 'QR code of the voter link' })).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  const interactions = counts.clicks + counts.fills + counts.keys;
  console.log(`teacher: ${interactions} interactions (${JSON.stringify(counts)}), ${seconds.toFixed(1)} s`);
  expect(seconds).toBeLessThan(60);
  expect(counts).toEqual({ clicks: 5, fills: 3, keys: 1 });
});

test('a map is duplicated for another class from the dashboard: content, no votes', async ({ page }) => {
  const teacher = newAccount('teacher');
  await trpc(page.request, 'user.signUp', teacher);
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const form = { csrfToken, email: teacher.email, password: teacher.password, json: 'true' };
  await page.request.post('/api/auth/callback/credentials', { form });
  const map = await trpc<{ id: string }>(page.request, 'map.createFromTemplate', { templateId: 'debate', title: 'Zoos' });
  const view = await trpc<{ claims: { id: string; text: string }[] }>(page.request, 'map.get', { mapId: map.id }, 'query');
  await trpc(page.request, 'vote.cast', { claimId: view.claims[0]!.id, value: 4 });

  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Duplicate Zoos' }).click();
  await expect(page.getByRole('heading', { name: 'Zoos (copy)' })).toBeVisible();
  const copyId = page.url().split('/maps/')[1]!;
  const copy = await trpc<{ claims: { text: string; myVote: number | null }[] }>(page.request, 'map.get', { mapId: copyId }, 'query');
  expect(copy.claims.map((claim) => claim.text).sort()).toEqual(view.claims.map((claim) => claim.text).sort());
  expect(copy.claims.every((claim) => claim.myVote === null)).toBe(true);
});
