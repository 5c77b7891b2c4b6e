import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { callerFor, createUser, db } from './helpers';

const FORMATS = ['argdown', 'aif', 'kialo', 'json', 'auto'] as const;

/** Inputs an importer meets in the wild or from an attacker: junk, deep nesting, broken UTF-16. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc
    .integer({ min: 1, max: 2000 })
    .map((depth) => `[A]: a\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}+ [S${i}]: s${i}`).join('\n')}`),
  fc.integer({ min: 1, max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.constantFrom('\uD800 lone high surrogate', 'lone low \uDC00', '[T]: \uD83D', '1. \uDFFF thesis', '{"nodes": [{"nodeID": "\uD800"}]}'),
  fc.constantFrom(
    '[__proto__]: x #tag',
    '[constructor]: y',
    '{"__proto__": {"polluted": true}}',
    '1. Thesis\n1.1. Pro: ' + 'x'.repeat(5000),
  ),
);

describe('map.import with hostile input, through the database', () => {
  it('either creates one complete map or refuses with a clear BAD_REQUEST and writes nothing', async () => {
    const outcomes = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FORMATS), hostileText, async (format, text) => {
        const user = await createUser();
        try {
          const result = await callerFor(user).map.import({ format, text });
          // A success is a whole map: its claims are all there and its log has started.
          const map = await db().map.findUniqueOrThrow({ where: { id: result.mapId }, select: { ownerId: true, lastSeq: true } });
          expect(map.ownerId).toBe(user.id);
          expect(map.lastSeq).toBe(1);
          outcomes.created += 1;
          expect(await db().claim.count({ where: { mapId: result.mapId } })).toBe(result.counts.claims);
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe('BAD_REQUEST');
          expect((error as TRPCError).message.length).toBeGreaterThan(5);
          expect(await db().map.count({ where: { ownerId: user.id } })).toBe(0);
          outcomes.refused += 1;
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(({} as Record<string, unknown>).tags).toBeUndefined();
      }),
      { numRuns: 60, seed: 20261122 },
    );
    // The generators reach both outcomes, so neither branch is vacuous.
    expect(outcomes.created).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('refuses text over 5 MB without parsing it', async () => {
    const user = await createUser();
    await expect(callerFor(user).map.import({ format: 'argdown', text: `[A]: ${'a'.repeat(5 * 1024 * 1024 + 10)}` })).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
    expect(await db().map.count({ where: { ownerId: user.id } })).toBe(0);
  });
});
