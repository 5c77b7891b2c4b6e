import crypto from 'node:crypto';
import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

export interface TestAccount {
  email: string;
  password: string;
  displayName: string;
}

export function newAccount(prefix = 'user'): TestAccount {
  const id = crypto.randomBytes(4).toString('hex');
  return { email: `${prefix}-${id}@example.test`, password: `pw-${id}-long`, displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${id}` };
}

/** Calls a tRPC procedure over HTTP as the request context's user (superjson envelope). */
export async function trpc<T = unknown>(request: APIRequestContext, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
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

export const test = base;
