import crypto from 'node:crypto';
import { expect, test as base, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export { expect };

export interface TestAccount {
  email: string;
  password: string;
  displayName: string;
}

export function newAccount(prefix = 'user'): TestAccount {
  const id = crypto.randomBytes(4).toString('hex');
  return {
    email: `${prefix}-${id}@example.test`,
    password: `pw-${id}-long`,
    displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${id}`,
  };
}

/** Calls a tRPC procedure over HTTP as the request context's user (superjson envelope). */
export async function trpc<T = unknown>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const response =
    kind === 'mutation'
      ? await request.post(`/api/trpc/${procedure}`, { data: { json: input } })
      : await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!response.ok() || !body.result) throw new Error(`${procedure} failed: ${body.error?.json.message ?? response.status()}`);
  return body.result.data.json;
}

/** Signs in over HTTP (next-auth's credentials callback); the cookie lands in the page's context. */
export async function signInOverApi(page: Page, account: TestAccount, options: { create?: boolean } = {}) {
  if (options.create !== false) await trpc(page.request, 'user.signUp', account);
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: account.email, password: account.password, json: 'true' },
  });
  expect(response.ok()).toBe(true);
}

export async function signInAsGuestOverApi(page: Page, displayName: string) {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/guest', { form: { csrfToken, displayName, json: 'true' } });
  expect(response.ok()).toBe(true);
}

export async function createMapOverApi(page: Page, title: string, extra: Record<string, unknown> = {}) {
  return trpc<{ id: string; title: string }>(page.request, 'map.create', { title, ...extra });
}

interface CruxFixtures {
  /** A new account, signed in over HTTP in the test's own page (its cookie is in `page`'s context). */
  account: TestAccount;
  /** A private map owned by `account`, with a thesis, created over the API for this test only. */
  seededMap: { id: string; title: string; thesisId: string };
}

/**
 * Playwright's `test` with Crux's fixtures: each test that asks for `account` or `seededMap` gets
 * its own user and map, so specs run in parallel without resetting the database.
 */
/** A second (or third) user in a browser context of their own, signed in; `close` ends the context. */
export async function signedInPage(
  browser: Browser,
  prefix: string,
): Promise<{ page: Page; account: TestAccount; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = newAccount(prefix);
  await signInOverApi(page, account);
  return { page, account, close: () => context.close() };
}

/** The React Flow node of a claim or passage (React Flow puts the node id in data-id). */
export const nodeOf = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

export const test = base.extend<CruxFixtures>({
  account: async ({ page }, provide) => {
    const account = newAccount('owner');
    await signInOverApi(page, account);
    await provide(account);
  },
  seededMap: async ({ page, account }, provide) => {
    void account; // the map belongs to the signed-in account
    const map = await createMapOverApi(page, `Seeded map ${crypto.randomBytes(3).toString('hex')}`);
    const { claim } = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', {
      mapId: map.id,
      text: 'Schools should teach argument mapping',
    });
    await provide({ id: map.id, title: map.title, thesisId: claim.id });
  },
});
