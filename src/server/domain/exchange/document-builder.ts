/** Assembles a valid MapDocument from what a converter reads, with generated local ids. */
import {
  MAP_DOCUMENT_FORMAT,
  MAP_DOCUMENT_LIMITS,
  MAP_DOCUMENT_VERSION,
  validateMapDocument,
  type MapDocument,
  type MapDocumentClaim,
  type MapDocumentClaimData,
  type MapDocumentEvidence,
  type MapDocumentLink,
  type MapDocumentSource,
  type MapRelation,
} from '@/shared/map-document';
import { truncate } from '@/shared/truncate';

import { ImportError } from './import-error';
import { plural, type ImportWarnings } from './import-result';
import { collapseWhitespace } from './sanitize-text';

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Tags as a claim keeps them: without "#", whitespace collapsed, at most `tagMax` characters,
 * each once (compared case-insensitively), at most `tagsPerClaim`.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = truncate(collapseWhitespace(raw.replace(/^#+/, '')), MAP_DOCUMENT_LIMITS.tagMax);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
    if (out.length >= MAP_DOCUMENT_LIMITS.tagsPerClaim) break;
  }
  return out;
}

/**
 * A claim text as the document can hold it: whole up to `claimTextMax`, else shortened (never a
 * reason to refuse the map) with a grouped warning naming the node (`label`).
 */
export function fitClaimText(text: string, label: string, warnings: ImportWarnings): string {
  const max = MAP_DOCUMENT_LIMITS.claimTextMax;
  if (text.length <= max) return text;
  warnings.count(
    'claim-shortened',
    (n) => `Shortened ${plural(n, 'claim')} longer than ${max.toLocaleString('en-US')} characters`,
    `${label}: ${text.length.toLocaleString('en-US')} characters`,
  );
  return truncate(text, max);
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

  addClaim(text: string, title?: string, extra: { tags?: readonly string[]; data?: MapDocumentClaimData } = {}): string {
    const id = `c${this.claims.length + 1}`;
    const claim: MapDocumentClaim = { id, text, x: null, y: null };
    if (title) claim.title = truncate(title, MAP_DOCUMENT_LIMITS.claimTitleMax);
    const tags = normalizeTags(extra.tags ?? []);
    if (tags.length > 0) claim.tags = tags;
    if (extra.data && Object.keys(extra.data).length > 0) claim.data = extra.data;
    this.claims.push(claim);
    return id;
  }

  addSource(source: Omit<MapDocumentSource, 'id'>): string {
    const id = `s${this.sources.length + 1}`;
    this.sources.push({ id, ...source });
    return id;
  }

  addEvidence(evidence: Omit<MapDocumentEvidence, 'id'>): string {
    const id = `e${this.evidence.length + 1}`;
    this.evidence.push({ id, ...evidence });
    return id;
  }

  /** Adds an evidence→claim link unless the pair is already linked. */
  addEvidenceLink(evidenceId: string, toClaimId: string, relation: MapRelation): AddLinkResult {
    const key = `e:${evidenceId}>${toClaimId}`;
    const existing = this.linkRelations.get(key);
    if (existing !== undefined) return existing === relation ? 'duplicate' : 'conflict';
    this.linkRelations.set(key, relation);
    this.links.push({ id: `l${this.links.length + 1}`, from: { evidenceId }, toClaimId, relation });
    return 'added';
  }

  /** Adds a claim→claim link unless it is a self-link or the pair is already linked. */
  addLink(fromClaimId: string, toClaimId: string, relation: MapRelation, scheme?: string | null): AddLinkResult {
    if (fromClaimId === toClaimId) return 'self';
    const key = `${fromClaimId}>${toClaimId}`;
    const existing = this.linkRelations.get(key);
    if (existing !== undefined) return existing === relation ? 'duplicate' : 'conflict';
    this.linkRelations.set(key, relation);
    const link: MapDocumentLink = { id: `l${this.links.length + 1}`, from: { claimId: fromClaimId }, toClaimId, relation };
    const named = scheme ? truncate(collapseWhitespace(scheme), MAP_DOCUMENT_LIMITS.schemeMax) : '';
    if (named) link.scheme = named;
    this.links.push(link);
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

export function tooManyNodes(count: number, what: string): ImportError {
  return new ImportError(
    `The ${what} has ${count} nodes; a map can have at most ${MAP_DOCUMENT_LIMITS.maxNodes} claims and evidence passages.`,
  );
}
