import pg from 'pg';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Two people, two browser contexts, one map. There is no share API to use yet in this spec, so
 * the second person is made an editor straight in the database the app under test uses.
 */
const databaseUrl =
  process.env.DATABASE_URL ?? `postgresql://postgres:crux-local@127.0.0.1:${process.env.CRUX_EMBEDDED_PG_PORT ?? 54332}/crux`;

async function addMember(mapId: string, email: string, role: 'editor' | 'viewer') {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(
      `INSERT INTO "MapMember" ("id", "mapId", "userId", "role", "createdAt", "updatedAt")
       SELECT 'e2e-' || md5(random()::text), $1, "id", $2::"MapRole", now(), now() FROM "User" WHERE "email" = $3`,
      [mapId, role, email.toLowerCase()],
    );
    expect(result.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

/** The peers another tab of this user sees, read from the presence stream in the page itself. */
async function peersSeenBy(page: Page, mapId: string): Promise<{ name: string; color: string }[]> {
  return page.evaluate(async (id) => {
    const input = encodeURIComponent(JSON.stringify({ json: { mapId: id } }));
    return new Promise<{ name: string; color: string }[]>((resolve) => {
      const source = new EventSource(`/api/trpc/presence.onPresence?input=${input}`);
      const timer = setTimeout(() => {
        source.close();
        resolve([]);
      }, 8000);
      source.onmessage = (message: MessageEvent<string>) => {
        const list = (JSON.parse(message.data) as { json: { name: string; color: string }[] }).json;
        if (list.length) {
          clearTimeout(timer);
          source.close();
          resolve(list);
        }
      };
    });
  }, mapId);
}

test('two people on one map see each other’s new claims within a second, and each other’s presence', async ({ browser }) => {
  const ada = newAccount('ada');
  const ben = newAccount('ben');
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  await signInOverApi(pageA, ada);
  await signInOverApi(pageB, ben);
  const map = await createMapOverApi(pageA, 'Live together');
  await addMember(map.id, ben.email, 'editor');

  for (const page of [pageA, pageB]) {
    await page.goto(`/maps/${map.id}`);
    await expect(page.getByRole('heading', { name: 'Live together' })).toBeVisible();
    await page.getByRole('button', { name: 'Outline' }).click();
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
  }

  // Ada adds the thesis in the editor; Ben's page shows it within a second of the save.
  await pageA.getByRole('button', { name: /\+ Claim/ }).click();
  const editor = pageA.getByRole('textbox').last();
  await editor.fill('Homework should be abolished');
  const savedA = pageA.waitForResponse((response) => response.url().includes('claim.create') && response.request().method() === 'POST');
  await editor.press('Enter');
  await savedA;
  await expect(pageB.getByText('Homework should be abolished').first()).toBeVisible({ timeout: 1_000 });

  // Ben writes (through the API, as any client would); Ada's page shows it within a second.
  const started = Date.now();
  await trpc(pageB.request, 'claim.create', { mapId: map.id, text: 'It widens inequality between students' });
  await expect(pageA.getByText('It widens inequality between students').first()).toBeVisible({ timeout: 1_000 });
  expect(Date.now() - started).toBeLessThan(2_000);

  // Presence: each one's page publishes it; the other sees them by name and colour.
  const seenByAda = await peersSeenBy(pageA, map.id);
  expect(seenByAda.map((peer) => peer.name)).toContain(ben.displayName);
  expect(seenByAda[0]!.color).toMatch(/^hsl\(/);
  const seenByBen = await peersSeenBy(pageB, map.id);
  expect(seenByBen.map((peer) => peer.name)).toContain(ada.displayName);
  // …and the presence bar in each map header shows both of them.
  for (const [page, other] of [
    [pageA, ben.displayName],
    [pageB, ada.displayName],
  ] as const) {
    await page.getByRole('button', { name: /^2 here/ }).click();
    await expect(page.getByRole('list', { name: 'People on this map now' }).getByText(other)).toBeVisible();
  }

  await contextA.close();
  await contextB.close();
});

test('the history of a map is served per viewer, live events included', async ({ page }) => {
  const owner = newAccount('hist');
  await signInOverApi(page, owner);
  const map = await createMapOverApi(page, 'History map');
  const created = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', { mapId: map.id, text: 'To be deleted' });
  await trpc(page.request, 'claim.delete', { id: created.claim.id });
  const history = await trpc<{ events: { type: string; subjectText: string | null; isOwn: boolean }[] }>(
    page.request,
    'events.list',
    { mapId: map.id, limit: 10 },
    'query',
  );
  expect(history.events.map((event) => event.type)).toEqual(['map.created', 'claim.created', 'claim.deleted']);
  expect(history.events[2]).toMatchObject({ subjectText: 'To be deleted', isOwn: true });
});
