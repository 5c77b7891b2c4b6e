/**
 * axe-core, all rules, on the pages people use most: no serious or critical violation. A failure
 * lists each rule with the first offending elements, so the fix is findable.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createMapOverApi, expect, newAccount, signInOverApi, test, trpc } from './fixtures';

interface Finding {
  id: string;
  impact: string;
  count: number;
  targets: string[];
}

async function seriousViolations(page: Page, label: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const findings = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      count: violation.nodes.length,
      targets: violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
    }));
  console.log(`axe ${label}: ${findings.reduce((sum, finding) => sum + finding.count, 0)} serious/critical`);
  return findings;
}

async function expectClean(page: Page, label: string) {
  expect(await seriousViolations(page, label), label).toEqual([]);
}

// axe over a whole graph takes a while on a loaded machine: generous timeouts, one page group per test.
test('public pages: home, sign in, sign up, join', async ({ page }) => {
  test.setTimeout(180_000);
  for (const path of ['/', '/signin', '/signup', '/join']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectClean(page, path);
  }
});

test('the demo map: graph, outline and focus view', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/demo');
  await expect(page.getByRole('group', { name: /^Claim: / }).first()).toBeVisible();
  await expectClean(page, '/demo graph');
  await page.getByRole('button', { name: 'Outline' }).click();
  await expect(page.getByRole('tree')).toBeVisible();
  await expectClean(page, '/demo outline');
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Focus', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Focus view' })).toBeVisible();
  await expectClean(page, '/demo focus view');
});

test('signed in: dashboard, a map with the share dialog, the Class panel, present mode and Vote mode', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signInOverApi(page, newAccount('teacher'));
  const map = await createMapOverApi(page, 'Should homework be abolished?');
  const thesis = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', {
    mapId: map.id,
    text: 'Homework should be abolished',
    x: 0,
    y: 0,
  });
  const child = { mapId: map.id, text: 'It widens inequality', parentId: thesis.claim.id, relation: 'support', x: 0, y: 200 };
  await trpc(page.request, 'claim.create', child);
  await trpc(page.request, 'vote.cast', { claimId: thesis.claim.id, value: 3 });
  const { link } = await trpc<{ link: { token: string } }>(page.request, 'share.create', { mapId: map.id, role: 'voter' });

  await page.goto('/dashboard');
  await expect(page.locator('main')).toBeVisible();
  await expectClean(page, '/dashboard');

  await page.goto(`/maps/${map.id}`);
  await expect(page.getByRole('group', { name: /^Claim: / }).first()).toBeVisible();
  await expectClean(page, 'owner map graph');
  await page.getByRole('group', { name: 'Claim: Homework should be abolished', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Selection details' }).getByTestId('vote-results')).toBeVisible();
  await expectClean(page, 'side panel with votes');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('dialog', { name: /^Share “/ })).toBeVisible();
  await expectClean(page, 'share dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeFocused();

  const classControls = page.getByRole('group', { name: 'Class controls' });
  await classControls.getByRole('button', { name: 'Class' }).click();
  await expect(page.getByRole('complementary', { name: 'Class' }).getByTestId('class-vote-total')).toBeVisible();
  await expectClean(page, 'class panel');
  await classControls.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('dialog', { name: /^Join / })).toBeVisible();
  await expectClean(page, 'present mode');
  await page.getByRole('button', { name: 'Close presentation' }).click();

  const student = await (await browser.newContext({ baseURL })).newPage();
  await student.goto(`/s/${link.token}`);
  await student.keyboard.type('Ada');
  await student.keyboard.press('Enter');
  await expect(student.getByRole('region', { name: 'Vote mode' })).toBeVisible();
  await expectClean(student, 'vote mode');
  await student.context().close();
});

/** What has keyboard focus, described; "body" when focus was lost. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    return active.getAttribute('aria-label') ?? active.getAttribute('data-id') ?? active.tagName.toLowerCase();
  });
}

test('focus never falls to the page body after save, delete, undo, Esc or a closed dialog', async ({ page }) => {
  await signInOverApi(page, newAccount('editor'));
  const map = await createMapOverApi(page, 'Focus');
  const thesis = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', { mapId: map.id, text: 'Thesis', x: 0, y: 0 });
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'Reason', parentId: thesis.claim.id, relation: 'support', x: 0, y: 220 });
  await page.goto(`/maps/${map.id}`);
  const reason = page.getByRole('group', { name: 'Claim: Reason', exact: true });
  await reason.click();
  await page.keyboard.press('Enter');
  await page.keyboard.type(' again');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Claim: Reason again', exact: true })).toBeVisible();
  await expect.poll(() => focused(page)).toBe('Claim: Reason again');

  // Delete a leaf: focus moves to the claim it argued for.
  await page.keyboard.press('Delete');
  await expect(page.getByRole('group', { name: 'Claim: Reason again', exact: true })).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('Claim: Thesis');

  // Undo brings it back; focus stays on a claim.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('group', { name: 'Claim: Reason again', exact: true })).toBeVisible();
  await expect.poll(() => focused(page)).not.toBe('body');

  // Esc clears the selection; the shortcuts dialog closes back to the claim.
  await page.keyboard.press('Escape');
  await expect.poll(() => focused(page)).not.toBe('body');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect.poll(() => focused(page)).not.toBe('body');

  // The outline: from the view switch, ArrowDown enters the tree; Home and End move within it.
  await page.getByRole('button', { name: 'Outline' }).click();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('treeitem');
  await page.keyboard.press('End');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Reason again');
  await page.keyboard.press('Home');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Thesis');
});
