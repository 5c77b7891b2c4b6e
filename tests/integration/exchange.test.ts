/**
 * Import and export against a real database: round trips through the database, the sample
 * documents of each import format, atomicity of a failed import, the export route's access rules,
 * and the seeded demo map in every server-side format.
 */
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { GET as exportRoute } from '@/app/api/maps/[id]/export/route';
import type { Actor } from '@/server/access/actor';
import { requireMapRole } from '@/server/access/map-access';
import { createPrismaClient, type Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { importAif } from '@/server/domain/exchange/aif';
import { importArgdown } from '@/server/domain/exchange/argdown-import';
import { evidenceText } from '@/server/domain/exchange/evidence-text';
import { collapseWhitespace } from '@/server/domain/exchange/sanitize-text';
import { exportMapFile } from '@/server/domain/exchange/export-map';
import { importMap, importMapDocument } from '@/server/domain/exchange/import-map';
import { importJson } from '@/server/domain/exchange/json';
import { loadMapDocument } from '@/server/domain/exchange/map-document-from-db';
import { KIALO_CARS_SAMPLE as KIALO_SAMPLE, sampleMap, triples } from '@/server/domain/exchange/test-fixtures';
import { applyMigrations } from '@/server/infra/migrate';
import { validateMapDocument, type MapDocument } from '@/shared/map-document';
import { DEMO_CLAIMS, DEMO_EVIDENCE } from '../../prisma/seed/demo-content';
import { seedDemo, DEMO_MAP_ID } from '../../prisma/seed/seed-demo';
import { createDatabase, dropDatabase } from '../database';
import { callerFor, createMapWith, createUser, db } from './helpers';

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/server/auth/session', () => ({ getActor: () => Promise.resolve(session.actor) }));
// The export route reads the session from the request's cookie; the tests stand in for it.
vi.mock('@/server/auth/request-session', () => ({
  sessionOfRequest: () => Promise.resolve(session.actor ? { actor: session.actor, sessionId: 'test-session' } : null),
}));

/** The document with ids replaced by positions and the export time removed: "equal up to ids". */
function canonical(doc: MapDocument) {
  const claim = new Map(doc.claims.map((c, i) => [c.id, `c${i}`]));
  const source = new Map(doc.sources.map((s, i) => [s.id, `s${i}`]));
  const evidence = new Map(doc.evidence.map((e, i) => [e.id, `e${i}`]));
  return {
    ...doc,
    exportedAt: '',
    claims: doc.claims.map((c) => ({ ...c, id: claim.get(c.id) })),
    sources: doc.sources.map((s) => ({ ...s, id: source.get(s.id) })),
    evidence: doc.evidence.map((e) => ({ ...e, id: evidence.get(e.id), sourceId: source.get(e.sourceId) })),
    links: doc.links.map((l, i) => ({
      ...l,
      id: `l${i}`,
      from: 'claimId' in l.from ? { claimId: claim.get(l.from.claimId) } : { evidenceId: evidence.get(l.from.evidenceId) },
      toClaimId: claim.get(l.toClaimId),
    })),
  };
}

function withoutVotes(doc: MapDocument): MapDocument {
  return {
    ...doc,
    claims: doc.claims.map(({ votes: _votes, ...c }) => c),
    evidence: doc.evidence.map(({ votes: _votes, ...e }) => e),
  };
}

/** The file as `reader` downloads it, with the role they really hold on the map. */
async function exportText(mapId: string, format: 'argdown' | 'aif' | 'kialo' | 'json' | 'md', reader: Actor | null, database: Db = db()) {
  const access = await requireMapRole(database, reader, mapId, 'viewer');
  return (await exportMapFile(database, { actor: reader, access }, { format })).body;
}

async function callRoute(actor: Actor | null, mapId: string, query: string) {
  session.actor = actor;
  const response = await exportRoute(new Request(`http://localhost/api/maps/${mapId}/export${query}`), {
    params: Promise.resolve({ id: mapId }),
  });
  session.actor = null;
  return response;
}

async function expectTrpcError(promise: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
    return error as TRPCError;
  }
  throw new Error(`expected a ${code} error`);
}

/** Rows the importer would have written for `actor` (imports set the author to the importer). */
async function rowsOf(actor: Actor) {
  const [maps, claims, evidence, sources, members] = await Promise.all([
    db().map.count({ where: { ownerId: actor.id } }),
    db().claim.count({ where: { authorId: actor.id } }),
    db().evidence.count({ where: { authorId: actor.id } }),
    db().source.count({ where: { createdById: actor.id } }),
    db().mapMember.count({ where: { userId: actor.id } }),
  ]);
  return { maps, claims, evidence, sources, members };
}

const AIF_SAMPLE = {
  nodes: [
    { nodeID: 1, text: 'We should build more bike lanes.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 2, text: 'Bike lanes reduce accidents.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 3, text: 'Cycling is healthy.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 4, text: 'Default Inference', type: 'RA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 5, text: 'Bike lanes take space from cars.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 6, text: 'Default Conflict', type: 'CA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 7, text: 'Alice : we should build more bike lanes', type: 'L', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 8, text: 'Asserting', type: 'YA', timestamp: '2016-10-01 10:00:00' },
  ],
  edges: [
    { edgeID: 1, fromID: 2, toID: 4 },
    { edgeID: 2, fromID: 3, toID: 4 },
    { edgeID: 3, fromID: 4, toID: 1 },
    { edgeID: 4, fromID: 5, toID: 6 },
    { edgeID: 5, fromID: 6, toID: 1 },
    { edgeID: 6, fromID: 7, toID: 8 },
    { edgeID: 7, fromID: 8, toID: 1 },
  ],
  locutions: [{ nodeID: 7, personID: 1 }],
};

describe('JSON backup through the database', () => {
  it('export → import → export is equal up to ids; vote aggregates are exported but not imported', async () => {
    const owner = await createUser();
    const voter = await createUser();
    const first = await importMapDocument(db(), owner, sampleMap());
    expect(first.counts).toEqual({ claims: 8, links: 12, sources: 2, evidence: 3 });
    // The imported copy is private, whatever the document said.
    expect((await db().map.findUniqueOrThrow({ where: { id: first.mapId } })).visibility).toBe('private');
    expect(first.warnings.join(' ')).toMatch(/imported copy is private/);
    expect(first.warnings.join(' ')).not.toMatch(/title/);

    // Real votes on the first map, so its export carries aggregates.
    await db().mapMember.create({ data: { mapId: first.mapId, userId: voter.id, role: 'voter' } });
    const [claim] = await db().claim.findMany({ where: { mapId: first.mapId }, orderBy: { createdAt: 'asc' }, take: 1 });
    await db().vote.createMany({
      data: [
        { mapId: first.mapId, userId: owner.id, claimId: claim!.id, value: 4 },
        { mapId: first.mapId, userId: voter.id, claimId: claim!.id, value: 1 },
      ],
    });

    const text1 = await exportText(first.mapId, 'json', owner);
    const doc1 = importJson(text1).document;
    expect(doc1.claims[0]?.votes).toEqual({ count: 2, mean: 2.5, histogram: [0, 1, 0, 0, 1] });
    expect(text1).not.toContain(voter.id);
    expect(text1).not.toContain(owner.id);

    const second = await callerFor(owner).map.import({ format: 'json', text: text1 });
    expect(second.format).toBe('json');
    expect(second.warnings.join(' ')).toMatch(/Vote results on 1 claim or passage were not imported/);
    const doc2 = importJson(await exportText(second.mapId, 'json', owner)).document;
    expect(doc2.claims.some((c) => c.votes)).toBe(false);
    expect(canonical(doc2)).toEqual(canonical(withoutVotes(doc1)));
    // And against the original document (ids, votes, visibility and export time aside).
    const original = withoutVotes(sampleMap());
    expect(canonical(doc2)).toEqual(
      canonical({
        ...original,
        map: { ...original.map, visibility: 'private' },
        // A claim's title ("Trade worry") is kept through import and export.
        evidence: original.evidence.map((e) => ({ ...e, x: e.x ?? null, y: e.y ?? null })),
      }),
    );

    // The new map is owned by the importer, has its log started, and reads back through map.get.
    const view = await callerFor(owner).map.get({ mapId: second.mapId });
    expect(view.role).toBe('owner');
    expect(view.map.lastSeq).toBe(1);
    expect(view.claims).toHaveLength(8);
    expect(view.evidence).toHaveLength(3);
    const events = await db().mapEvent.findMany({ where: { mapId: second.mapId } });
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'map.created']]);
  });

  it('blind voting: a reader who has not voted gets no aggregates; results revealed, everyone does', async () => {
    const owner = await createUser();
    const viewer = await createUser();
    const { mapId } = await importMapDocument(db(), owner, sampleMap());
    await db().mapMember.create({ data: { mapId, userId: viewer.id, role: 'viewer' } });
    const claim = await db().claim.findFirstOrThrow({ where: { mapId } });
    await db().vote.create({ data: { mapId, userId: owner.id, claimId: claim.id, value: 3 } });

    const asViewer = importJson(await exportText(mapId, 'json', viewer)).document;
    expect(asViewer.claims.some((c) => c.votes)).toBe(false);
    const asOwner = importJson(await exportText(mapId, 'json', owner)).document;
    expect(asOwner.claims.filter((c) => c.votes)).toHaveLength(1);

    await db().map.update({ where: { id: mapId }, data: { resultsRevealed: true } });
    const revealed = importJson(await exportText(mapId, 'json', viewer)).document;
    expect(revealed.claims.filter((c) => c.votes)).toHaveLength(1);
  });

  it('reads the map in a constant number of queries', async () => {
    const owner = await createUser();
    const count = async (claims: number) => {
      const doc = validateMapDocument({
        ...sampleMap(),
        claims: Array.from({ length: claims }, (_, i) => ({ id: `c${i}`, text: `Claim ${i}`, x: i, y: null })),
        links: Array.from({ length: claims - 1 }, (_, i) => ({
          id: `l${i}`,
          from: { claimId: `c${i + 1}` },
          toClaimId: `c${i}`,
          relation: 'support',
        })),
      });
      const { mapId } = await importMapDocument(db(), owner, doc);
      let queries = 0;
      const counting = createPrismaClient(inject('databaseUrl'), { onQuery: () => (queries += 1) });
      try {
        const { document } = await loadMapDocument(counting, mapId, { votes: { readerId: owner.id, isOwner: true } });
        expect(document.claims).toHaveLength(claims);
      } finally {
        await counting.$disconnect();
      }
      return queries;
    };
    expect(await count(300)).toBe(await count(5));
  });

  it('leaves out deleted claims, their links, and orphaned evidence', async () => {
    const owner = await createUser();
    const { mapId } = await importMapDocument(db(), owner, sampleMap());
    const footfall = await db().claim.findFirstOrThrow({ where: { mapId, text: 'Pedestrian zones increase footfall.' } });
    await db().claim.update({ where: { id: footfall.id }, data: { deletedAt: new Date() } });
    const orphan = await db().evidence.findFirstOrThrow({ where: { mapId, exact: 'Shops reported no loss of trade.' } });
    await db().evidence.update({ where: { id: orphan.id }, data: { isOrphaned: true, exact: 'Text that is no longer there.' } });

    const file = await exportMapFile(db(), { actor: owner, access: await requireMapRole(db(), owner, mapId, 'owner') }, { format: 'json' });
    expect(file.omittedEvidence).toBe(1);
    const doc = importJson(file.body).document;
    expect(doc.claims.map((c) => c.text)).not.toContain('Pedestrian zones increase footfall.');
    expect(doc.claims).toHaveLength(7);
    expect(doc.evidence).toHaveLength(2);
    // l7, l8, l9 touch footfall; l11 comes from the orphaned passage.
    expect(doc.links).toHaveLength(12 - 4);
  });
});

describe('Argdown through the database', () => {
  it('export → import gives the same claims and relations', async () => {
    const owner = await createUser();
    const original = sampleMap();
    const { mapId } = await importMapDocument(db(), owner, original);
    const argdown = await exportText(mapId, 'argdown', owner);
    // A valid Argdown document (parsed by @argdown/core).
    expect(importArgdown(argdown).document.claims.length).toBeGreaterThan(0);

    const result = await callerFor(owner).map.import({ format: 'argdown', text: argdown });
    const back = importJson(await exportText(result.mapId, 'json', owner)).document;
    const exported = importJson(await exportText(mapId, 'json', owner)).document;
    const sources = new Map(exported.sources.map((s) => [s.id, s]));
    const label = (e: MapDocument['evidence'][number]) => collapseWhitespace(evidenceText(e, sources.get(e.sourceId)));

    const multiset = (texts: string[]) => [...texts].map(collapseWhitespace).sort();
    // Evidence passages come back as claims quoting them (Argdown has no sources).
    expect(multiset(back.claims.map((c) => c.text))).toEqual(
      multiset([...exported.claims.map((c) => c.text), ...exported.evidence.map(label)]),
    );
    const normalise = (rows: ReturnType<typeof triples>) =>
      rows.map(([f, t, r]) => [collapseWhitespace(f), collapseWhitespace(t), r]).sort();
    expect(normalise(triples(back))).toEqual(normalise(triples(exported, label)));
  });

  it('keeps statement titles: they show in map.get and come back out in the Argdown export', async () => {
    const owner = await createUser();
    const text = '[Uniforms]: School uniforms should be required.\n  + [Equality]: Uniforms hide differences in family income.\n';
    const { mapId } = await callerFor(owner).map.import({ format: 'argdown', text });
    const view = await callerFor(owner).map.get({ mapId });
    expect(view.claims.map((claim) => [claim.title, claim.text]).sort()).toEqual([
      ['Equality', 'Uniforms hide differences in family income.'],
      ['Uniforms', 'School uniforms should be required.'],
    ]);
    expect(await exportText(mapId, 'argdown', owner)).toContain('[Equality]');
  });

  it('reports a syntax problem with its line, and writes nothing', async () => {
    const owner = await createUser();
    const before = await rowsOf(owner);
    const error = await expectTrpcError(
      callerFor(owner).map.import({ format: 'argdown', text: '[A]: x\n    + [B]: y\n  - [C]: z\n' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/line 3, column 1/);
    expect((error.cause as DomainError<{ location: { line?: number } | null }>).details?.location).toMatchObject({ line: 3, column: 1 });
    expect(await rowsOf(owner)).toEqual(before);
  });
});

describe('Kialo and AIF samples', () => {
  it('imports a Kialo text export with the expected counts', async () => {
    const owner = await createUser();
    const result = await callerFor(owner).map.import({ format: 'auto', text: KIALO_SAMPLE });
    expect(result.format).toBe('kialo');
    expect(result.title).toBe('Should cities ban cars from their centres?');
    expect(result.counts).toEqual({ claims: 9, links: 11, sources: 2, evidence: 1 });
    const view = await callerFor(owner).map.get({ mapId: result.mapId });
    expect(view.claims).toHaveLength(9);
    expect(view.links.filter((l) => l.relation === 'oppose')).toHaveLength(6);
    expect(view.sources.map((s) => s.title).sort()).toEqual(['WHO Air quality guidelines 2021', 'example.org/ghent-circulation-plan']);
  });

  it('imports an AIFdb sample (auto-detected) with the expected counts, reporting what it skipped', async () => {
    const owner = await createUser();
    const result = await callerFor(owner).map.import({ format: 'auto', text: JSON.stringify(AIF_SAMPLE), title: 'Bike lanes' });
    expect(result.format).toBe('aif');
    expect(result.title).toBe('Bike lanes');
    expect(result.counts).toEqual({ claims: 4, links: 3, sources: 0, evidence: 0 });
    expect(result.warnings.join(' ')).toMatch(/Ignored 2 nodes/);
    const view = await callerFor(owner).map.get({ mapId: result.mapId });
    expect(view.map.title).toBe('Bike lanes');
    expect(view.links.map((l) => l.relation).sort()).toEqual(['oppose', 'support', 'support']);
  });

  it('imports a Kialo file in the "Discussion Name:" layout with exact counts', async () => {
    const owner = await createUser();
    const text = [
      'Discussion Name:',
      'Should homework be banned?',
      '',
      '1.',
      'Homework should be banned in primary schools.',
      '1.1. Pro:',
      'Children need time to play',
      'and to rest after school.',
      '1.1.1. Con:',
      'Short reading tasks take ten minutes.',
      '1.2. Con:',
      'Homework builds study habits.',
      '1.2.1. Pro:',
      '-> See 1.1.1.',
      '',
    ].join('\n');
    const result = await callerFor(owner).map.import({ format: 'auto', text });
    expect(result.format).toBe('kialo');
    expect(result.title).toBe('Should homework be banned?');
    expect(result.counts).toEqual({ claims: 4, links: 4, sources: 0, evidence: 0 });
    expect(result.warnings).toEqual([]);
    const view = await callerFor(owner).map.get({ mapId: result.mapId });
    expect(view.claims.find((c) => c.text.startsWith('Children'))?.text).toBe('Children need time to play\nand to rest after school.');
  });

  it('imports an xAIF-enveloped file with exact counts, a 5,000-character I-node whole, and keeps schemes', async () => {
    const owner = await createUser();
    const long = 'This premise is long. '.repeat(230).trim();
    expect(long.length).toBeGreaterThanOrEqual(5000);
    const xaif = {
      AIF: {
        nodes: [
          { nodeID: '1', type: 'I', text: 'The river should be cleaned up.' },
          { nodeID: '2', type: 'I', text: long },
          { nodeID: '3', type: 'RA', text: 'Expert Opinion', scheme: 'Expert Opinion' },
          { nodeID: '4', type: 'I', text: 'It would cost too much.' },
          { nodeID: '5', type: 'CA', text: 'Default Conflict' },
          { nodeID: '6', type: 'L', text: 'Ann : clean the river' },
        ],
        edges: [
          { edgeID: '1', fromID: '2', toID: '3' },
          { edgeID: '2', fromID: '3', toID: '1' },
          { edgeID: '3', fromID: '4', toID: '5' },
          { edgeID: '4', fromID: '5', toID: '1' },
        ],
        locutions: [],
      },
      OVA: { nodes: [], edges: [] },
      text: 'The river should be cleaned up…',
    };
    const result = await callerFor(owner).map.import({ format: 'auto', text: JSON.stringify(xaif) });
    expect(result.format).toBe('aif');
    expect(result.counts).toEqual({ claims: 3, links: 2, sources: 0, evidence: 0 });
    const view = await callerFor(owner).map.get({ mapId: result.mapId });
    expect(view.claims.some((c) => c.text === long)).toBe(true);
    expect(view.links.map((l) => l.scheme ?? null).sort()).toEqual(['Expert Opinion', null]);
    const aif = JSON.parse(await exportText(result.mapId, 'aif', owner)) as {
      nodes: { type: string; text: string; scheme?: string }[];
    };
    expect(aif.nodes.find((n) => n.type === 'RA')).toMatchObject({ text: 'Expert Opinion', scheme: 'Expert Opinion' });
  });

  it('Argdown tags and data survive import → export → import through the database', async () => {
    const owner = await createUser();
    const text =
      '# Pets\n\n[No harm, no ban]: Dog bans do no harm. #law #(civil rights) {source: "Survey"}\n  - [Dogs!]: Dogs help. ' +
      '#health\n\n## Health\n\n[Walks]: Walks are good.\n';
    const first = await callerFor(owner).map.import({ format: 'argdown', text });
    const view = await callerFor(owner).map.get({ mapId: first.mapId });
    expect(view.claims.map((c) => [c.title, c.tags])).toEqual([
      ['No harm, no ban', ['law', 'civil rights']],
      ['Dogs!', ['health']],
      ['Walks', ['Health']],
    ]);
    const exported = await exportText(first.mapId, 'argdown', owner);
    expect(exported).toContain('[No harm, no ban]: Dog bans do no harm. #law #(civil rights) {"source": "Survey"}');
    const again = importArgdown(exported).document;
    expect(again.claims.map((c) => [c.title, c.tags, c.data])).toEqual([
      ['No harm, no ban', ['law', 'civil rights'], { source: 'Survey' }],
      ['Dogs!', ['health'], undefined],
      ['Walks', ['Health'], undefined],
    ]);
  });

  it('merges sources with the same text and re-positions quotes in a text that was not normalised', async () => {
    const owner = await createUser();
    const text = 'First line.\r\nCafe\u0301 culture grew.\r\nThird line quoted here.';
    const exact = 'Third line quoted';
    const start = text.indexOf(exact);
    const doc = validateMapDocument({
      ...sampleMap(),
      claims: [{ id: 'a', text: 'A claim.', x: null, y: null }],
      links: [
        { id: 'l1', from: { evidenceId: 'e1' }, toClaimId: 'a', relation: 'support' },
        { id: 'l2', from: { evidenceId: 'e2' }, toClaimId: 'a', relation: 'oppose' },
      ],
      sources: [
        { id: 's1', title: 'One', author: null, publisher: null, url: null, publishedAt: null, text },
        { id: 's2', title: 'Same text again', author: null, publisher: null, url: null, publishedAt: '2020-02-03', text },
      ],
      evidence: [
        { id: 'e1', sourceId: 's1', exact, prefix: '', suffix: '', start, end: start + exact.length, note: null },
        { id: 'e2', sourceId: 's2', exact: 'First', prefix: '', suffix: '', start: 0, end: 5, note: '  ' },
      ],
    });
    const result = await importMapDocument(db(), owner, doc);
    expect(result.counts).toEqual({ claims: 1, links: 2, sources: 1, evidence: 2 });
    expect(result.warnings.join(' ')).toMatch(/merged/);
    expect(result.warnings.join(' ')).toMatch(/normalised/);
    const source = await db().source.findFirstOrThrow({ where: { mapId: result.mapId } });
    expect(source.text).toBe('First line.\nCafé culture grew.\nThird line quoted here.');
    const evidence = await db().evidence.findMany({ where: { mapId: result.mapId }, orderBy: { createdAt: 'asc' } });
    for (const item of evidence) expect(source.text.slice(item.start, item.end)).toBe(item.exact);
    expect(evidence.map((e) => e.exact)).toEqual([exact, 'First']);
    expect(evidence[1]?.note).toBeNull();
  });
});

describe('a failed import writes nothing', () => {
  it('an invalid JSON backup (a bad claim in the middle) names the path', async () => {
    const owner = await createUser();
    const before = await rowsOf(owner);
    const doc = JSON.parse(JSON.stringify(sampleMap())) as { claims: { text: string }[] };
    doc.claims[4]!.text = '   ';
    const error = await expectTrpcError(callerFor(owner).map.import({ format: 'json', text: JSON.stringify(doc) }), 'BAD_REQUEST');
    expect(error.message).toMatch(/^claims\[4\]\.text: /);
    expect((error.cause as DomainError<{ location: { path?: string } | null }>).details?.location?.path).toBe('claims[4].text');
    expect(await rowsOf(owner)).toEqual(before);
  });

  it('invalid JSON syntax names line and column', async () => {
    const owner = await createUser();
    const error = await expectTrpcError(
      callerFor(owner).map.import({ format: 'json', text: '{\n  "format": "crux-map",\n  "version": 1,,\n}' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/line 3, column 16/);
  });

  it('a database failure in the middle of the transaction rolls everything back', async () => {
    const owner = await createUser();
    const before = await rowsOf(owner);
    const eventsBefore = await db().mapEvent.count({ where: { actorId: owner.id } });
    // The real client, except that inserting evidence fails (after the map, claims and sources).
    const failing = new Proxy(db(), {
      get(target, key, receiver) {
        if (key !== '$transaction') return Reflect.get(target, key, receiver) as unknown;
        return (fn: (tx: unknown) => Promise<unknown>, options: unknown) =>
          target.$transaction(
            (tx) =>
              fn(
                new Proxy(tx, {
                  get(txTarget, txKey, txReceiver) {
                    if (txKey === 'evidence') return { createMany: () => Promise.reject(new Error('disk full')) };
                    return Reflect.get(txTarget, txKey, txReceiver) as unknown;
                  },
                }),
              ),
            options as never,
          );
      },
    });
    await expect(importMapDocument(failing, owner, sampleMap())).rejects.toThrow('disk full');
    expect(await rowsOf(owner)).toEqual(before);
    expect(await db().mapEvent.count({ where: { actorId: owner.id } })).toBe(eventsBefore);
  });

  it('limits imports per user', async () => {
    const owner = await createUser();
    for (let i = 0; i < 10; i++) await callerFor(owner).map.import({ format: 'argdown', text: `[T]: Claim ${i}.` });
    const error = await expectTrpcError(
      callerFor(owner).map.import({ format: 'argdown', text: '[T]: One too many.' }),
      'TOO_MANY_REQUESTS',
    );
    expect(error.message).toMatch(/try again in/);
  });
});

describe('GET /api/maps/{id}/export', () => {
  it('&snapshot= exports the map as it was at the snapshot, in every format, and only a snapshot of this map', async () => {
    const owner = await createUser();
    const viewer = await createUser();
    const map = await createMapWith(owner, [{ actor: viewer, role: 'viewer' }], { title: 'Homework' });
    const api = callerFor(owner);
    const thesis = (await api.claim.create({ mapId: map.id, text: 'Homework should be abolished' })).claim;
    await api.claim.create({ mapId: map.id, text: 'It widens inequality', parentId: thesis.id, relation: 'support' });
    const { snapshot } = await api.snapshot.create({ mapId: map.id, name: 'End of period 2' });
    await api.claim.update({ id: thesis.id, text: 'Homework should be limited', expectedVersion: 1 });
    await api.claim.create({ mapId: map.id, text: 'Practice builds mastery', parentId: thesis.id, relation: 'oppose' });

    for (const format of ['argdown', 'aif', 'kialo', 'json', 'md'] as const) {
      const response = await callRoute(viewer, map.id, `?format=${format}&snapshot=${snapshot.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('homework-end-of-period-2.');
      const body = await response.text();
      expect(body).toContain('Homework should be abolished');
      expect(body).toContain('It widens inequality');
      expect(body).not.toContain('Homework should be limited');
      expect(body).not.toContain('Practice builds mastery');
    }
    const json = validateMapDocument(JSON.parse(await (await callRoute(owner, map.id, `?format=json&snapshot=${snapshot.id}`)).text()));
    expect(json.claims).toHaveLength(2);
    expect(json.links).toHaveLength(1);

    const other = await createMapWith(owner);
    const foreign = (await api.snapshot.create({ mapId: other.id, name: 'Elsewhere' })).snapshot;
    expect((await callRoute(owner, map.id, `?format=json&snapshot=${foreign.id}`)).status).toBe(404);
    expect((await callRoute(owner, map.id, '?format=json&snapshot=missing')).status).toBe(404);
    // Someone who may not view the map gets the not-found answer, snapshot or not.
    expect((await callRoute(await createUser(), map.id, `?format=json&snapshot=${snapshot.id}`)).status).toBe(404);
  });

  it('answers with the file, its type and an attachment name', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner, [], { title: 'Homework: good or bad?' });
    await callerFor(owner).claim.create({ mapId: map.id, text: 'Homework should be abolished' });
    const cases = [
      ['argdown', 'text/plain', 'homework-good-or-bad.argdown'],
      ['aif', 'application/json', 'homework-good-or-bad.json'],
      ['json', 'application/json', 'homework-good-or-bad.crux.json'],
      ['md', 'text/markdown', 'homework-good-or-bad.md'],
    ] as const;
    for (const [format, type, name] of cases) {
      const response = await callRoute(owner, map.id, `?format=${format}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      expect(await response.text()).toContain('Homework should be abolished');
    }
  });

  it('format=kialo answers Kialo text that re-imports to the same claims and links', async () => {
    const owner = await createUser();
    const source = await callerFor(owner).map.import({ format: 'kialo', text: KIALO_SAMPLE });
    const response = await callRoute(owner, source.mapId, '?format=kialo');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const kialo = await response.text();
    expect(kialo.startsWith('Discussion Title: Should cities ban cars from their centres?\n\n1. ')).toBe(true);
    const again = await callerFor(owner).map.import({ format: 'auto', text: kialo });
    expect(again.format).toBe('kialo');
    const shape = async (mapId: string) => {
      const view = await callerFor(owner).map.get({ mapId });
      const text = new Map(view.claims.map((c) => [c.id, c.text]));
      return {
        claims: view.claims.map((c) => c.text),
        links: view.links.map((l) => `${text.get(l.fromClaimId ?? '')} ${l.relation} ${text.get(l.toClaimId)}`).sort(),
      };
    };
    expect(await shape(again.mapId)).toEqual(await shape(source.mapId));
  });

  it('refuses an unknown format with the list of formats', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const response = await callRoute(owner, map.id, '?format=pdf');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/argdown, aif, kialo, json, md/);
    expect((await callRoute(owner, map.id, '')).status).toBe(400);
  });

  it('follows the map: members and public readers get it; outsiders and anonymous visitors 404 on private maps', async () => {
    const owner = await createUser();
    const viewer = await createUser();
    const outsider = await createUser();
    const privateMap = await createMapWith(owner, [{ actor: viewer, role: 'viewer' }]);
    const publicMap = await createMapWith(owner, [], { visibility: 'public' });
    const linkMap = await createMapWith(owner, [], { visibility: 'link' });

    expect((await callRoute(owner, privateMap.id, '?format=json')).status).toBe(200);
    expect((await callRoute(viewer, privateMap.id, '?format=json')).status).toBe(200);
    expect((await callRoute(outsider, privateMap.id, '?format=json')).status).toBe(404);
    // Anonymous: the same 404 as for a map that does not exist.
    const anonymous = await callRoute(null, privateMap.id, '?format=json');
    expect(anonymous.status).toBe(404);
    expect(await anonymous.text()).toBe(await (await callRoute(null, 'no-such-map', '?format=json')).text());
    expect((await callRoute(outsider, linkMap.id, '?format=md')).status).toBe(404);
    expect((await callRoute(null, publicMap.id, '?format=argdown')).status).toBe(200);
    expect((await callRoute(outsider, publicMap.id, '?format=aif')).status).toBe(200);
    expect((await callRoute(outsider, 'no-such-map', '?format=json')).status).toBe(404);
    // The same answer for a map that does not exist and one the caller may not see.
    expect(await (await callRoute(outsider, 'no-such-map', '?format=json')).text()).toBe(
      await (await callRoute(outsider, privateMap.id, '?format=json')).text(),
    );
  });
});

describe('the demo map', () => {
  let demoUrl = '';
  let demoDb: Db;
  beforeAll(async () => {
    // Its own database: the demo seed test asserts that it is the first to seed the shared one.
    demoUrl = await createDatabase(inject('adminUrl'), 'crux_it_exchange_demo');
    await applyMigrations(demoUrl, path.join('prisma', 'migrations'));
    await seedDemo(demoUrl);
    demoDb = createPrismaClient(demoUrl);
  });
  afterAll(async () => {
    await demoDb.$disconnect();
    await dropDatabase(inject('adminUrl'), demoUrl);
  });

  it('exports as Argdown (parsed back by @argdown/core), AIF, JSON and Markdown', async () => {
    const argdown = await exportText(DEMO_MAP_ID, 'argdown', null, demoDb);
    const fromArgdown = importArgdown(argdown);
    expect(fromArgdown.document.claims).toHaveLength(DEMO_CLAIMS.length + DEMO_EVIDENCE.length);

    const aif = importAif(await exportText(DEMO_MAP_ID, 'aif', null, demoDb));
    expect(aif.document.claims).toHaveLength(DEMO_CLAIMS.length + DEMO_EVIDENCE.length);

    const json = importJson(await exportText(DEMO_MAP_ID, 'json', null, demoDb)).document;
    expect(json.claims).toHaveLength(DEMO_CLAIMS.length);
    expect(json.evidence).toHaveLength(DEMO_EVIDENCE.length);
    expect(json.sources).toHaveLength(5);
    expect(json.map.visibility).toBe('public');
    // The demo's results are revealed: anyone sees the aggregates.
    expect(json.claims.some((c) => c.votes && c.votes.count > 0)).toBe(true);

    const md = await exportText(DEMO_MAP_ID, 'md', null, demoDb);
    expect(md.startsWith(`# ${json.map.title}`)).toBe(true);
    expect(md).toContain('> ');
    expect(md).toMatch(/\[\^1\]:/);
  });

  it('its Argdown export imports as a new map with the same claim texts', async () => {
    const owner = await createUser();
    const argdown = await exportText(DEMO_MAP_ID, 'argdown', null, demoDb);
    const result = await importMap(db(), { actor: owner }, { format: 'auto', text: argdown });
    expect(result.format).toBe('argdown');
    const view = await callerFor(owner).map.get({ mapId: result.mapId });
    const texts = new Set(view.claims.map((c) => c.text));
    for (const claim of DEMO_CLAIMS) expect(texts).toContain(collapseWhitespace(claim.text));
  });
});
