import { describe, expect, it } from 'vitest';
import { anchorQuote, findQuote, reanchorQuotes } from '@/server/domain/anchoring/anchor-quote';
import { DEMO_EVIDENCE, DEMO_SOURCES } from '../../prisma/seed/demo-content';
import { readDemoSourceText } from '../../prisma/seed/seed-demo';
import { callerFor, createMapWith, createUser, db } from './helpers';

async function setup() {
  const owner = await createUser();
  const editor = await createUser();
  const voter = await createUser();
  const viewer = await createUser();
  const outsider = await createUser();
  const map = await createMapWith(owner, [
    { actor: editor, role: 'editor' },
    { actor: voter, role: 'voter' },
    { actor: viewer, role: 'viewer' },
  ]);
  const api = callerFor(editor);
  const { claim } = await api.claim.create({ mapId: map.id, text: 'Cyber sovereignty protects citizens' });
  return { owner, editor, voter, viewer, outsider, map, api, claim };
}

// Curly quotes, an ellipsis, CJK and emoji (astral: two UTF-16 code units each).
const UNICODE_TEXT =
  'Xi said: “Cyber sovereignty… is the right of every state.”\n\n' +
  '中国主张网络主权。各国有权自主选择网络发展道路。\n\n' +
  'Reactions were mixed 😀👍🏽 — some called it “digital authoritarianism”; others shrugged 🤷.';

describe('evidence', () => {
  it('quotes a passage: the server computes the selectors from its own text, and the passage and its link appear in the map', async () => {
    const { api, viewer, map, claim } = await setup();
    const { source } = await api.source.create({ mapId: map.id, title: 'Unicode', text: UNICODE_TEXT });
    const exact = '各国有权自主选择网络发展道路';
    const start = UNICODE_TEXT.indexOf(exact);
    const created = await api.evidence.create({
      sourceId: source.id,
      start,
      end: start + exact.length,
      claimId: claim.id,
      relation: 'support',
      note: '  From the Wuzhen speech  ',
      clientMutationId: 'ev-1',
    });
    expect(created.evidence).toMatchObject({ exact, start, end: start + exact.length, note: 'From the Wuzhen speech', isOrphaned: false });
    expect(created.evidence.prefix).toBe(UNICODE_TEXT.slice(start - 32, start));
    expect(created.evidence.suffix).toBe(UNICODE_TEXT.slice(start + exact.length, start + exact.length + 32));
    expect(created.link).toMatchObject({ fromEvidenceId: created.evidence.id, toClaimId: claim.id, relation: 'support' });

    const view = await callerFor(viewer).map.get({ mapId: map.id });
    expect(view.evidence).toMatchObject([{ id: created.evidence.id, sourceId: source.id, exact, start }]);
    expect(view.links).toContainEqual(expect.objectContaining({ fromEvidenceId: created.evidence.id, toClaimId: claim.id }));
    expect(view.sources[0]?.evidenceCount).toBe(1);
    const { evidence } = await callerFor(viewer).source.get({ id: source.id });
    expect(evidence).toMatchObject([
      { id: created.evidence.id, links: [{ toClaimId: claim.id, relation: 'support', claimText: claim.text }] },
    ]);
    const event = await db().mapEvent.findFirst({ where: { mapId: map.id }, orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ type: 'evidence.created', clientMutationId: 'ev-1', seq: created.seq });
  });

  it('keeps offsets in UTF-16 code units for curly quotes, ellipses, CJK and emoji, as JavaScript slices them', async () => {
    const { api, map, claim } = await setup();
    const { source } = await api.source.create({ mapId: map.id, title: 'Unicode', text: UNICODE_TEXT });
    const quotes = [
      '“Cyber sovereignty… is the right of every state.”',
      '中国主张网络主权',
      '😀👍🏽',
      '“digital authoritarianism”; others shrugged 🤷',
    ];
    for (const exact of quotes) {
      const start = UNICODE_TEXT.indexOf(exact);
      const { evidence } = await api.evidence.create({
        sourceId: source.id,
        start,
        end: start + exact.length,
        claimId: claim.id,
        relation: 'oppose',
        expectedExact: exact,
      });
      expect(evidence.start).toBe(start);
      expect(evidence.end).toBe(start + exact.length);
      expect(evidence.exact).toBe(exact);
      expect(UNICODE_TEXT.slice(evidence.start, evidence.end)).toBe(exact);
    }
    // A selection ending between the two halves of 😀 is widened to the whole character.
    const emoji = UNICODE_TEXT.indexOf('😀');
    const { evidence: widened } = await api.evidence.create({
      sourceId: source.id,
      start: emoji - 6,
      end: emoji + 1,
      claimId: claim.id,
      relation: 'oppose',
    });
    expect(widened.exact).toBe('mixed 😀');
    expect(widened.end).toBe(emoji + 2);
    // Whitespace at the edges of a selection (a triple click, a sloppy drag) is left out.
    const para = UNICODE_TEXT.indexOf('Reactions');
    const { evidence: trimmed } = await api.evidence.create({
      sourceId: source.id,
      start: para - 2,
      end: para + 'Reactions were'.length + 1,
      claimId: claim.id,
      relation: 'oppose',
    });
    expect(trimmed).toMatchObject({ exact: 'Reactions were', start: para });
  });

  it('never trusts a client quote and refuses bad ranges with clear messages', async () => {
    const { api, map, claim } = await setup();
    const { source } = await api.source.create({ mapId: map.id, title: 'Unicode', text: UNICODE_TEXT });
    const base = { sourceId: source.id, claimId: claim.id, relation: 'support' as const };
    await expect(api.evidence.create({ ...base, start: 0, end: 5, expectedExact: 'Hello' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The source text changed since you selected this passage; select it again.',
    });
    // Unknown keys such as a client-sent `exact` are ignored: the stored quote comes from the text.
    const { evidence } = await api.evidence.create({ ...base, start: 0, end: 7, exact: 'forged' } as Parameters<
      typeof api.evidence.create
    >[0]);
    expect(evidence.exact).toBe('Xi said');
    await expect(api.evidence.create({ ...base, start: 5, end: 5 })).rejects.toThrow(
      'Select at least one character of the source as the quote.',
    );
    await expect(api.evidence.create({ ...base, start: -1, end: 5 })).rejects.toThrow('Offsets cannot be negative.');
    await expect(api.evidence.create({ ...base, start: 1.5, end: 5 })).rejects.toThrow('whole numbers');
    await expect(api.evidence.create({ ...base, start: 0, end: UNICODE_TEXT.length + 1 })).rejects.toThrow(
      `past the end of the source text (${UNICODE_TEXT.length} UTF-16 code units)`,
    );
    const gap = UNICODE_TEXT.indexOf('\n\n');
    await expect(api.evidence.create({ ...base, start: gap, end: gap + 2 })).rejects.toThrow('The selection is only whitespace');
    await expect(api.evidence.create({ ...base, start: 0, end: 5, relation: 'maybe' as 'support' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses a claim from another map, a deleted claim, and a source on a map the caller cannot see', async () => {
    const { api, owner, editor, map } = await setup();
    const { source } = await api.source.create({ mapId: map.id, title: 'Unicode', text: UNICODE_TEXT });
    const other = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const { claim: foreign } = await api.claim.create({ mapId: other.id, text: 'On another map' });
    await expect(
      api.evidence.create({ sourceId: source.id, start: 0, end: 7, claimId: foreign.id, relation: 'support' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That claim was not found on this map.',
    });
    const { claim: doomed } = await api.claim.create({ mapId: map.id, text: 'Soon deleted' });
    await api.claim.delete({ id: doomed.id });
    await expect(
      api.evidence.create({ sourceId: source.id, start: 0, end: 7, claimId: doomed.id, relation: 'support' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db().evidence.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it('updates the note, flips the relation, re-points to another claim; deletes softly and restores', async () => {
    const { api, viewer, map, claim } = await setup();
    const { claim: second } = await api.claim.create({ mapId: map.id, text: 'States should control their networks' });
    const { source } = await api.source.create({ mapId: map.id, title: 'Unicode', text: UNICODE_TEXT });
    const { evidence, link } = await api.evidence.create({
      sourceId: source.id,
      start: 0,
      end: 7,
      claimId: claim.id,
      relation: 'support',
      note: 'first',
    });

    const noted = await api.evidence.update({ id: evidence.id, note: '' });
    expect(noted.evidence.note).toBeNull();
    const flipped = await api.evidence.update({ id: evidence.id, relation: 'oppose' });
    expect(flipped.links).toMatchObject([{ id: link.id, toClaimId: claim.id, relation: 'oppose' }]);
    const moved = await api.evidence.update({ id: evidence.id, claimId: second.id, relation: 'support', note: 'moved' });
    expect(moved.links).toMatchObject([{ id: link.id, toClaimId: second.id, relation: 'support' }]);
    expect(moved.evidence.note).toBe('moved');
    await expect(api.evidence.update({ id: evidence.id })).rejects.toThrow('Nothing to change');

    await api.evidence.delete({ id: evidence.id });
    let view = await callerFor(viewer).map.get({ mapId: map.id });
    expect(view.evidence).toEqual([]);
    expect(view.links.filter((item) => item.fromEvidenceId)).toEqual([]);
    expect((await api.source.get({ id: source.id })).evidence).toEqual([]);
    expect(await db().evidence.count({ where: { id: evidence.id, deletedAt: { not: null } } })).toBe(1);
    await expect(api.evidence.delete({ id: evidence.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.evidence.update({ id: evidence.id, note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const restored = await api.evidence.restore({ id: evidence.id });
    expect(restored.links).toMatchObject([{ id: link.id, toClaimId: second.id }]);
    view = await callerFor(viewer).map.get({ mapId: map.id });
    expect(view.evidence.map((item) => item.id)).toEqual([evidence.id]);
    expect(view.links).toContainEqual(expect.objectContaining({ id: link.id, fromEvidenceId: evidence.id }));
    await expect(api.evidence.restore({ id: evidence.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    const types = (await db().mapEvent.findMany({ where: { mapId: map.id }, orderBy: { seq: 'asc' }, select: { type: true } })).map(
      (e) => e.type,
    );
    expect(types.slice(-6)).toEqual([
      'evidence.created',
      'evidence.updated',
      'evidence.updated',
      'evidence.updated',
      'evidence.deleted',
      'evidence.restored',
    ]);
  });

  it('refuses writes to voters and viewers (FORBIDDEN) and to outsiders (NOT_FOUND)', async () => {
    const { api, voter, viewer, outsider, map, claim } = await setup();
    const { source } = await api.source.create({ mapId: map.id, title: 'Unicode', text: UNICODE_TEXT });
    const { evidence } = await api.evidence.create({ sourceId: source.id, start: 0, end: 7, claimId: claim.id, relation: 'support' });
    for (const actor of [voter, viewer]) {
      const caller = callerFor(actor);
      const attempts = [
        () => caller.evidence.create({ sourceId: source.id, start: 0, end: 7, claimId: claim.id, relation: 'oppose' }),
        () => caller.evidence.update({ id: evidence.id, note: 'x' }),
        () => caller.evidence.delete({ id: evidence.id }),
        () => caller.evidence.restore({ id: evidence.id }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await caller.source.get({ id: source.id })).evidence).toHaveLength(1);
    }
    const stranger = callerFor(outsider);
    await expect(
      stranger.evidence.create({ sourceId: source.id, start: 0, end: 7, claimId: claim.id, relation: 'oppose' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.evidence.update({ id: evidence.id, note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.evidence.delete({ id: evidence.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.evidence.restore({ id: evidence.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db().evidence.count({ where: { sourceId: source.id, deletedAt: null } })).toBe(1);
  });

  it('quotes every demo passage through the API at its own offsets, and each re-anchors there (and after an unrelated edit)', async () => {
    const { api, map } = await setup();
    const sourceIdByFile = new Map<string, string>();
    const textByFile = new Map<string, string>();
    for (const demo of DEMO_SOURCES) {
      const text = readDemoSourceText(demo.file);
      const { source } = await api.source.create({
        mapId: map.id,
        title: demo.title,
        file: { fileName: demo.file, kind: 'txt', content: text },
      });
      expect(source.textLength).toBe(text.length);
      sourceIdByFile.set(demo.file, source.id);
      textByFile.set(demo.file, text);
    }
    const { claim } = await api.claim.create({ mapId: map.id, text: 'Every demo quote' });
    const created: { id: string; file: string; start: number; end: number; exact: string }[] = [];
    for (const item of DEMO_EVIDENCE) {
      const text = textByFile.get(item.sourceFile)!;
      const start = findQuote(text, item.exact, item.occurrence ?? 0);
      expect(start, item.key).toBeGreaterThanOrEqual(0);
      const { evidence } = await api.evidence.create({
        sourceId: sourceIdByFile.get(item.sourceFile)!,
        start,
        end: start + item.exact.length,
        expectedExact: item.exact,
        claimId: claim.id,
        relation: item.relation,
      });
      expect({ key: item.key, start: evidence.start, end: evidence.end, exact: evidence.exact }).toEqual({
        key: item.key,
        start,
        end: start + item.exact.length,
        exact: item.exact,
      });
      // Re-anchoring the stored selectors in the unchanged text finds the passage where it is.
      expect(anchorQuote(text, evidence), item.key).toEqual({ start, end: evidence.end, method: 'position' });
      created.push({ id: evidence.id, file: item.sourceFile, start, end: evidence.end, exact: evidence.exact });
    }
    expect(created).toHaveLength(DEMO_EVIDENCE.length);
    const stored = await db().evidence.findMany({ where: { mapId: map.id } });
    expect(
      reanchorQuotes(
        textByFile.get(DEMO_SOURCES[0]!.file)!,
        stored.filter((e) => e.sourceId === sourceIdByFile.get(DEMO_SOURCES[0]!.file)),
      ).every((r) => r.method === 'position'),
    ).toBe(true);

    // An unrelated edit before every passage: each one moves by exactly the inserted length.
    const preface = 'Preface added by the map’s editor — 编者按 📝.\n\n';
    for (const demo of DEMO_SOURCES) {
      const result = await api.source.update({ id: sourceIdByFile.get(demo.file)!, text: preface + textByFile.get(demo.file)! });
      expect(result.reanchor?.orphaned, demo.file).toBe(0);
    }
    const after = await db().evidence.findMany({
      where: { mapId: map.id },
      select: { id: true, start: true, end: true, exact: true, isOrphaned: true },
    });
    const afterById = new Map(after.map((item) => [item.id, item]));
    for (const item of created) {
      expect(afterById.get(item.id)).toEqual({
        id: item.id,
        start: item.start + preface.length,
        end: item.end + preface.length,
        exact: item.exact,
        isOrphaned: false,
      });
    }
  });
});
