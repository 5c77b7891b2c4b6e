import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { withDb } from './db';
import { createMapOverApi, expect, newAccount, nodeOf, signInOverApi, test, trpc } from './fixtures';

/** How many writes the page's durable outbox holds in IndexedDB (all maps). */
async function storedOutboxEntries(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('crux-outbox');
        request.onerror = () => reject(new Error(String(request.error)));
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('entries')) return resolve(0);
          const all = db.transaction('entries', 'readonly').objectStore('entries').getAll();
          all.onsuccess = () => resolve((all.result as unknown[][]).reduce((sum, list) => sum + list.length, 0));
          all.onerror = () => reject(new Error(String(all.error)));
        };
      }),
  );
}

async function countRows(mapId: string, userId: string, text: string) {
  return withDb(async (client) => {
    const claims = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Claim" WHERE "mapId" = $1 AND "text" = $2', [mapId, text]);
    const votes = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Vote" WHERE "mapId" = $1 AND "userId" = $2', [
      mapId,
      userId,
    ]);
    const events = await client.query<{ n: string }>('SELECT count(*) AS n FROM "MapEvent" WHERE "mapId" = $1', [mapId]);
    return { claims: Number(claims.rows[0]!.n), votes: Number(votes.rows[0]!.n), events: Number(events.rows[0]!.n) };
  });
}

test('offline edits survive closing the browser and reach the server exactly once', async ({ baseURL }) => {
  test.setTimeout(150_000);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      ...(process.env.CRUX_CHROMIUM_PATH ? { executablePath: process.env.CRUX_CHROMIUM_PATH } : {}),
      baseURL,
      viewport: { width: 1400, height: 900 },
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  // The workspace's own status (role-based, so a copy React has not yet revealed is not a second match).
  const connectionStatus = (page: Page) => page.getByRole('main').locator('.connection');
  const openMap = async (context: BrowserContext, mapId: string) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`/maps/${mapId}`);
    await expect(connectionStatus(page)).toHaveText('Live');
    // The canvas's code arrives after the page: going offline before it has would test something else (below).
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    return page;
  };
  const NEW_CLAIM = 'Written on the train, without a connection';

  let context = await launch();
  try {
    const first = context.pages()[0] ?? (await context.newPage());
    const account = newAccount('traveller');
    await signInOverApi(first, account);
    const map = await createMapOverApi(first, 'Offline map');
    const thesis = await trpc<{ claim: { id: string; authorId: string } }>(first.request, 'claim.create', {
      mapId: map.id,
      text: 'Trains are the future',
      x: 0,
      y: 0,
    });
    const userId = thesis.claim.authorId;

    // Offline: add a claim and vote on the thesis.
    let page = await openMap(context, map.id);
    await context.setOffline(true);
    await expect(connectionStatus(page)).not.toHaveText('Live');
    await page.keyboard.press('n');
    await page.getByRole('textbox', { name: 'New claim' }).fill(NEW_CLAIM);
    await page.keyboard.press('Enter');
    await expect(page.locator('.react-flow__node').filter({ hasText: NEW_CLAIM })).toBeVisible();
    await page.locator('.react-flow__node').filter({ hasText: 'Trains are the future' }).locator('.claim-text').click();
    const votes = page.getByRole('complementary', { name: 'Selection details' }).getByRole('region', { name: 'Votes' });
    await votes.getByRole('button', { name: '3 strong' }).click();
    await expect.poll(() => storedOutboxEntries(page)).toBe(2);
    expect(await countRows(map.id, userId, NEW_CLAIM)).toMatchObject({ claims: 0, votes: 0 });

    // Closing the tab with unsent changes asks first.
    let dialogType: string | null = null;
    page.once('dialog', (dialog) => {
      dialogType = dialog.type();
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogType).toBe('beforeunload');
    await context.close();

    // Reopened online: both writes are sent, once, and the user is told.
    context = await launch();
    page = await openMap(context, map.id);
    await expect(page.getByText('2 changes from your last visit were sent.')).toBeVisible();
    await expect.poll(() => storedOutboxEntries(page)).toBe(0);
    const afterFirstReopen = await countRows(map.id, userId, NEW_CLAIM);
    expect(afterFirstReopen).toMatchObject({ claims: 1, votes: 1 });
    await expect(page.locator('.react-flow__node').filter({ hasText: NEW_CLAIM })).toBeVisible();
    await context.close();

    // A second reopen sends nothing again.
    context = await launch();
    page = await openMap(context, map.id);
    await expect(page.locator('.react-flow__node').filter({ hasText: NEW_CLAIM })).toHaveCount(1);
    expect(await storedOutboxEntries(page)).toBe(0);
    await expect(page.getByText('from your last visit')).toHaveCount(0);
    expect(await countRows(map.id, userId, NEW_CLAIM)).toEqual(afterFirstReopen);
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('a connection lost before the canvas has loaded leaves the workspace usable, and a reload brings the canvas back', async ({
  page,
  seededMap,
}) => {
  // The graph's code is a chunk of its own, fetched after the page: fail it, as a dropped connection would.
  let isFailingGraphCode = true;
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (isFailingGraphCode && body.includes('map-graph-status')) return route.abort('internetdisconnected');
    return route.fulfill({ response, body });
  });
  await page.goto(`/maps/${seededMap.id}`);

  const failure = page.getByRole('alert').filter({ hasText: 'The map canvas did not load.' });
  await expect(failure).toBeVisible();
  await expect(page.getByRole('heading', { name: seededMap.title })).toBeVisible();
  await expect(page.getByText("This page couldn't load")).toHaveCount(0);
  // The rest of the workspace works: the outline shows the map.
  await page.getByRole('button', { name: 'Outline' }).click();
  const tree = page.getByRole('tree', { name: 'Argument outline' });
  await expect(tree.getByRole('treeitem', { name: 'Thesis: Schools should teach argument mapping' })).toBeVisible();
  await page.getByRole('button', { name: 'Graph' }).click();

  isFailingGraphCode = false;
  await failure.getByRole('button', { name: 'Reload' }).click();
  await expect(nodeOf(page, seededMap.thesisId)).toBeVisible();
  await expect(failure).toHaveCount(0);
});
