/**
 * rawQuery (src/server/db.ts): the hot statements straight on the pg pool. In production two copies of the
 * module run in one process — Next's bundle and the Node server's — over one client and its pooled
 * connections, so their prepared statements must never collide.
 */
import { describe, expect, inject, it, vi } from 'vitest';
import { Prisma } from '@/generated/prisma/client';

describe('rawQuery', () => {
  it('keeps two module copies apart on one shared connection, and returns pg rows', async () => {
    const first = await import('@/server/db');
    const client = first.createPrismaClient(inject('databaseUrl'));
    try {
      vi.resetModules();
      const second = await import('@/server/db');
      expect(second).not.toBe(first);
      // One after the other, so the pool hands both copies the same idle connection.
      for (let round = 0; round < 3; round += 1) {
        expect(await first.rawQuery<{ a: number }>(client, Prisma.sql`SELECT ${round}::int AS "a"`)).toEqual([{ a: round }]);
        expect(await second.rawQuery<{ b: string }>(client, Prisma.sql`SELECT ${`text ${round}`}::text AS "b"`)).toEqual([
          { b: `text ${round}` },
        ]);
      }
    } finally {
      await client.$disconnect();
    }
  });

  it('counts its statements for a client made to count queries', async () => {
    const { createPrismaClient, rawQuery } = await import('@/server/db');
    let queries = 0;
    const counting = createPrismaClient(inject('databaseUrl'), { onQuery: () => (queries += 1) });
    try {
      await rawQuery(counting, Prisma.sql`SELECT 1 AS "one"`);
      expect(queries).toBe(1);
    } finally {
      await counting.$disconnect();
    }
  });
});
