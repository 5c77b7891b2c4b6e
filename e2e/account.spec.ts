import { expect, signInOverApi, test } from './fixtures';

test.describe('account security', () => {
  test('"Sign out everywhere" ends the session in another browser too', async ({ page, account, browser }) => {
    const other = await browser.newContext();
    const phone = await other.newPage();
    await signInOverApi(phone, account, { create: false });
    await phone.goto('/dashboard');
    await expect(phone.getByTestId('current-user')).toContainText(account.displayName);

    await page.goto('/account');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page).toHaveURL(/\/signin/);

    await phone.goto('/dashboard');
    await expect(phone).toHaveURL(/\/signin/);
    await expect(phone.getByTestId('current-user')).toHaveCount(0);
    await other.close();
  });

  test('"Change password" keeps this session, ends the others, and the new password signs in', async ({ page, account, browser }) => {
    const other = await browser.newContext();
    const laptop = await other.newPage();
    await signInOverApi(laptop, account, { create: false });

    await page.goto('/account');
    await page.getByLabel('Current password', { exact: true }).fill(account.password);
    await page.getByLabel(/^New password/).fill('a brand new password');
    await page.getByLabel('Confirm the new password').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status')).toContainText('Password changed. 1 other session signed out.');

    await page.goto('/dashboard');
    await expect(page.getByTestId('current-user')).toContainText(account.displayName);
    await laptop.goto('/dashboard');
    await expect(laptop).toHaveURL(/\/signin/);
    await signInOverApi(laptop, { ...account, password: 'a brand new password' }, { create: false });
    await laptop.goto('/dashboard');
    await expect(laptop.getByTestId('current-user')).toContainText(account.displayName);
    await other.close();
  });
});
