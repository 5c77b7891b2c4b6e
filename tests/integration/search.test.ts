import { describe, expect, it } from 'vitest';
import { readDemoSourceText } from '../../prisma/seed/seed-demo';
import { callerFor, createMapWith, createUser, db } from './helpers';

async function setup() {
  const owner = await createUser();
  const editor = await createUser();
  const viewer = await createUser();
  const outsider = await createUser();
  const map = await createMapWith(owner, [
    { actor: editor, role: 'editor' },
    { actor: viewer, role: 'viewer' },
  ]);
  const api = callerFor(editor);
  return { owner, editor, viewer, outsider, map, api };
}

describe('map.search', () => {
  it('finds live claims by stemmed words, ranked, with highlighted snippets', async () => {
    const { api, viewer, map } = await setup();
    const { claim: a } = await api.claim.create({ mapId: map.id, text: 'States should govern their own networks' });
    const { claim: b } = await api.claim.create({ mapId: map.id, text: 'Government control of networks enables censorship of networks' });
    await api.claim.create({ mapId: map.id, text: 'Nothing relevant here' });
    const { claim: gone } = await api.claim.create({ mapId: map.id, text: 'Networks were governed once' });
    await api.claim.delete({ id: gone.id });
    const other = await createMapWith(await createUser());
    await db().claim.create({ data: { mapId: other.id, text: 'Networks governed elsewhere' } });

    const result = await callerFor(viewer).map.search({ mapId: map.id, query: 'governing networks' });
    expect(result.claims.map((hit) => hit.claimId).sort()).toEqual([a.id, b.id].sort());
    expect(result.claims[0]!.rank).toBeGreaterThanOrEqual(result.claims[1]!.rank);
    const hitA = result.claims.find((hit) => hit.claimId === a.id)!;
    expect(hitA.snippet.filter((s) => s.isHit).map((s) => s.text)).toEqual(['govern', 'networks']);
    expect(hitA.snippet.map((s) => s.text).join('')).toBe(a.text);
    expect(result.sources).toEqual([]);
  });

  it('finds sources by title and text and says where the first hit is, in UTF-16 offsets', async () => {
    const { api, map } = await setup();
    const segal = readDemoSourceText('information-vs-cyber-security.txt');
    const { source } = await api.source.create({ mapId: map.id, title: 'China and Information vs. Cyber Security', text: segal });
    const unicode = '前言 😀 “Intro”.\n\nThe Great Firewall filters foreign websites… and it is expanding.';
    const { source: second } = await api.source.create({ mapId: map.id, title: 'Notes', text: unicode });

    const firewall = await api.map.search({ mapId: map.id, query: 'firewall' });
    const hit = firewall.sources.find((item) => item.sourceId === second.id)!;
    expect(hit.hit).not.toBeNull();
    expect(unicode.slice(hit.hit!.start, hit.hit!.end)).toBe('Firewall');
    expect(hit.snippet.some((s) => s.isHit && s.text === 'Firewall')).toBe(true);

    const phrase = await api.map.search({ mapId: map.id, query: '"information security"' });
    const segalHit = phrase.sources.find((item) => item.sourceId === source.id);
    expect(segalHit?.hit).toMatchObject({ start: expect.any(Number), end: expect.any(Number) });
    expect(segal.slice(segalHit!.hit!.start, segalHit!.hit!.end).toLowerCase()).toMatch(/^information security$/);

    // Only the title matches: the source is found, opened at the top.
    const titleOnly = await api.map.search({ mapId: map.id, query: 'notes' });
    const notes = titleOnly.sources.find((item) => item.sourceId === second.id);
    expect(notes).toBeDefined();
    expect(notes!.hit).toBeNull();
  });

  it('accepts whatever people type, and is readable by viewers, hidden from outsiders', async () => {
    const { api, viewer, outsider, map } = await setup();
    await api.claim.create({ mapId: map.id, text: 'Sovereignty is a cover for surveillance' });
    for (const query of ['"unclosed phrase', 'a & | ! ( ) :*', '-surveillance', 'the', 'or', '🙂']) {
      await expect(callerFor(viewer).map.search({ mapId: map.id, query })).resolves.toMatchObject({ query: query.trim() });
    }
    expect((await api.map.search({ mapId: map.id, query: 'surveillance -sovereignty' })).claims).toEqual([]);
    expect((await api.map.search({ mapId: map.id, query: 'surveillance or nothing' })).claims).toHaveLength(1);
    await expect(api.map.search({ mapId: map.id, query: '   ' })).rejects.toThrow('Type something to search for.');
    await expect(callerFor(outsider).map.search({ mapId: map.id, query: 'surveillance' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('uses the full-text GIN indexes from the init migration', async () => {
    const plans = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      const claims = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT "id" FROM "Claim" WHERE to_tsvector('english', "text") @@ websearch_to_tsquery('english', 'cyber')`,
      );
      const sources = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT "id" FROM "Source" WHERE to_tsvector('english', "title" || ' ' || "text") @@ websearch_to_tsquery('english', ` +
          `'cyber')`,
      );
      return { claims: claims.map((row) => row['QUERY PLAN']).join('\n'), sources: sources.map((row) => row['QUERY PLAN']).join('\n') };
    });
    expect(plans.claims).toContain('Claim_text_search');
    expect(plans.sources).toContain('Source_text_search');
  });
});
