/**
 * Helpers shared by the import/export modules: input limits, text sanitising, a builder that
 * assembles a valid MapDocument, and the outline walk the text exporters share.
 */
import {
  MAP_DOCUMENT_FORMAT,
  MAP_DOCUMENT_LIMITS,
  MAP_DOCUMENT_VERSION,
  validateMapDocument,
  type MapDocument,
  type MapDocumentClaim,
  type MapDocumentEvidence,
  type MapDocumentLink,
  type MapDocumentSource,
  type MapRelation,
} from '@/shared/map-document';

import { ImportError } from './import-error';

export interface ImportResult {
  document: MapDocument;
  /** Things the import could not represent faithfully; shown to the person importing. */
  warnings: string[];
}

/** Text formats (Argdown, Kialo) are limited to 5 MB of UTF-8. */
export const MAX_TEXT_IMPORT_BYTES = 5 * 1024 * 1024;
/** JSON backups carry full source texts, so they may be larger. */
export const MAX_JSON_IMPORT_BYTES = 50 * 1024 * 1024;

/** UTF-8 length without allocating; lone surrogates count as the 3 bytes of U+FFFD. */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > stopAbove) return bytes;
  }
  return bytes;
}

function formatBytes(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
}

export function assertTextInput(text: unknown, what: string, maxBytes = MAX_TEXT_IMPORT_BYTES): asserts text is string {
  if (typeof text !== 'string') throw new ImportError(`Expected the ${what} as text.`);
  // Cheap checks first: each UTF-16 unit is 1–3 UTF-8 bytes.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text, maxBytes) > maxBytes)) {
    throw new ImportError(`The ${what} is larger than the ${formatBytes(maxBytes)} limit.`);
  }
}

const REPLACEMENT = '\uFFFD';

/**
 * Replaces lone UTF-16 surrogates and NUL characters (neither can be stored as Postgres text) with
 * U+FFFD. Every replacement is one code unit for one, so UTF-16 offsets stay valid.
 */
export function sanitizeText(text: string): { text: string; replaced: number } {
  if (text.isWellFormed() && !text.includes('\u0000')) return { text, replaced: 0 };
  let replaced = 0;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let bad = c === 0;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad = true;
    if (bad) {
      out += text.slice(runStart, i) + REPLACEMENT;
      runStart = i + 1;
      replaced++;
    }
  }
  return { text: out + text.slice(runStart), replaced };
}

export function replacedWarning(replaced: number): string {
  return `Replaced ${replaced} invalid character${replaced === 1 ? '' : 's'} (lone UTF-16 surrogates or NUL) with U+FFFD.`;
}

/** 1-based line and column (in UTF-16 code units) of `offset`; \r\n, \r and \n end lines. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Shortens to at most `max` UTF-16 units without splitting a surrogate pair, adding an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export type AddLinkResult = 'added' | 'duplicate' | 'conflict' | 'self';

/** Assembles a MapDocument with generated local ids; `build()` validates it. */
export class DocumentBuilder {
  readonly claims: MapDocumentClaim[] = [];
  readonly links: MapDocumentLink[] = [];
  readonly sources: MapDocumentSource[] = [];
  readonly evidence: MapDocumentEvidence[] = [];
  private readonly linkRelations = new Map<string, MapRelation>();

  constructor(
    public title: string,
    public description = '',
  ) {}

  get nodeCount(): number {
    return this.claims.length + this.evidence.length;
  }

  addClaim(text: string, title?: string): string {
    const id = `c${this.claims.length + 1}`;
    const claim: MapDocumentClaim = { id, text, x: null, y: null };
    if (title) claim.title = truncate(title, MAP_DOCUMENT_LIMITS.claimTitleMax);
    this.claims.push(claim);
    return id;
  }

  addSource(source: Omit<MapDocumentSource, 'id'>): string {
    const id = `s${this.sources.length + 1}`;
    this.sources.push({ id, ...source });
    return id;
  }

  /** Adds a claim→claim link unless it is a self-link or the pair is already linked. */
  addLink(fromClaimId: string, toClaimId: string, relation: MapRelation): AddLinkResult {
    if (fromClaimId === toClaimId) return 'self';
    const key = `${fromClaimId}>${toClaimId}`;
    const existing = this.linkRelations.get(key);
    if (existing !== undefined) return existing === relation ? 'duplicate' : 'conflict';
    this.linkRelations.set(key, relation);
    this.links.push({ id: `l${this.links.length + 1}`, from: { claimId: fromClaimId }, toClaimId, relation });
    return 'added';
  }

  build(): MapDocument {
    return validateMapDocument({
      format: MAP_DOCUMENT_FORMAT,
      version: MAP_DOCUMENT_VERSION,
      exportedAt: nowIso(),
      map: {
        title: truncate(collapseWhitespace(this.title) || 'Imported map', 200),
        description: truncate(this.description.trim(), 2000),
      },
      claims: this.claims,
      links: this.links,
      sources: this.sources,
      evidence: this.evidence,
    });
  }
}

export function assertClaimText(text: string, where: () => { message: string; line?: number; path?: string }): void {
  if (text.length > MAP_DOCUMENT_LIMITS.claimTextMax) {
    const w = where();
    throw new ImportError(
      `${w.message}: the text is ${text.length} characters long; a claim can have at most ${MAP_DOCUMENT_LIMITS.claimTextMax}.`,
      { line: w.line, path: w.path },
    );
  }
}

export function tooManyNodes(count: number, what: string): ImportError {
  return new ImportError(
    `The ${what} has ${count} nodes; a map can have at most ${MAP_DOCUMENT_LIMITS.maxNodes} claims and evidence passages.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Outline: the tree view of a map used by the text exporters (Argdown, Markdown).

export type OutlineNode =
  | {
      kind: 'claim';
      claim: MapDocumentClaim;
      /** Relation to the parent; null at the top level. */
      relation: MapRelation | null;
      /** 'define' the first time a claim is written; 'ref' afterwards (or before, if deferred). */
      mode: 'define' | 'ref';
      /** For a 'ref': true if the claim is defined further down rather than above. */
      later: boolean;
      children: OutlineNode[];
    }
  | {
      kind: 'evidence';
      evidence: MapDocumentEvidence;
      relation: MapRelation;
      mode: 'define' | 'ref';
    };

export interface Outline {
  /** Top-level claims: roots (claims that support or oppose nothing), then deferred and cyclic ones. */
  top: Extract<OutlineNode, { kind: 'claim' }>[];
  /** Evidence that is linked to no claim. */
  unlinkedEvidence: MapDocumentEvidence[];
}

/** Nesting deeper than this continues in a separate top-level entry, so output stays readable. */
export const OUTLINE_MAX_DEPTH = 24;

/**
 * Walks the map from its roots down. Each claim is defined exactly once; its children are the
 * links into it, so every link appears exactly once (cycles and shared children become refs).
 */
export function buildOutline(doc: MapDocument, maxDepth = OUTLINE_MAX_DEPTH): Outline {
  const claimsById = new Map(doc.claims.map((c) => [c.id, c]));
  const evidenceById = new Map(doc.evidence.map((e) => [e.id, e]));
  const incoming = new Map<string, MapDocumentLink[]>();
  const hasOutgoing = new Set<string>();
  const linkedEvidence = new Set<string>();
  for (const link of doc.links) {
    const list = incoming.get(link.toClaimId);
    if (list) list.push(link);
    else incoming.set(link.toClaimId, [link]);
    if ('claimId' in link.from) hasOutgoing.add(link.from.claimId);
    else linkedEvidence.add(link.from.evidenceId);
  }

  const defined = new Set<string>();
  const definedEvidence = new Set<string>();
  const queued = new Set<string>();
  const queue: string[] = [];

  const define = (
    claim: MapDocumentClaim,
    relation: MapRelation | null,
    depth: number,
  ): Extract<OutlineNode, { kind: 'claim' }> => {
    defined.add(claim.id);
    const children: OutlineNode[] = [];
    for (const link of incoming.get(claim.id) ?? []) {
      if ('evidenceId' in link.from) {
        const evidence = evidenceById.get(link.from.evidenceId);
        if (!evidence) continue;
        const mode = definedEvidence.has(evidence.id) ? 'ref' : 'define';
        definedEvidence.add(evidence.id);
        children.push({ kind: 'evidence', evidence, relation: link.relation, mode });
        continue;
      }
      const child = claimsById.get(link.from.claimId);
      if (!child) continue;
      if (defined.has(child.id)) {
        children.push({ kind: 'claim', claim: child, relation: link.relation, mode: 'ref', later: false, children: [] });
      } else if (depth + 1 > maxDepth) {
        if (!queued.has(child.id)) {
          queued.add(child.id);
          queue.push(child.id);
        }
        children.push({ kind: 'claim', claim: child, relation: link.relation, mode: 'ref', later: true, children: [] });
      } else {
        children.push(define(child, link.relation, depth + 1));
      }
    }
    return { kind: 'claim', claim, relation, mode: 'define', later: false, children };
  };

  const top: Outline['top'] = [];
  const drain = () => {
    while (queue.length > 0) {
      const id = queue.shift() as string;
      const claim = claimsById.get(id);
      if (claim && !defined.has(id)) top.push(define(claim, null, 0));
    }
  };
  for (const claim of doc.claims) {
    if (hasOutgoing.has(claim.id)) continue;
    queue.push(claim.id);
    queued.add(claim.id);
  }
  drain();
  // Claims only reachable through cycles (or whose definitions were deferred and not yet drained).
  for (const claim of doc.claims) {
    if (defined.has(claim.id)) continue;
    queue.push(claim.id);
    drain();
  }
  return { top, unlinkedEvidence: doc.evidence.filter((e) => !linkedEvidence.has(e.id)) };
}

/** How an evidence passage reads when it has to stand alone as a statement or node text. */
export function evidenceText(evidence: MapDocumentEvidence, source: MapDocumentSource | undefined, max = 1000): string {
  const suffix = source ? ` — ${collapseWhitespace(source.title)}` : '';
  const room = Math.max(20, max - suffix.length - 2);
  return truncate(`"${truncate(collapseWhitespace(evidence.exact), room)}"${suffix}`, max);
}
