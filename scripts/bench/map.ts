/**
 * `npm run bench:map`: how fast a map loads, by size.
 *
 *   1. map.get through the tRPC caller (the same procedure the page and the client call), for maps
 *      of 100, 500 and 2,000 claims: p50/p95 latency over 30 calls after 3 warm-up calls, and the
 *      number of SQL statements per call (constant, whatever the size).
 *   2. The production app in headless Chromium at 1440×900: time from navigation to the first
 *      claim text visible (the server-rendered first view or a graph node; performance.now(), so
 *      it counts from the navigation start), cold (a new browser context each run), median of 5.
 *   3. In one signed-in page per map, with every subtree expanded ("Expand all"): frame times
 *      (requestAnimationFrame deltas) during a scripted 5-second pan and zoom-out/zoom-in; the wall
 *      time of "Auto-layout" and the longest main-thread task during it (PerformanceObserver
 *      `longtask`); the longest task while adding a claim and while undoing it.
 *   Figures go to .data/bench/map-results.json (one object per size) and are printed as a table.
 *
 * Runs against a fresh embedded PostgreSQL (.data/bench-postgres, port 54340) unless DATABASE_URL
 * is set (then a new database on that server). Needs a production build (`npm run build`; with
 * CRUX_DIST_DIR set, that folder); builds one if there is none.
 *
 * Env: BENCH_MAP_SIZES=100,2000,10000  BENCH_MAP_CALLS=30  BENCH_MAP_RUNS=5  BENCH_PORT=3240
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import argon2 from 'argon2';
import { createCaller } from '../../src/server/api/root';
import { createPrismaClient } from '../../src/server/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/server/infra/embedded-postgres';
import { applyMigrations } from '../../src/server/infra/migrate';
import { createDatabase } from '../../tests/database';
import { createLargeMap } from '../seed-large';
import { measureMapGetBesideFloor, printMapGetFloorTable } from './map-get-floor';

const SIZES = (process.env.BENCH_MAP_SIZES ?? '100,2000,10000').split(',').map(Number);
const CALLS = Number(process.env.BENCH_MAP_CALLS ?? 30);
const RUNS = Number(process.env.BENCH_MAP_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3240);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54340);
/** Set to record a CPU profile of each interaction phase to .data/bench/profile-<claims>-<phase>.cpuprofile. */
const PROFILE = process.env.BENCH_MAP_PROFILE === '1';
/** Set to record a Chrome trace of each interaction phase instead (.data/bench/trace-<claims>-<phase>.json). */
const TRACE = process.env.BENCH_MAP_TRACE === '1';
const DATA_DIR = path.join('.data', 'bench-postgres');
const say = (line: string) => console.log(`bench:map: ${line}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;

/** The longest main-thread task (LONG_TASKS_SCRIPT's record) that ended at or after `since` in the page. */
function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (from) =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
          .filter((task) => task.start + task.duration >= from)
          .map((task) => task.duration),
      ),
    since,
  );
}

async function openDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    return { url: await createDatabase(admin.toString(), 'crux_bench'), embedded: null };
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const embedded = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: PG_PORT, database: 'crux_bench', log: say, fsync: false });
  return { url: embedded.url, embedded };
}

interface AppProcess {
  child: ChildProcess;
  stop: () => Promise<void>;
}

async function startApp(databaseUrl: string): Promise<AppProcess> {
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'bench-only-secret-not-for-production',
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      CRUX_RATE_LIMIT_MULTIPLIER: '50',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
  };
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const response = await fetch(`http://localhost:${PORT}/api/health`);
      if (response.ok) return { child, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not start within 5 minutes:\n${output.slice(-3000)}`);
}

function findChromium(): string | undefined {
  return [process.env.CRUX_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (candidate) => candidate && fs.existsSync(candidate),
  );
}

interface BrowserRun {
  firstNode: number;
  ttfb: number;
  renderedNodes: number;
}

const VIEWPORT = { width: 1440, height: 900 };

async function signedInContext(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: `http://localhost:${PORT}` });
  const { csrfToken } = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signIn = await context.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: account.email, password: account.password, json: 'true' },
  });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
  return context;
}

/** Records every long task of the page in window.__longTasks. */
const LONG_TASKS_SCRIPT = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface Interaction {
  frameP50Ms: number;
  frameP95Ms: number;
  layoutMs: number;
  layoutLongestTaskMs: number;
  addLongestTaskMs: number;
  undoLongestTaskMs: number;
  /** Undoing the auto-layout (every node moves back): the longest task here and in another open page. */
  layoutUndoLongestTaskMs: number;
  remoteLayoutUndoLongestTaskMs: number;
}

/** Pan/zoom frame times, auto-layout, add and undo, in one page with every subtree expanded. */
async function measureInteraction(
  browser: Browser,
  size: number,
  mapId: string,
  account: { email: string; password: string },
): Promise<Interaction> {
  const context = await signedInContext(browser, account);
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const cdp = PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable');
    let tracePhase = '';
    const startProfile = async (phase = '') => {
      if (TRACE) {
        tracePhase = phase;
        await browser.startTracing(page, {
          path: path.join('.data', 'bench', `trace-${size}-${phase}.json`),
          categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing'],
        });
      }
      if (cdp) await cdp.send('Profiler.start');
    };
    const stopProfile = async (phase: string) => {
      if (TRACE && tracePhase === phase) await browser.stopTracing();
      if (!cdp) return;
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(path.join('.data', 'bench'), { recursive: true });
      fs.writeFileSync(path.join('.data', 'bench', `profile-${size}-${phase}.cpuprofile`), JSON.stringify(profile));
    };
    await page.addInitScript({ content: LONG_TASKS_SCRIPT });
    await page.goto(`/maps/${mapId}`);
    // Every server-rendered first view gone (a transition may briefly hold two): the graph is up.
    await page.waitForFunction(() => !document.querySelector('[data-testid="first-view"]'), null, { timeout: 120_000 });
    const expandAll = page.getByRole('button', { name: 'Expand all' });
    if (await expandAll.isEnabled()) await expandAll.click();
    await page.waitForFunction(() => !document.querySelector('.map-graph-status'), null, { timeout: 600_000 });
    await page.waitForTimeout(1000);
    const now = () => page.evaluate(() => performance.now());
    const longestSince = (since: number) => longestTaskSince(page, since);

    // 1. Pan and zoom for about 5 seconds while recording frame deltas.
    await page.evaluate(`(() => {
      window.__frames = [];
      let last = performance.now();
      window.__recording = true;
      const tick = (time) => { window.__frames.push(time - last); last = time; if (window.__recording) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const startedPan = Date.now();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 40; i += 1) await page.mouse.move(cx - i * 10, cy - i * 5);
    await page.mouse.up();
    for (let i = 0; i < 10; i += 1) {
      await page.mouse.wheel(0, 240);
      await page.waitForTimeout(80);
    }
    for (let i = 0; i < 10; i += 1) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(80);
    }
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    while (Date.now() - startedPan < 5000) await page.mouse.move(cx + ((Date.now() - startedPan) % 400) - 200, cy, { steps: 4 });
    await page.mouse.up();
    const frames = await page.evaluate<number[]>('(() => { window.__recording = false; return window.__frames.slice(1); })()');
    frames.sort((a, b) => a - b);

    // 2. Auto-layout (the owner's layout is saved and undoable).
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(800);
    // Found before the timed window and waited for with a plain DOM check: Playwright's role queries
    // walk the accessibility tree of the page and would be long tasks of their own.
    const layoutButton = (await page
      .getByRole('button', { name: 'Auto-layout' })
      .elementHandle()) as import('@playwright/test').ElementHandle<HTMLButtonElement>;
    await startProfile('layout');
    const layoutStart = await now();
    await layoutButton.evaluate((button) => button.click());
    await page.waitForFunction((button) => button.textContent?.trim() !== 'Auto-layout', layoutButton, { timeout: 60_000 });
    await page.waitForFunction(
      (button) => !document.querySelector('.map-graph-status') && button.textContent?.trim() === 'Auto-layout',
      layoutButton,
      { timeout: 600_000, polling: 100 },
    );
    const layoutMs = (await now()) - layoutStart;
    await page.waitForTimeout(1000);
    const layoutLongestTaskMs = await longestSince(layoutStart);
    await stopProfile('layout');

    // 3. Add a supporting claim to the thesis, then undo it, zoomed in enough that nodes are DOM
    // nodes again (zoomed out they are drawn on the overview canvas).
    // The arrows select claims unless a toolbar button has the focus.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 30 && (await page.locator('.overview-canvas').count()) > 0; i += 1) await page.mouse.wheel(0, -300);
    await page.keyboard.press('ArrowDown'); // nothing selected: selects the thesis and brings it into view
    await page.waitForTimeout(500);
    await page.keyboard.press('s');
    await page.getByRole('textbox', { name: 'New supporting claim' }).waitFor();
    await page.keyboard.type('A benchmark claim, added and undone');
    // Zoomed out, nodes are shapes without text: count claim nodes instead of looking for the text.
    const claimCount = () => page.locator('.react-flow__node-claim').count();
    const before = await claimCount();
    await startProfile('add');
    const addStart = await now();
    await page.keyboard.press('Enter');
    await page.waitForFunction((count) => document.querySelectorAll('.react-flow__node-claim').length > count, before, {
      timeout: 120_000,
    });
    await page.waitForFunction(
      () => ![...document.querySelectorAll('.react-flow__node')].some((node) => node.getAttribute('data-id')?.startsWith('pending')),
      null,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(800);
    const addLongestTaskMs = await longestSince(addStart);
    await stopProfile('add');
    const addedId = await page
      .locator('.react-flow__node-claim', { hasText: 'A benchmark claim, added and undone' })
      .getAttribute('data-id', { timeout: 10_000 })
      .catch(() => null);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: box.height - 5 } });
    await startProfile('undo');
    const undoStart = await now();
    await page.keyboard.press('Control+z');
    // The undone claim's node goes (counting nodes would depend on what else scrolled into view).
    await page.waitForFunction(
      ({ id, count }) =>
        id
          ? !document.querySelector(`.react-flow__node[data-id="${id}"]`)
          : document.querySelectorAll('.react-flow__node-claim').length <= count,
      { id: addedId, count: before },
      { timeout: 120_000 },
    );
    await page.waitForTimeout(800);
    const undoLongestTaskMs = await longestSince(undoStart);
    await stopProfile('undo');

    // 4. Undo the auto-layout while another page (another tab of the owner) has the map open: both
    // get one batch of every node's move, this page as its own write, the other through the stream.
    const other = await context.newPage();
    await other.addInitScript({ content: LONG_TASKS_SCRIPT });
    await other.goto(`/maps/${mapId}`);
    await other.waitForFunction(() => !document.querySelector('[data-testid="first-view"]'), null, { timeout: 120_000 });
    await other.waitForFunction(() => !document.querySelector('.map-graph-status'), null, { timeout: 600_000 });
    await other.waitForTimeout(1500);
    const otherStart = await other.evaluate(() => performance.now());
    const firstNodeId = await page.evaluate(() => document.querySelector('.react-flow__node')?.getAttribute('data-id') ?? null);
    const positionOf = (target: typeof page, id: string | null) =>
      target.evaluate((nodeId) => document.querySelector(`.react-flow__node[data-id="${nodeId}"]`)?.getAttribute('style') ?? '', id);
    const otherBefore = await positionOf(other, firstNodeId);
    await page.bringToFront();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: box.height - 5 } });
    await startProfile('layout-undo');
    const layoutUndoStart = await now();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.body.textContent?.includes('Undid arranging the map'), null, {
      timeout: 120_000,
      polling: 200,
    });
    await page.waitForTimeout(1500);
    const layoutUndoLongestTaskMs = await longestSince(layoutUndoStart);
    await stopProfile('layout-undo');
    // The other page got the batch once a node it shows has moved (or after a while, if none is shown).
    await other
      .waitForFunction(
        ({ id, before }) => document.querySelector(`.react-flow__node[data-id="${id}"]`)?.getAttribute('style') !== before,
        { id: firstNodeId, before: otherBefore },
        { timeout: 15_000, polling: 200 },
      )
      .catch(() => {});
    await other.waitForTimeout(1000);
    const remoteLayoutUndoLongestTaskMs = await longestTaskSince(other, otherStart);
    await other.close();

    return {
      frameP50Ms: percentile(frames, 50),
      frameP95Ms: percentile(frames, 95),
      layoutMs,
      layoutLongestTaskMs,
      addLongestTaskMs,
      undoLongestTaskMs,
      layoutUndoLongestTaskMs,
      remoteLayoutUndoLongestTaskMs,
    };
  } catch (error) {
    const screenshot = path.join('.data', `bench-map-interaction-${size}.png`);
    await context
      .pages()[0]
      ?.screenshot({ path: screenshot })
      .catch(() => {});
    throw new Error(
      `the interaction run on the ${size}-claim map failed (screenshot: ${screenshot}; page errors: ${pageErrors.join(' | ') || 'none'})`,
      { cause: error },
    );
  } finally {
    await context.close();
  }
}

async function measureInBrowser(browser: Browser, mapId: string, account: { email: string; password: string }): Promise<BrowserRun> {
  const context = await signedInContext(browser, account);
  try {
    const page = await context.newPage();
    // Records, relative to the navigation start, when the first node becomes visible.
    // A string, not a function: tsx would wrap a function's source with helpers the page lacks.
    await page.addInitScript({
      content: `(() => {
        const check = () => {
          if (window.__firstNodeAt !== undefined) return;
          const node = document.querySelector('.focus-claim-text, .focus-card-text, .react-flow__node .claim-text');
          if (node && node.textContent && getComputedStyle(node).visibility !== 'hidden' && node.getBoundingClientRect().width > 0) {
            window.__firstNodeAt = performance.now();
          }
        };
        const watched = { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] };
        new MutationObserver(check).observe(document, watched);
      })();`,
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`/maps/${mapId}`, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => (window as unknown as { __firstNodeAt?: number }).__firstNodeAt !== undefined, null, {
        timeout: 120_000,
      });
    } catch (error) {
      const screenshot = path.join('.data', 'bench-map-failure.png');
      await page.screenshot({ path: screenshot }).catch(() => {});
      throw new Error(`no node appeared on /maps/${mapId} (screenshot: ${screenshot}; page errors: ${errors.join(' | ') || 'none'})`, {
        cause: error,
      });
    }
    const result = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        firstNode: (window as unknown as { __firstNodeAt: number }).__firstNodeAt,
        ttfb: navigation ? navigation.responseStart : NaN,
      };
    });
    await page.waitForTimeout(500);
    await page
      .locator('[data-testid="first-view"]')
      .waitFor({ state: 'detached', timeout: 120_000 })
      .catch(() => {});
    const renderedNodes = await page.locator('.react-flow__node').count();
    return { ...result, renderedNodes };
  } finally {
    await context.close();
  }
}

async function main() {
  const { url, embedded } = await openDatabase();
  process.env.DATABASE_URL = url;
  let queries = 0;
  const db = createPrismaClient(url, { onQuery: () => (queries += 1) });
  let app: AppProcess | null = null;
  let browser: Browser | null = null;
  try {
    await applyMigrations(url, path.join('prisma', 'migrations'));
    const password = 'bench-password-1';
    const owner = await db.user.create({
      data: {
        email: 'bench-owner@crux.local',
        displayName: 'Bench Owner',
        passwordHash: await argon2.hash(password, { type: argon2.argon2id }),
      },
      select: { id: true, displayName: true, isGuest: true },
    });
    const voterIds: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const voter = await db.user.create({ data: { displayName: `Bench voter ${i}` }, select: { id: true } });
      voterIds.push(voter.id);
    }

    const maps: { size: number; mapId: string; links: number }[] = [];
    for (const size of SIZES) {
      const started = performance.now();
      const { mapId, links } = await createLargeMap(db, { claims: size, ownerId: owner.id, voterIds, title: `Bench map, ${size} claims` });
      maps.push({ size, mapId, links });
      say(`created a ${size}-claim map (${links} links, laid out) in ${ms(performance.now() - started)}`);
    }

    const caller = createCaller({ db, actor: owner, ip: 'bench' });
    const apiRows: { size: number; links: number; p50: number; p95: number; queries: number }[] = [];
    for (const { size, mapId, links } of maps) {
      for (let i = 0; i < 3; i += 1) await caller.map.get({ mapId });
      const times: number[] = [];
      queries = 0;
      for (let i = 0; i < CALLS; i += 1) {
        const started = performance.now();
        await caller.map.get({ mapId });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      apiRows.push({ size, links, p50: percentile(times, 50), p95: percentile(times, 95), queries: queries / CALLS });
    }
    // The raw-pg floor of map.get, same rows (issue 17): scripts/bench/map-get-floor.ts.
    const floorRows = [];
    for (const { size, mapId } of maps) {
      floorRows.push({ size, ...(await measureMapGetBesideFloor(() => caller.map.get({ mapId }), url, mapId, owner.id, CALLS)) });
    }

    say(`starting the production app on port ${PORT}…`);
    app = await startApp(url);
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const browserRows: { size: number; firstNode: number; ttfb: number; renderedNodes: number; runs: number[] }[] = [];
    for (const { size, mapId } of maps) {
      // One unmeasured visit warms the server (compiled routes, connection pool) like a live app.
      await measureInBrowser(browser, mapId, { email: 'bench-owner@crux.local', password });
      const runs: BrowserRun[] = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await measureInBrowser(browser, mapId, { email: 'bench-owner@crux.local', password }));
      browserRows.push({
        size,
        firstNode: median(runs.map((run) => run.firstNode)),
        ttfb: median(runs.map((run) => run.ttfb)),
        renderedNodes: median(runs.map((run) => run.renderedNodes)),
        runs: runs.map((run) => Math.round(run.firstNode)),
      });
    }
    const interactions = new Map<number, Interaction>();
    for (const { size, mapId } of maps) {
      say(`pan/zoom, auto-layout, add and undo on the ${size}-claim map…`);
      interactions.set(size, await measureInteraction(browser, size, mapId, { email: 'bench-owner@crux.local', password }));
    }
    const results = maps.map(({ size }) => {
      const api = apiRows.find((row) => row.size === size)!;
      const load = browserRows.find((row) => row.size === size)!;
      const interaction = interactions.get(size)!;
      const round = (value: number) => Math.round(value * 10) / 10;
      return {
        claims: size,
        firstClaimVisibleMs: round(load.firstNode),
        frameP50Ms: round(interaction.frameP50Ms),
        frameP95Ms: round(interaction.frameP95Ms),
        layoutMs: round(interaction.layoutMs),
        layoutLongestTaskMs: round(interaction.layoutLongestTaskMs),
        addLongestTaskMs: round(interaction.addLongestTaskMs),
        undoLongestTaskMs: round(interaction.undoLongestTaskMs),
        layoutUndoLongestTaskMs: round(interaction.layoutUndoLongestTaskMs),
        remoteLayoutUndoLongestTaskMs: round(interaction.remoteLayoutUndoLongestTaskMs),
        mapGetP50Ms: round(api.p50),
        mapGetP95Ms: round(api.p95),
      };
    });
    fs.mkdirSync(path.join('.data', 'bench'), { recursive: true });
    fs.writeFileSync(path.join('.data', 'bench', 'map-results.json'), `${JSON.stringify(results, null, 2)}\n`);

    console.log('');
    console.log(`map.get through the tRPC caller (${CALLS} calls after 3 warm-up calls)`);
    console.log('| claims | links | p50 | p95 | SQL statements per call |');
    console.log('| ---: | ---: | ---: | ---: | ---: |');
    for (const row of apiRows) console.log(`| ${row.size} | ${row.links} | ${ms(row.p50)} | ${ms(row.p95)} | ${row.queries.toFixed(0)} |`);
    console.log('');
    printMapGetFloorTable(floorRows);
    console.log('');
    console.log(`Headless Chromium, production build, cold context, median of ${RUNS} runs`);
    console.log('| claims | time to first byte | navigation → first claim text | nodes in the DOM | runs (ms) |');
    console.log('| ---: | ---: | ---: | ---: | --- |');
    for (const row of browserRows) {
      console.log(`| ${row.size} | ${ms(row.ttfb)} | ${ms(row.firstNode)} | ${row.renderedNodes} | ${row.runs.join(', ')} |`);
    }
    console.log('');
    console.log('All figures (ms), also in .data/bench/map-results.json; frames, layout, add and undo with every subtree expanded');
    const columns = Object.keys(results[0] ?? {}) as (keyof (typeof results)[number])[];
    console.log(`| ${columns.join(' | ')} |`);
    console.log(`| ${columns.map(() => '---:').join(' | ')} |`);
    for (const row of results) console.log(`| ${columns.map((column) => row[column]).join(' | ')} |`);
  } finally {
    await browser?.close();
    await app?.stop();
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:map: ${(error as Error).stack ?? String(error)}`);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) console.error(`caused by: ${cause.stack ?? cause.message}`);
  process.exit(1);
});
