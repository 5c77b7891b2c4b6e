import { describe, expect, inject, it } from 'vitest';
import { seedDemo, DEMO_MAP_ID } from '../../prisma/seed/seed-demo';
import { DEMO_CLAIMS, DEMO_EVIDENCE } from '../../prisma/seed/demo-content';
import { callerFor, db } from './helpers';

describe('demo map seed', () => {
  it('seeds once, publicly readable, with every quote found at its offsets in its source', async () => {
    const first = await seedDemo(inject('databaseUrl'));
    const second = await seedDemo(inject('databaseUrl'));
    expect(first.created || second.created).toBe(true);
    expect(second.created).toBe(false);

    const view = await callerFor(null).map.get({ mapId: DEMO_MAP_ID });
    expect(view.map.title).toBe('Is cyber sovereignty a legitimate principle for governing the internet?');
    expect(view.claims.length).toBeGreaterThanOrEqual(12);
    expect(view.claims.length).toBe(DEMO_CLAIMS.length);
    expect(view.evidence.length).toBeGreaterThanOrEqual(15);
    expect(view.evidence.length).toBe(DEMO_EVIDENCE.length);
    expect(view.sources).toHaveLength(5);

    const sources = await db().source.findMany({ where: { mapId: DEMO_MAP_ID }, select: { id: true, text: true } });
    const textById = new Map(sources.map((source) => [source.id, source.text]));
    for (const item of view.evidence) {
      const text = textById.get(item.sourceId)!;
      expect(text.slice(item.start, item.end)).toBe(item.exact);
      expect(text.slice(Math.max(0, item.start - item.prefix.length), item.start)).toBe(item.prefix);
      expect(text.slice(item.end, item.end + item.suffix.length)).toBe(item.suffix);
    }
    // Every passage is linked to a claim.
    const linkedEvidence = new Set(view.links.filter((link) => link.fromEvidenceId).map((link) => link.fromEvidenceId));
    expect(view.evidence.every((item) => linkedEvidence.has(item.id))).toBe(true);
  });
});
