/**
 * `npm run seed:large`: adds a 2,000-claim map (a tree of pros and cons with some cross-links,
 * including a few cycles, and votes from five voters) to the database `npm start` uses, laid out
 * with the editor's own ELK layout so it opens at once. Prints the map's path and the owner's
 * sign-in; the map is public, so it opens without signing in too.
 *
 *   --claims <n>   how many claims (default 2000)
 *
 * With DATABASE_URL set, that database is used. Otherwise the embedded PostgreSQL of `npm start`
 * (data in $CRUX_DATA_DIR/postgres, port $CRUX_EMBEDDED_PG_PORT or 54329): if `npm start` is
 * running, its server is used as it is; if not, it is started for the seeding and stopped again.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import argon2 from 'argon2';
import ELK from 'elkjs/lib/elk.bundled.js';
import pg from 'pg';
import type { PrismaClient } from '../src/generated/prisma/client';
import { compactLayout } from '../src/components/map/compact-layout';
import { computeLayout, TREE_LAYOUT_ABOVE } from '../src/components/map/layout';
import { createPrismaClient } from '../src/server/db';
import type { MapView } from '../src/server/domain/maps/get-map';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/infra/embedded-postgres';
import { applyMigrations } from '../src/server/infra/migrate';
import { appendMapEvent } from '../src/server/sync/append-event';
import { seededRandom } from '../src/shared/seeded-random';

const WORDS = (
  'evidence policy students teachers homework schools learning outcomes families time practice research ' +
  'studies show that most children benefit from structured practice while others lose motivation when ' +
  'workload grows beyond reason the effect depends on age subject quality feedback and support at home ' +
  'critics argue data are mixed supporters point to long term gains in discipline and memory'
).split(' ');

function sentence(next: () => number, index: number): string {
  // Mostly short claims, some long enough to be clamped with "more".
  const length = next() < 0.15 ? 40 + Math.floor(next() * 30) : 6 + Math.floor(next() * 16);
  const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]!);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (#${index}).`;
}

export interface LargeMapOptions {
  claims: number;
  ownerId: string;
  voterIds?: string[];
  title?: string;
  seed?: number;
  /** Lay the map out with ELK (as the editor would) so it opens without an auto-layout. */
  layout?: boolean;
}

/**
 * Above this many claims ELK in Node takes many minutes (10,000 claims did not finish in 30), so the
 * map is placed with the graph's linear tree arrangement (compact-layout.ts) instead.
 */
const ELK_SEED_LIMIT = TREE_LAYOUT_ABOVE;

/**
 * Creates a public map with `claims` claims in a tree (each claim supports or opposes one
 * parent, 2–6 children per claim), plus cross-links for about 3% of the claims (some of which
 * close cycles) and votes on about a third of the claims. Returns the map id.
 */
export async function createLargeMap(db: PrismaClient, options: LargeMapOptions): Promise<{ mapId: string; links: number }> {
  const next = seededRandom(options.seed ?? 2026);
  const count = Math.max(1, options.claims);
  const mapId = crypto.randomUUID();
  const start = Date.now() - count * 1000;
  const claims = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    mapId,
    text: i === 0 ? 'Homework should be abolished in primary schools.' : sentence(next, i),
    authorId: options.ownerId,
    // Increasing creation times keep map.get's order (createdAt) equal to the tree order.
    createdAt: new Date(start + i * 1000),
  }));
  const links: {
    id: string;
    mapId: string;
    fromClaimId: string;
    toClaimId: string;
    relation: 'support' | 'oppose';
    createdById: string;
  }[] = [];
  const pairs = new Set<string>();
  const addLink = (from: number, to: number) => {
    const key = `${from}>${to}`;
    if (from === to || pairs.has(key)) return;
    pairs.add(key);
    links.push({
      id: crypto.randomUUID(),
      mapId,
      fromClaimId: claims[from]!.id,
      toClaimId: claims[to]!.id,
      relation: next() < 0.6 ? 'support' : 'oppose',
      createdById: options.ownerId,
    });
  };
  // Breadth-first tree: the parent of claim i is an earlier claim with children left to fill.
  let parent = 0;
  let childrenLeft = 2 + Math.floor(next() * 5);
  for (let i = 1; i < count; i += 1) {
    addLink(i, parent);
    childrenLeft -= 1;
    if (childrenLeft === 0) {
      parent += 1;
      childrenLeft = 2 + Math.floor(next() * 5);
    }
  }
  for (let i = 0; i < Math.floor(count * 0.03); i += 1) {
    const from = 1 + Math.floor(next() * (count - 1));
    // Mostly toward earlier claims; every fifth one points down the tree and may close a cycle.
    const to = i % 5 === 0 ? Math.min(count - 1, from + 1 + Math.floor(next() * 20)) : Math.floor(next() * from);
    addLink(from, to);
  }

  let positions = new Map<string, { x: number; y: number }>();
  if (options.layout !== false) {
    const view = {
      claims: claims.map((claim) => ({ id: claim.id, text: claim.text, x: null, y: null })),
      evidence: [],
      links: links.map((link) => ({ ...link, fromEvidenceId: null })),
      sources: [],
    } as unknown as MapView;
    if (count > ELK_SEED_LIMIT) {
      positions = compactLayout(view, view, () => null);
    } else {
      const moves = await computeLayout(new ELK(), view);
      positions = new Map(moves.map((move) => [move.id, { x: move.x, y: move.y }]));
    }
  }

  const votes: { mapId: string; userId: string; claimId: string; value: number }[] = [];
  for (const voterId of options.voterIds ?? []) {
    for (const claim of claims) {
      if (next() < 0.3) votes.push({ mapId, userId: voterId, claimId: claim.id, value: Math.floor(next() * 5) });
    }
  }

  await db.$transaction(
    async (tx) => {
      await tx.map.create({
        data: {
          id: mapId,
          title: options.title ?? `Large map: ${count.toLocaleString('en')} claims`,
          description: 'Generated by npm run seed:large to try the editor at scale.',
          visibility: 'public',
          ownerId: options.ownerId,
          isBlindVoting: false,
          members: {
            create: [
              { userId: options.ownerId, role: 'owner' },
              ...(options.voterIds ?? []).map((userId) => ({ userId, role: 'voter' as const })),
            ],
          },
        },
      });
      const chunk = 1000;
      for (let i = 0; i < claims.length; i += chunk) {
        await tx.claim.createMany({
          data: claims
            .slice(i, i + chunk)
            .map((claim) => ({ ...claim, x: positions.get(claim.id)?.x ?? null, y: positions.get(claim.id)?.y ?? null })),
        });
      }
      for (let i = 0; i < links.length; i += chunk) await tx.link.createMany({ data: links.slice(i, i + chunk) });
      for (let i = 0; i < votes.length; i += chunk) await tx.vote.createMany({ data: votes.slice(i, i + chunk) });
      await appendMapEvent(tx, mapId, { type: 'map.created', payload: { title: `seed:large (${count} claims)` } }, { actor: null });
    },
    { timeout: 120_000 },
  );
  return { mapId, links: links.length };
}

/** The embedded database `npm start` uses: reused if it is running, else started for this run. */
async function openDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const port = Number(process.env.CRUX_EMBEDDED_PG_PORT ?? 54329);
  const url = `postgresql://postgres:crux-local@127.0.0.1:${port}/crux`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
    await probe.end();
    console.log(`seed:large: using the running embedded PostgreSQL on port ${port}`);
    return { url, embedded: null };
  } catch {
    await probe.end().catch(() => {});
  }
  const dataDir = path.join(process.env.CRUX_DATA_DIR ?? '.data', 'postgres');
  console.log(`seed:large: starting the embedded PostgreSQL (data in ${dataDir}, port ${port})`);
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: 'crux', log: (line) => console.log(`seed:large: ${line}`) });
  return { url: embedded.url, embedded };
}

async function main() {
  const at = process.argv.indexOf('--claims');
  const claims = at > 0 ? Number(process.argv[at + 1]) : 2000;
  if (!Number.isInteger(claims) || claims < 1 || claims > 10_000) throw new Error('--claims must be a whole number from 1 to 10000');

  const { url, embedded } = await openDatabase();
  const db = createPrismaClient(url);
  try {
    await applyMigrations(url, path.join('prisma', 'migrations'));
    const email = 'large-map@crux.local';
    const password = `large-${crypto.randomBytes(6).toString('hex')}`;
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
    const owner = await db.user.upsert({
      where: { email },
      update: { passwordHash },
      create: { email, passwordHash, displayName: 'Large Map Owner' },
      select: { id: true },
    });
    const voterIds: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const voter = await db.user.upsert({
        where: { email: `large-map-voter-${i}@crux.local` },
        update: {},
        create: { email: `large-map-voter-${i}@crux.local`, displayName: `Voter ${i}` },
        select: { id: true },
      });
      voterIds.push(voter.id);
    }
    const started = Date.now();
    const { mapId, links } = await createLargeMap(db, { claims, ownerId: owner.id, voterIds });
    console.log(`seed:large: created ${claims} claims and ${links} links in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log('');
    console.log(`  Map:      /maps/${mapId}   (e.g. http://localhost:${process.env.PORT ?? 3000}/maps/${mapId})`);
    console.log(`  Owner:    ${email}`);
    console.log(`  Password: ${password}   (reset on every run)`);
    console.log('  The map is public: it also opens without signing in, read-only.');
  } finally {
    await db.$disconnect();
    if (embedded) await embedded.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`seed:large: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
