import fs from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { DEMO_MAP_ID } from '../src/shared/demo';
import { expect, newAccount, signInOverApi, test, trpc } from './fixtures';

interface MapGet {
  map: { title: string };
  claims: { text: string }[];
  evidence: { exact: string }[];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Opens the Export menu and picks `item`, returning the download it starts. */
async function exportVia(page: Page, item: RegExp): Promise<Download> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export the map' });
  await expect(menu).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: item }).click()]);
  return download;
}

async function bytesOf(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFile(file);
}

test('export the demo map as PNG, SVG and Argdown, then import the Argdown as a new map', async ({ page }) => {
  test.setTimeout(120_000);
  await signInOverApi(page, newAccount('exporter'));
  const demo = await trpc<MapGet>(page.request, 'map.get', { mapId: DEMO_MAP_ID }, 'query');

  await page.goto('/demo');
  await expect(page).toHaveURL(new RegExp(`/maps/${DEMO_MAP_ID}$`));
  const nodes = page.locator('.react-flow__node');
  // The demo map opens collapsed (issue 11): show every node first.
  await page.getByRole('button', { name: 'Expand all' }).click();
  // Expanded for the first time, the never-arranged demo map is laid out (in a worker): wait for it.
  await expect(page.locator('.map-graph-status')).toHaveCount(0, { timeout: 60_000 });
  await expect(nodes).toHaveCount(demo.claims.length + demo.evidence.length);
  await expect(nodes.first()).toBeVisible();
  await expect(page.locator('.map-graph')).not.toHaveClass(/is-arranging/);

  // PNG of the whole graph.
  const png = await exportVia(page, /PNG image/);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const pngBytes = await bytesOf(png);
  await png.saveAs(test.info().outputPath(png.suggestedFilename()));
  expect(pngBytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(pngBytes.length).toBeGreaterThan(20_000);
  // Larger than the screen's graph area: the whole map, not only the viewport.
  const width = pngBytes.readUInt32BE(16);
  const height = pngBytes.readUInt32BE(20);
  expect(width * height).toBeGreaterThan(400 * 300);

  // SVG.
  const svg = await exportVia(page, /SVG image/);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = (await bytesOf(svg)).toString('utf8');
  await svg.saveAs(test.info().outputPath(svg.suggestedFilename()));
  expect(svgText.trimStart().startsWith('<svg')).toBe(true);
  // Native SVG that opens anywhere: no HTML snapshot, a text element per node, the map's title, small.
  expect(svgText).not.toContain('foreignObject');
  expect(svgText.match(/<text /g)?.length ?? 0).toBeGreaterThan(demo.claims.length + demo.evidence.length);
  expect(svgText).toContain(`<title>${demo.map.title.replace(/&/g, '&amp;')}</title>`);
  expect(svgText.length).toBeLessThan(200 * 1024);
  expect(svgText).not.toContain('Open in source');
  for (const claim of demo.claims) {
    expect(svgText).toContain(collapse(claim.text).split(' ').slice(0, 2).join(' ').replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
  }
  // The PNG is drawn from the same SVG: same proportions.
  const svgWidth = Number(/width="(\d+)"/.exec(svgText)?.[1]);
  const svgHeight = Number(/height="(\d+)"/.exec(svgText)?.[1]);
  expect(Math.abs(width / height - svgWidth / svgHeight)).toBeLessThan(0.02);

  // Images need the graph: the outline says so.
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'Export the map' }).getByText('Switch to the graph to export an image.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-menu.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Export the map' })).toHaveCount(0);

  // Argdown, from the export route.
  const argdown = await exportVia(page, /^Argdown/);
  expect(argdown.suggestedFilename()).toMatch(/\.argdown$/);
  const argdownPath = await argdown.path();
  const argdownText = await fs.readFile(argdownPath, 'utf8');
  expect(argdownText).toContain('===');
  expect(argdownText).toMatch(/^\s*[+-] \[/m);

  // Import it as a new map through the dashboard.
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Import a map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a map' });
  await expect(dialog).toBeVisible();
  await dialog
    .getByLabel('Or choose a file')
    .setInputFiles({ name: 'demo.argdown', mimeType: 'text/plain', buffer: Buffer.from(argdownText) });
  await expect(dialog.getByText('demo.argdown')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('import-dialog.png') });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  // Warnings (if any) are shown before opening the map; otherwise it opens at once.
  const openButton = page.getByRole('button', { name: 'Open the new map' });
  await expect(openButton.or(page.locator('.map-workspace'))).toBeVisible({ timeout: 30_000 });
  if (await openButton.isVisible()) await openButton.click();
  await expect(page).toHaveURL(/\/maps\/(?!demo-)[\w-]+$/);
  const mapId = new URL(page.url()).pathname.split('/').pop()!;

  const imported = await trpc<MapGet>(page.request, 'map.get', { mapId }, 'query');
  expect(imported.map.title).toBe(demo.map.title);
  const texts = new Set(imported.claims.map((claim) => collapse(claim.text)));
  for (const claim of demo.claims) expect(texts).toContain(collapse(claim.text));
  // Evidence comes back as claims quoting it.
  expect(imported.claims).toHaveLength(demo.claims.length + demo.evidence.length);

  // And the same claims are on the page, in the outline.
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  const tree = page.getByRole('tree', { name: 'Argument outline' });
  for (const claim of demo.claims.slice(0, 3)) {
    await expect(tree.getByText(collapse(claim.text), { exact: true }).first()).toBeVisible();
  }
});

test('an import error names the line and shows it', async ({ page }) => {
  await signInOverApi(page, newAccount('importer'));
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Import a map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a map' });
  await dialog.getByLabel('Paste the text').fill('[A]: x\n    + [B]: y\n  - [C]: z\n');
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toContainText('Detect automatically (Argdown)');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('line 3, column 1');
  await expect(alert.locator('pre')).toContainText('- [C]: z');
  await page.screenshot({ path: test.info().outputPath('import-error.png') });
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('a Kialo import lists its warnings first; tags show as chips and filter; the outline prints', async ({ page }) => {
  test.setTimeout(90_000);
  await signInOverApi(page, newAccount('tagger'));
  // A Kialo file in the current layout, with a "Thesis:" the importer has to report, through the dialog.
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Import a map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a map' });
  const kialo = [
    ...['Discussion Name:', 'Which pet?', '', '1.', 'Which pet?', '1.1. Thesis:', 'Cats.', '1.1.1. Pro:', 'Cats are quiet.'],
    ...['1.2. Thesis:', 'Dogs.', '1.2.1. Con:', '-> See 1.1.1.', ''],
  ].join('\n');
  await dialog.getByLabel('Paste the text').fill(kialo);
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toContainText('Detect automatically (Kialo text export)');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  // The warnings come before the map opens (the dialog's heading says it was imported).
  const done = page.getByRole('dialog', { name: 'Map imported' });
  await expect(done.getByRole('status')).toContainText('2 "Thesis:" claims were imported without a link');
  await expect(done.getByText(/created with 4 claims, 2 links/)).toBeVisible();
  await done.getByRole('button', { name: 'Open the new map' }).click();
  await expect(page.locator('.map-workspace')).toBeVisible();

  // Argdown with tags, imported over the API.
  const text = [
    '# Pets',
    '',
    '[Cats]: Cats are the best pets. #cats #(low effort)',
    '  + [Quiet]: Cats are quiet. #cats',
    '  - [Walks]: Dogs get you walking. #dogs',
    '',
  ].join('\n');
  const imported = await trpc<{ mapId: string }>(page.request, 'map.import', { format: 'argdown', text });
  await page.goto(`/maps/${imported.mapId}`);
  const nodes = page.locator('.react-flow__node-claim');
  await expect(nodes).toHaveCount(3);
  await expect(nodes.filter({ hasText: 'Cats are the best pets.' }).getByRole('list', { name: 'Tags' })).toContainText('#low effort');
  await page.getByLabel('Tag', { exact: true }).selectOption('dogs');
  const opacity = (hasText: string) => nodes.filter({ hasText }).evaluate((el) => Number(getComputedStyle(el).opacity));
  await expect.poll(() => opacity('Cats are quiet.')).toBeLessThan(0.5);
  expect(await opacity('Dogs get you walking.')).toBe(1);

  // The printable outline.
  await page.goto(`/maps/${imported.mapId}/print`);
  await expect(page.getByRole('heading', { level: 1, name: 'Pets' })).toBeVisible();
  await expect(page.locator('.print-item').first()).toContainText('1. Cats: Cats are the best pets. #cats #low effort');
  await expect(page.locator('.print-item').nth(1)).toContainText('1.1. Pro: Quiet: Cats are quiet.');
  await expect(page.locator('.print-item').nth(2)).toContainText('1.2. Con: Walks: Dogs get you walking.');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('print-outline.png'), fullPage: true });
});
