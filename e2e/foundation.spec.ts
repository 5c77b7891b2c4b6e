import { expect, newAccount, test } from './fixtures';

test('a new user signs up, signs out, signs back in, and creates a map that appears on the dashboard', async ({ page }) => {
  const account = newAccount('ada');
  await page.goto('/signup');
  await page.getByLabel('Display name').fill(account.displayName);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('current-user')).toContainText(account.displayName);
  await expect(page.getByText('No maps yet')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveCount(0);

  await page.goto('/signin');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match an account.');
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByRole('button', { name: 'Create your first map' }).click();
  await page.getByLabel('Thesis or question').fill('Should homework be abolished?');
  await page.getByRole('button', { name: 'Create map' }).click();
  await expect(page).toHaveURL(/\/maps\/[^/]+$/);
  await expect(page.getByRole('heading', { name: 'Should homework be abolished?' })).toBeVisible();

  await page.goto('/dashboard');
  await expect(page.getByRole('list', { name: 'Your maps' }).getByText('Should homework be abolished?')).toBeVisible();
});

test('signing up twice with one email says the account exists', async ({ page }) => {
  const account = newAccount('dup');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await page.goto('/signup');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    if (attempt === 0) {
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    }
  }
  await expect(page.getByRole('main').getByRole('alert')).toContainText('An account with this email already exists');
});

test('a student continues as a guest with only a display name', async ({ page }) => {
  await page.goto('/signin?guest=1');
  await page.getByLabel('Display name').fill('Grace');
  await page.getByRole('button', { name: 'Continue as guest' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('current-user')).toContainText('Grace');
  await expect(page.getByTestId('current-user')).toContainText('guest');
});

test('the demo map is readable without signing in', async ({ page }) => {
  await page.goto('/demo');
  await expect(page).toHaveURL(/\/maps\/demo-cyber-sovereignty$/);
  await expect(
    page.getByRole('heading', { name: 'Is cyber sovereignty a legitimate principle for governing the internet?' }),
  ).toBeVisible();
  await expect(page.getByText('Cyber sovereignty mirrors GDPR').first()).toBeVisible();
});

test('the health endpoint reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', db: 'ok', lastOutage: null });
});

test('a signed-in owner finds their map on the dashboard and opens it on its thesis', async ({ page, seededMap }) => {
  await page.goto('/dashboard');
  await page.getByRole('link', { name: seededMap.title }).click();
  await expect(page).toHaveURL(new RegExp(`/maps/${seededMap.id}`));
  await expect(page.getByText('Schools should teach argument mapping').first()).toBeVisible();
});
