import type { Page } from '@playwright/test';
import { addMember } from './db';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

const claimNode = (page: Page, text: string) => page.getByRole('group', { name: `Claim: ${text}`, exact: true });

test('two editors change one claim at once: the second save shows both versions and keeps the chosen one everywhere', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const ada = newAccount('ada');
  const ben = newAccount('ben');
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();
  await signInOverApi(pageA, ada);
  await signInOverApi(pageB, ben);
  const map = await createMapOverApi(pageA, 'Uniforms');
  await addMember(map.id, ben.email, 'editor');
  await trpc(pageA.request, 'claim.create', { mapId: map.id, text: 'School uniforms should be required' });

  await Promise.all([pageA.goto(`/maps/${map.id}`), pageB.goto(`/maps/${map.id}`)]);
  for (const page of [pageA, pageB]) await expect(page.getByText('Live', { exact: true })).toBeVisible();

  // Ada opens the editor first; Ben saves his change while she is still typing.
  await claimNode(pageA, 'School uniforms should be required').dblclick();
  const adaEditor = pageA.getByRole('textbox', { name: 'Claim text' });
  await expect(adaEditor).toBeFocused();
  await adaEditor.fill('School uniforms should be required in primary schools');

  await claimNode(pageB, 'School uniforms should be required').dblclick();
  const benEditor = pageB.getByRole('textbox', { name: 'Claim text' });
  await benEditor.fill('School uniforms should be optional');
  await benEditor.press('Enter');
  await expect(claimNode(pageB, 'School uniforms should be optional')).toBeVisible();

  await adaEditor.press('Enter');
  const conflict = pageA.getByRole('dialog', { name: 'Someone else changed this claim' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('region', { name: 'Their version (saved)' })).toContainText('School uniforms should be optional');
  await expect(conflict.getByRole('region', { name: 'Your version' })).toContainText('in primary schools');

  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toHaveCount(0);
  const kept = 'School uniforms should be required in primary schools';
  await expect(claimNode(pageA, kept)).toBeVisible();
  // Ben sees Ada's choice arrive live, without reloading.
  await expect(claimNode(pageB, kept)).toBeVisible({ timeout: 3000 });
});
