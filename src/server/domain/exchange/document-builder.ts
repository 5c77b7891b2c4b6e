/** Assembles a valid MapDocument from what a converter reads, with generated local ids. */
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
import { truncate } from '@/shared/truncate';

import { ImportError } from './import-error';
import { collapseWhitespace } from './sanitize-text';

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

