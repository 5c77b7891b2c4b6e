/**
 * The Crux map interchange document ("JSON backup"), format version 1.
 *
 * Ids inside a document are local references only: an importer assigns fresh database ids. The
 * document never carries voter identities, only per-target vote aggregates.
 */
import { z } from 'zod';

import { ImportError } from '@/shared/import-error';
import { ZId, ZMapDescription, ZMapTitle, ZVisibility } from '@/shared/schemas/map';

export const MAP_DOCUMENT_FORMAT = 'crux-map';
export const MAP_DOCUMENT_VERSION = 1;

export const MAP_DOCUMENT_LIMITS = {
  /** Claims plus evidence passages. */
  maxNodes: 10_000,
  maxLinks: 50_000,
  maxSources: 5_000,
  /**
   * Imported claims keep long texts whole (AIF corpora have I-nodes of 12,000 characters); the
   * editor still asks for at most 1000 when someone rewrites one.
   */
  claimTextMax: 20_000,
  claimTitleMax: 200,
  sourceTitleMax: 500,
  sourceFieldMax: 500,
  urlMax: 2048,
  /** Per source, in UTF-16 code units. */
  sourceTextMax: 5_000_000,
  quoteMax: 20_000,
  quoteContextMax: 1000,
  noteMax: 2000,
  tagsPerClaim: 50,
  tagMax: 100,
  /** Serialized JSON of a claim's `data`, in UTF-16 code units. */
  claimDataMax: 20_000,
  schemeMax: 200,
} as const;

const L = MAP_DOCUMENT_LIMITS;

/**
 * Strings must be storable as Postgres text: well-formed UTF-16 (no lone surrogates) and no NUL.
 * Importers replace such characters (see `sanitizeText` in the exchange layer) before validating.
 */
export function isStorableText(s: string): boolean {
  return s.isWellFormed() && !s.includes('\u0000');
}

const storable = <T extends z.ZodType<string>>(schema: T) =>
  schema.refine(isStorableText, {
    message: 'Contains characters that cannot be stored (a lone UTF-16 surrogate or a NUL character).',
  });

const str = (max: number) => storable(z.string().max(max, `Must be at most ${max} characters.`));

const count = z.int().nonnegative();

export const ZVoteSummary = z.object({
  count,
  /** Mean of the values 0–4; null when nobody voted. */
  mean: z.number().min(0).max(4).nullable(),
  /** histogram[v] = number of votes with value v (0..4). */
  histogram: z.tuple([count, count, count, count, count]),
});
export type VoteSummaryDoc = z.infer<typeof ZVoteSummary>;

const ZCoordinate = z.number().nullable();

export const ZDocTag = storable(
  z
    .string()
    .min(1, 'A tag must not be empty.')
    .max(L.tagMax, `A tag can be at most ${L.tagMax} characters.`)
    .refine((t) => t.trim() === t && !/[\r\n]/.test(t), 'A tag has no line breaks and no spaces at either end.'),
);

const jsonStringsStorable = (value: unknown): boolean =>
  typeof value === 'string'
    ? isStorableText(value)
    : Array.isArray(value)
      ? value.every(jsonStringsStorable)
      : typeof value === 'object' && value !== null
        ? Object.entries(value).every(([k, v]) => isStorableText(k) && jsonStringsStorable(v))
        : true;

export const ZDocClaimData = z
  .record(z.string(), z.json())
  .refine((d) => JSON.stringify(d).length <= L.claimDataMax, `A claim's data can be at most ${L.claimDataMax} characters of JSON.`)
  .refine(jsonStringsStorable, 'Contains characters that cannot be stored (a lone UTF-16 surrogate or a NUL character).');
export type MapDocumentClaimData = z.infer<typeof ZDocClaimData>;

export const ZDocClaim = z.object({
  id: ZId,
  text: storable(
    z
      .string()
      .max(L.claimTextMax, `Claim text can be at most ${L.claimTextMax} characters.`)
      .refine((t) => t.trim().length > 0, 'Claim text must not be empty.'),
  ),
  /** A short label, e.g. the Argdown statement title the claim was imported from. */
  title: storable(z.string().min(1).max(L.claimTitleMax)).optional(),
  /** Labels without the "#" (Argdown tags, headings the claim stood under). */
  tags: z.array(ZDocTag).max(L.tagsPerClaim, `A claim can have at most ${L.tagsPerClaim} tags.`).optional(),
  /** Structured data carried over from the source format (Argdown's YAML `{ … }`). */
  data: ZDocClaimData.optional(),
  x: ZCoordinate,
  y: ZCoordinate,
  votes: ZVoteSummary.optional(),
});
export type MapDocumentClaim = z.infer<typeof ZDocClaim>;

export const ZRelation = z.enum(['support', 'oppose']);
export type MapRelation = z.infer<typeof ZRelation>;

export const ZLinkFrom = z.union([z.strictObject({ claimId: ZId }), z.strictObject({ evidenceId: ZId })]);

export const ZDocLink = z.object({
  id: ZId,
  from: ZLinkFrom,
  toClaimId: ZId,
  relation: ZRelation,
  /** The argumentation scheme of the inference, when the source format named one. */
  scheme: storable(z.string().trim().min(1).max(L.schemeMax)).optional(),
});
export type MapDocumentLink = z.infer<typeof ZDocLink>;

const ZDateString = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const ZDocSource = z.object({
  id: ZId,
  title: storable(z.string().trim().min(1, 'A source needs a title.').max(L.sourceTitleMax)),
  author: str(L.sourceFieldMax).nullable(),
  publisher: str(L.sourceFieldMax).nullable(),
  url: storable(z.url({ protocol: /^https?$/, message: 'Must be an http(s) URL.' }).max(L.urlMax)).nullable(),
  publishedAt: ZDateString.nullable(),
  text: str(L.sourceTextMax),
});
export type MapDocumentSource = z.infer<typeof ZDocSource>;

export const ZDocEvidence = z.object({
  id: ZId,
  sourceId: ZId,
  /** W3C TextQuoteSelector. */
  exact: storable(z.string().min(1, 'The quoted passage must not be empty.').max(L.quoteMax)),
  prefix: str(L.quoteContextMax),
  suffix: str(L.quoteContextMax),
  /** W3C TextPositionSelector: offsets in UTF-16 code units of the source text; end is exclusive. */
  start: count,
  end: count,
  note: str(L.noteMax).nullable(),
  x: ZCoordinate.optional(),
  y: ZCoordinate.optional(),
  votes: ZVoteSummary.optional(),
});
export type MapDocumentEvidence = z.infer<typeof ZDocEvidence>;

export const ZMapDocument = z.object({
  format: z.literal(MAP_DOCUMENT_FORMAT),
  version: z.literal(MAP_DOCUMENT_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  map: z.object({
    title: storable(ZMapTitle),
    description: storable(ZMapDescription),
    visibility: ZVisibility.optional(),
  }),
  claims: z.array(ZDocClaim).max(L.maxNodes, `A map can have at most ${L.maxNodes} claims and evidence passages.`),
  links: z.array(ZDocLink).max(L.maxLinks, `A map can have at most ${L.maxLinks} links.`),
  sources: z.array(ZDocSource).max(L.maxSources, `A map can have at most ${L.maxSources} sources.`),
  evidence: z.array(ZDocEvidence).max(L.maxNodes, `A map can have at most ${L.maxNodes} claims and evidence passages.`),
});
export type MapDocument = z.infer<typeof ZMapDocument>;

/** `['claims', 3, 'text']` → `claims[3].text`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return out || '(document)';
}

interface Problem {
  path: string;
  message: string;
}

function throwProblems(problems: Problem[]): never {
  const [first, ...rest] = problems;
  if (!first) throw new ImportError('The map document is invalid.');
  let message = `${first.path}: ${first.message}`;
  if (rest.length > 0) {
    const shown = rest.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
    const more = rest.length - shown.length;
    message += ` (also ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''})`;
  }
  throw new ImportError(message, { path: first.path });
}

const MAX_REPORTED = 20;

function describeTopLevel(value: unknown): Problem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { path: '(document)', message: 'Expected a Crux map document (a JSON object).' };
  }
  const v = value as Record<string, unknown>;
  if (v.format !== MAP_DOCUMENT_FORMAT) {
    return {
      path: 'format',
      message: `Not a Crux map document: expected "format": "${MAP_DOCUMENT_FORMAT}".`,
    };
  }
  if (typeof v.version === 'number' && v.version > MAP_DOCUMENT_VERSION) {
    return {
      path: 'version',
      message: `This document uses format version ${v.version}; this version of Crux reads version ${MAP_DOCUMENT_VERSION}.`,
    };
  }
  return null;
}

function checkVotes(votes: VoteSummaryDoc | undefined, path: string, problems: Problem[]) {
  if (!votes) return;
  const total = votes.histogram.reduce((a, b) => a + b, 0);
  if (total !== votes.count) {
    problems.push({ path: `${path}.count`, message: `Must equal the sum of the histogram (${total}).` });
    return;
  }
  if (votes.count === 0) {
    if (votes.mean !== null) problems.push({ path: `${path}.mean`, message: 'Must be null when there are no votes.' });
    return;
  }
  const mean = votes.histogram.reduce((sum, n, value) => sum + n * value, 0) / votes.count;
  if (votes.mean === null || Math.abs(votes.mean - mean) > 1e-6) {
    problems.push({ path: `${path}.mean`, message: `Must be the histogram's mean (${mean}).` });
  }
}

/** Referential integrity and cross-field limits that the zod schema alone cannot express. */
function checkIntegrity(doc: MapDocument): Problem[] {
  const problems: Problem[] = [];
  const full = () => problems.length >= MAX_REPORTED;

  if (doc.claims.length + doc.evidence.length > L.maxNodes) {
    problems.push({
      path: 'claims',
      message:
        `A map can have at most ${L.maxNodes} claims and evidence passages (this one has ${doc.claims.length} + ` +
        `${doc.evidence.length}).`,
    });
  }

  const indexIds = <T extends { id: string }>(items: T[], name: string): Map<string, T> => {
    const byId = new Map<string, T>();
    items.forEach((item, i) => {
      if (byId.has(item.id)) {
        if (!full()) problems.push({ path: `${name}[${i}].id`, message: `Duplicate id "${item.id}".` });
      } else byId.set(item.id, item);
    });
    return byId;
  };
  const claims = indexIds(doc.claims, 'claims');
  const sources = indexIds(doc.sources, 'sources');
  const evidence = indexIds(doc.evidence, 'evidence');
  indexIds(doc.links, 'links');

  doc.claims.forEach((claim, i) => checkVotes(claim.votes, `claims[${i}].votes`, problems));

  doc.evidence.forEach((e, i) => {
    if (full()) return;
    const path = `evidence[${i}]`;
    checkVotes(e.votes, `${path}.votes`, problems);
    const source = sources.get(e.sourceId);
    if (!source) {
      problems.push({ path: `${path}.sourceId`, message: `No source has id "${e.sourceId}".` });
      return;
    }
    if (e.end <= e.start) {
      problems.push({ path: `${path}.end`, message: `Must be greater than start (${e.start}).` });
      return;
    }
    if (e.end > source.text.length) {
      problems.push({
        path: `${path}.end`,
        message: `Offset ${e.end} is past the end of the source text (${source.text.length} characters).`,
      });
      return;
    }
    if (source.text.slice(e.start, e.end) !== e.exact) {
      problems.push({
        path: `${path}.exact`,
        message: `Does not match the source text at offsets ${e.start}–${e.end}.`,
      });
    }
  });

  const pairs = new Map<string, number>();
  doc.links.forEach((link, i) => {
    if (full()) return;
    const path = `links[${i}]`;
    let fromKey: string;
    if ('claimId' in link.from) {
      if (!claims.has(link.from.claimId)) {
        problems.push({ path: `${path}.from.claimId`, message: `No claim has id "${link.from.claimId}".` });
        return;
      }
      if (link.from.claimId === link.toClaimId) {
        problems.push({ path: `${path}.toClaimId`, message: 'A claim cannot support or oppose itself.' });
        return;
      }
      fromKey = `c:${link.from.claimId}`;
    } else {
      if (!evidence.has(link.from.evidenceId)) {
        problems.push({
          path: `${path}.from.evidenceId`,
          message: `No evidence has id "${link.from.evidenceId}".`,
        });
        return;
      }
      fromKey = `e:${link.from.evidenceId}`;
    }
    if (!claims.has(link.toClaimId)) {
      problems.push({ path: `${path}.toClaimId`, message: `No claim has id "${link.toClaimId}".` });
      return;
    }
    const key = `${fromKey}>${link.toClaimId}`;
    const earlier = pairs.get(key);
    if (earlier !== undefined) {
      problems.push({ path, message: `Links the same two nodes as links[${earlier}].` });
      return;
    }
    pairs.set(key, i);
  });
  return problems;
}

/**
 * Parses and checks a map document: shape, limits, and referential integrity (links and evidence
 * point at existing ids, evidence offsets lie within the source text and select exactly `exact`).
 * Throws an ImportError whose message starts with the JSON path of the first problem.
 */
export function validateMapDocument(value: unknown): MapDocument {
  const top = describeTopLevel(value);
  if (top) throwProblems([top]);
  const parsed = ZMapDocument.safeParse(value);
  if (!parsed.success) {
    throwProblems(parsed.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message })));
  }
  const problems = checkIntegrity(parsed.data);
  if (problems.length > 0) throwProblems(problems);
  return parsed.data;
}
