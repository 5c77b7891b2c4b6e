/**
 * Imports a document as a NEW map owned by the importer: the map, its owner membership, every
 * claim, source, evidence passage and link, and the map's 'map.created' event, in one transaction
 * (createMany in batches, so the number of statements grows with the map's size only by batch).
 * Ids are local references in the document; every row gets a fresh id. A failure writes nothing.
 */
import crypto from 'node:crypto';

import type { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/access/actor';
import type { Db } from '@/server/db';
import type { UserContext } from '@/server/domain/context';
import { describeQuote } from '@/server/domain/anchoring/anchor-quote';
import { DomainError } from '@/server/domain/errors';
import type { RateLimitRule } from '@/server/domain/rate-limit/rate-limit';
import { hashSourceText, normalizeSourceText } from '@/server/domain/sources/hash-source-text';
import { appendMapEvent } from '@/server/sync/append-event';
import type { MapDocument } from '@/shared/map-document';
import { detectImportFormat, type TImportFormat } from '@/shared/schemas/exchange';
import { formatByteSize, SOURCE_TEXT_MAX_BYTES, utf8ByteLength } from '@/shared/schemas/source';

import { importAif } from './aif';
import { importArgdown } from './argdown-import';
import { deriveTitle } from './argdown-titles';
import { plural, type ImportResult } from './import-result';
import { ImportError } from './import-error';
import { importJson } from './json';
import { importKialo } from './kialo';

/** Imports per user: each can write thousands of rows, so far fewer than ordinary writes. */
export const IMPORT_RATE_LIMIT = { name: 'import:user', points: 10, durationSeconds: 60 } as const satisfies RateLimitRule;

export interface ImportCounts {
  claims: number;
  links: number;
  sources: number;
  evidence: number;
}

export interface ImportMapResult {
  mapId: string;
  title: string;
  format: TImportFormat;
  warnings: string[];
  counts: ImportCounts;
}

/** Runs the converter for `format` ('auto': detected from the content). Throws ImportError. */
export function convertImport(format: TImportFormat | 'auto', text: string): ImportResult & { format: TImportFormat } {
  const resolved = format === 'auto' ? detectImportFormat(text) : format;
  const convert = { argdown: importArgdown, aif: importAif, kialo: importKialo, json: importJson }[resolved];
  return { ...convert(text), format: resolved };
}

/** An ImportError as the domain's INVALID error, keeping where it happened for the client. */
export function importFailure(error: ImportError): DomainError<{ location: ImportError['location'] | null }> {
  return new DomainError('INVALID', error.message, { location: error.location ?? null });
}

/**
 * Converts `text` and writes it as a new map (see importMapDocument). Conversion problems become
 * DomainError('INVALID') whose message names the line and column or the JSON path.
 */
export async function importMap(
  db: Db,
  context: UserContext,
  input: { format: TImportFormat | 'auto'; text: string; title?: string },
): Promise<ImportMapResult> {
  let converted: ReturnType<typeof convertImport>;
  try {
    converted = convertImport(input.format, input.text);
  } catch (error) {
    if (error instanceof ImportError) throw importFailure(error);
    throw error;
  }
  const result = await importMapDocument(db, context.actor, converted.document, { title: input.title, warnings: converted.warnings });
  return { ...result, format: converted.format };
}

export interface ImportDocumentOptions {
  /** Replaces the document's title. */
  title?: string;
  /** The converter's warnings; the result lists them first. */
  warnings?: string[];
}

const COORDINATE_LIMIT = 1e7;
const coordinate = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.min(COORDINATE_LIMIT, Math.max(-COORDINATE_LIMIT, value));

/** Rows per INSERT: far below Postgres' 65,535 bind parameters for every table here. */
const ROWS_PER_BATCH = 2000;
/** Source texts are large: a batch stops at this many UTF-16 units. */
const SOURCE_CHARS_PER_BATCH = 8 * 1024 * 1024;

interface PreparedSource {
  id: string;
  text: string;
  /** Original offset → offset in the stored (normalised) text; null when the text was stored as given. */
  remap: Map<number, number> | null;
}

/**
 * Stored source text is NFC with `\n` line ends, and evidence offsets count UTF-16 units of it.
 * A document whose text is not normalised has its offsets carried over: line ends exactly, NFC
 * piece by piece between the offsets quotes use (a quote boundary inside a combining sequence
 * may move by a character).
 */
export function normalizeWithOffsets(original: string, offsets: Iterable<number>): { text: string; remap: Map<number, number> | null } {
  const text = normalizeSourceText(original);
  if (text === original) return { text, remap: null };
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  // Line ends first: "\r\n" and "\r" become "\n".
  const lf = original.replace(/\r\n?/g, '\n');
  const lfOffset = new Map<number, number>();
  let removed = 0;
  let k = 0;
  for (let i = 0; i <= original.length && k < sorted.length; i++) {
    for (; k < sorted.length && sorted[k] === i; k++) lfOffset.set(i, i - removed);
    // The "\r" of a "\r\n" pair is the code unit that disappears.
    if (original.charCodeAt(i) === 13 && original.charCodeAt(i + 1) === 10) removed++;
  }
  // Then NFC, between consecutive offsets.
  const remap = new Map<number, number>();
  let previous = 0;
  let mapped = 0;
  for (const offset of sorted) {
    const at = lfOffset.get(offset) ?? offset;
    mapped += lf.slice(previous, at).normalize('NFC').length;
    previous = at;
    remap.set(offset, Math.min(mapped, text.length));
  }
  return { text, remap };
}

function newId(): string {
  return crypto.randomUUID();
}

/** Runs `write` over `rows` in batches. */
async function inBatches<T>(rows: T[], size: (row: T) => number, limit: number, write: (batch: T[]) => Promise<unknown>) {
  let batch: T[] = [];
  let weight = 0;
  for (const row of rows) {
    const w = size(row);
    if (batch.length > 0 && (batch.length >= ROWS_PER_BATCH || weight + w > limit)) {
      await write(batch);
      batch = [];
      weight = 0;
    }
    batch.push(row);
    weight += w;
  }
  if (batch.length > 0) await write(batch);
}

/**
 * Writes `document` (already validated: validateMapDocument) as a new private map owned by
 * `actor`. Vote aggregates cannot become votes (a backup has no voters): they are dropped with a
 * warning. Claim titles, tags and data and link schemes are kept. Throws DomainError('INVALID') for content the
 * document format allows but a map cannot hold (a source text over the 2 MB limit).
 */
export async function importMapDocument(
  db: Db,
  actor: Actor,
  document: MapDocument,
  options: ImportDocumentOptions = {},
): Promise<Omit<ImportMapResult, 'format'>> {
  const warnings = [...(options.warnings ?? [])];
  const title = options.title?.trim() || document.map.title;
  const mapId = newId();
  const actorId = actor.id;
  // Rows keep the document's order: map.get and exports sort by creation time.
  const clock = Date.now() - document.claims.length - document.evidence.length - document.links.length - document.sources.length - 1;
  let tick = 0;
  const createdAt = () => new Date(clock + tick++);

  if (document.map.visibility && document.map.visibility !== 'private') {
    warnings.push(
      `The original map was ${document.map.visibility === 'public' ? 'public' : 'shared by link'}; the imported copy is private until ` +
        `you share it.`,
    );
  }

  // Claims.
  const claimId = new Map<string, string>();
  const claimRows: Prisma.ClaimCreateManyInput[] = document.claims.map((claim) => {
    const id = newId();
    claimId.set(claim.id, id);
    const text = claim.text.trim();
    // A title that only repeats the text's opening words adds nothing; a real label is kept.
    const title = claim.title && claim.title.toLowerCase() !== deriveTitle(text).toLowerCase() ? claim.title.trim().slice(0, 200) : null;
    return {
      id,
      mapId,
      title,
      text,
      tags: claim.tags ?? [],
      ...(claim.data !== undefined && { data: claim.data }),
      x: coordinate(claim.x),
      y: coordinate(claim.y),
      authorId: actorId,
      createdAt: createdAt(),
    };
  });

  // Sources: normalised text, content hash; the same text twice becomes one source.
  const offsetsBySource = new Map<string, number[]>();
  for (const item of document.evidence) {
    const list = offsetsBySource.get(item.sourceId) ?? [];
    list.push(item.start, item.end);
    offsetsBySource.set(item.sourceId, list);
  }
  const prepared = new Map<string, PreparedSource>();
  const sourceByHash = new Map<string, PreparedSource>();
  const sourceRows: Prisma.SourceCreateManyInput[] = [];
  let merged = 0;
  let normalised = 0;
  document.sources.forEach((source, index) => {
    const { text, remap } = normalizeWithOffsets(source.text, offsetsBySource.get(source.id) ?? []);
    const bytes = utf8ByteLength(text);
    if (bytes > SOURCE_TEXT_MAX_BYTES) {
      const path = `sources[${index}].text`;
      throw importFailure(
        new ImportError(
          `${path}: The source text is ${formatByteSize(bytes)}; a source can be at most ${formatByteSize(SOURCE_TEXT_MAX_BYTES)} (UTF-8).`,
          {
            path,
          },
        ),
      );
    }
    if (remap) normalised++;
    const contentHash = hashSourceText(text);
    const existing = sourceByHash.get(contentHash);
    if (existing) {
      merged++;
      prepared.set(source.id, { ...existing, remap });
      return;
    }
    const id = newId();
    const row: Prisma.SourceCreateManyInput = {
      id,
      mapId,
      title: source.title,
      author: source.author,
      publisher: source.publisher,
      url: source.url,
      publishedAt: source.publishedAt
        ? new Date(source.publishedAt.length === 10 ? `${source.publishedAt}T00:00:00.000Z` : source.publishedAt)
        : null,
      text,
      contentHash,
      createdById: actorId,
      createdAt: createdAt(),
    };
    const entry = { id, text, remap };
    sourceByHash.set(contentHash, entry);
    prepared.set(source.id, entry);
    sourceRows.push(row);
  });
  if (merged > 0)
    warnings.push(
      `${plural(merged, 'source has', 'sources have')} the same text as another and ${merged === 1 ? 'was' : 'were'} merged into it.`,
    );
  if (normalised > 0) {
    warnings.push(
      `${plural(normalised, 'source text was', 'source texts were')} normalised (Unicode NFC, \\n line ends); quotes were ` +
        `re-positioned to match.`,
    );
  }

  // Evidence, with offsets carried into the stored text.
  const evidenceId = new Map<string, string>();
  let lostQuotes = 0;
  const evidenceRows: Prisma.EvidenceCreateManyInput[] = [];
  for (const item of document.evidence) {
    const source = prepared.get(item.sourceId);
    if (!source) continue; // validateMapDocument guarantees the source exists.
    let selector = { exact: item.exact, prefix: item.prefix, suffix: item.suffix, start: item.start, end: item.end };
    if (source.remap) {
      const start = source.remap.get(item.start) ?? item.start;
      const end = source.remap.get(item.end) ?? item.end;
      if (end <= start || end > source.text.length || source.text.slice(start, end).trim() === '') {
        lostQuotes++;
        continue;
      }
      selector = describeQuote(source.text, start, end);
    }
    const id = newId();
    evidenceId.set(item.id, id);
    const note = item.note?.trim() || null;
    evidenceRows.push({
      id,
      mapId,
      sourceId: source.id,
      ...selector,
      note,
      x: coordinate(item.x),
      y: coordinate(item.y),
      authorId: actorId,
      createdAt: createdAt(),
    });
  }
  if (lostQuotes > 0) {
    warnings.push(
      `${plural(lostQuotes, 'quoted passage', 'quoted passages')} could not be placed in the normalised source text and ` +
        `${lostQuotes === 1 ? 'was' : 'were'} skipped.`,
    );
  }

  // Links.
  const linkRows: Prisma.LinkCreateManyInput[] = [];
  for (const link of document.links) {
    const toClaimId = claimId.get(link.toClaimId);
    const from =
      'claimId' in link.from ? { fromClaimId: claimId.get(link.from.claimId) } : { fromEvidenceId: evidenceId.get(link.from.evidenceId) };
    if (!toClaimId || (!from.fromClaimId && !from.fromEvidenceId)) continue; // a skipped passage's links
    linkRows.push({
      id: newId(),
      mapId,
      ...from,
      toClaimId,
      relation: link.relation,
      scheme: link.scheme ?? null,
      createdById: actorId,
      createdAt: createdAt(),
    });
  }

  const votedTargets =
    document.claims.filter((claim) => claim.votes && claim.votes.count > 0).length +
    document.evidence.filter((item) => item.votes && item.votes.count > 0).length;
  if (votedTargets > 0) {
    warnings.push(
      `Vote results on ${plural(votedTargets, 'claim or passage', 'claims and passages')} were not imported: a backup holds no ` +
        `voters, and Crux counts only real votes.`,
    );
  }

  const counts: ImportCounts = {
    claims: claimRows.length,
    links: linkRows.length,
    sources: sourceRows.length,
    evidence: evidenceRows.length,
  };

  await db.$transaction(
    async (tx) => {
      await tx.map.create({
        data: {
          id: mapId,
          title,
          description: document.map.description,
          visibility: 'private',
          ownerId: actorId,
          members: { create: { userId: actorId, role: 'owner' } },
        },
        select: { id: true },
      });
      const oneRow = () => 1;
      await inBatches(claimRows, oneRow, ROWS_PER_BATCH, (data) => tx.claim.createMany({ data }));
      await inBatches(
        sourceRows,
        (row) => row.text.length,
        SOURCE_CHARS_PER_BATCH,
        (data) => tx.source.createMany({ data }),
      );
      await inBatches(evidenceRows, oneRow, ROWS_PER_BATCH, (data) => tx.evidence.createMany({ data }));
      await inBatches(linkRows, oneRow, ROWS_PER_BATCH, (data) => tx.link.createMany({ data }));
      await appendMapEvent(tx, mapId, { type: 'map.created', payload: { title, imported: { ...counts } } }, { actor });
    },
    // Large maps take longer than Prisma's 5 s default for an interactive transaction.
    { maxWait: 10_000, timeout: 120_000 },
  );

  return { mapId, title, warnings, counts };
}
