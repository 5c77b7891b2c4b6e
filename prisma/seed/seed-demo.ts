import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '../../src/server/db';
import { describeQuote, findQuote } from '../../src/server/domain/anchoring/anchor-quote';
import { hashSourceText, normalizeSourceText } from '../../src/server/domain/sources/hash-source-text';
import { appendMapEvent } from '../../src/server/sync/append-event';
import { DEMO_CLAIMS, DEMO_EVIDENCE, DEMO_MAP, DEMO_SOURCES, DEMO_VOTERS, DEMO_VOTES } from './demo-content';

export { DEMO_MAP_ID } from '../../src/shared/demo';
import { DEMO_MAP_ID } from '../../src/shared/demo';
const DEMO_OWNER_ID = 'demo-owner';
const SOURCES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sources');

export function readDemoSourceText(file: string): string {
  return normalizeSourceText(fs.readFileSync(path.join(SOURCES_DIR, file), 'utf8'));
}

export async function seedDemo(databaseUrl: string): Promise<{ created: boolean; mapId: string }> {
  const db = createPrismaClient(databaseUrl);
  try {
    const existing = await db.map.findUnique({ where: { id: DEMO_MAP_ID }, select: { id: true } });
    if (existing) return { created: false, mapId: DEMO_MAP_ID };

    const created = await db.$transaction(
      async (tx) => {
        // Two instances starting on a fresh database at once: the second waits, then finds the map.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
        if (await tx.map.findUnique({ where: { id: DEMO_MAP_ID }, select: { id: true } })) return false;
        await tx.user.upsert({
          where: { id: DEMO_OWNER_ID },
          update: {},
          create: { id: DEMO_OWNER_ID, displayName: 'Crux team' },
        });
        for (const voter of DEMO_VOTERS) {
          await tx.user.upsert({
            where: { id: `demo-voter-${voter.key}` },
            update: {},
            create: { id: `demo-voter-${voter.key}`, displayName: voter.displayName },
          });
        }
        await tx.map.create({
          data: {
            id: DEMO_MAP_ID,
            title: DEMO_MAP.title,
            description: DEMO_MAP.description,
            visibility: 'public',
            ownerId: DEMO_OWNER_ID,
            isBlindVoting: true,
            resultsRevealed: true,
            members: {
              create: [
                { userId: DEMO_OWNER_ID, role: 'owner' },
                ...DEMO_VOTERS.map((voter) => ({ userId: `demo-voter-${voter.key}`, role: 'voter' as const })),
              ],
            },
          },
        });

        const sourceIdByFile = new Map<string, string>();
        for (const source of DEMO_SOURCES) {
          const text = readDemoSourceText(source.file);
          const created = await tx.source.create({
            data: {
              mapId: DEMO_MAP_ID,
              title: source.title,
              author: source.author,
              publisher: source.publisher,
              url: source.url,
              publishedAt: source.publishedAt ? new Date(source.publishedAt) : null,
              text,
              contentHash: hashSourceText(text),
              createdById: DEMO_OWNER_ID,
            },
            select: { id: true },
          });
          sourceIdByFile.set(source.file, created.id);
        }

        const claimIdByKey = new Map<string, string>();
        for (const claim of DEMO_CLAIMS) {
          const created = await tx.claim.create({
            data: { mapId: DEMO_MAP_ID, text: claim.text, authorId: DEMO_OWNER_ID },
            select: { id: true },
          });
          claimIdByKey.set(claim.key, created.id);
          if (claim.parentKey && claim.relation) {
            await tx.link.create({
              data: {
                mapId: DEMO_MAP_ID,
                fromClaimId: created.id,
                toClaimId: claimIdByKey.get(claim.parentKey)!,
                relation: claim.relation,
                createdById: DEMO_OWNER_ID,
              },
            });
          }
        }

        const evidenceIdByKey = new Map<string, string>();
        for (const item of DEMO_EVIDENCE) {
          const text = readDemoSourceText(item.sourceFile);
          const start = findQuote(text, item.exact, item.occurrence ?? 0);
          if (start < 0) throw new Error(`demo seed: quote ${item.key} not found in ${item.sourceFile}`);
          const selector = describeQuote(text, start, start + item.exact.length);
          const created = await tx.evidence.create({
            data: {
              mapId: DEMO_MAP_ID,
              sourceId: sourceIdByFile.get(item.sourceFile)!,
              ...selector,
              note: item.note ?? null,
              authorId: DEMO_OWNER_ID,
            },
            select: { id: true },
          });
          evidenceIdByKey.set(item.key, created.id);
          await tx.link.create({
            data: {
              mapId: DEMO_MAP_ID,
              fromEvidenceId: created.id,
              toClaimId: claimIdByKey.get(item.claimKey)!,
              relation: item.relation,
              createdById: DEMO_OWNER_ID,
            },
          });
        }

        await tx.vote.createMany({
          data: DEMO_VOTES.map((vote) => ({
            mapId: DEMO_MAP_ID,
            userId: `demo-voter-${vote.voterKey}`,
            claimId: claimIdByKey.get(vote.targetKey) ?? null,
            evidenceId: claimIdByKey.has(vote.targetKey) ? null : (evidenceIdByKey.get(vote.targetKey) ?? null),
            value: vote.value,
          })),
        });

        await appendMapEvent(tx, DEMO_MAP_ID, { type: 'map.created', payload: { title: DEMO_MAP.title } }, { actor: null });
        return true;
      },
      { timeout: 60_000 },
    );
    return { created, mapId: DEMO_MAP_ID };
  } finally {
    await db.$disconnect();
  }
}
