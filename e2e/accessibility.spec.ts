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

test('public pages: home, demo map (graph, outline), sign in, sign up, join', async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of ['/', '/signin', '/signup', '/join']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectClean(page, path);
  }
  await page.goto('/demo');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expectClean(page, '/demo graph');
  await page.getByRole('button', { name: 'Outline' }).click();
  await expect(page.getByRole('tree')).toBeVisible();
  await expectClean(page, '/demo outline');
});

test('signed in: dashboard, a map with the share dialog, the Class panel, present mode and Vote mode', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await signInOverApi(page, newAccount('teacher'));
  const map = await createMapOverApi(page, 'Should homework be abolished?');
  const thesis = await trpc<{ claim: { id: string } }>(page.request, 'claim.create', { mapId: map.id, text: 'Homework should be abolished', x: 0, y: 0 });
  await trpc(page.request, 'claim.create', { mapId: map.id, text: 'It widens inequality', parentId: thesis.claim.id, relation: 'support', x: 0, y: 200 });
  await trpc(page.request, 'vote.cast', { claimId: thesis.claim.id, value: 3 });
  const { link } = await trpc<{ link: { token: string } }>(page.request, 'share.create', { mapId: map.id, role: 'voter' });

  await page.goto('/dashboard');
  await expect(page.locator('main')).toBeVisible();
  await expectClean(page, '/dashboard');

  await page.goto(`/maps/${map.id}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expectClean(page, 'owner map graph');
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
