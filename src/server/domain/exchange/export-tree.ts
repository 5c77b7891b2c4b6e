/**
 * The tree the text exporters (Argdown, Markdown, Kialo) write a map as: each claim once, under
 * the claim it supports or opposes, with later appearances as references. Not the outline view
 * of the map screen (components/map/outline.ts), which is built from the live map.
 */
import type { MapDocument, MapDocumentClaim, MapDocumentEvidence, MapDocumentLink, MapRelation } from '@/shared/map-document';

export type ExportTreeNode =
  | {
      kind: 'claim';
      claim: MapDocumentClaim;
      /** Relation to the parent; null at the top level. */
      relation: MapRelation | null;
      /** 'define' the first time a claim is written; 'ref' afterwards (or before, if deferred). */
      mode: 'define' | 'ref';
      /** For a 'ref': true if the claim is defined further down rather than above. */
      later: boolean;
      children: ExportTreeNode[];
    }
  | {
      kind: 'evidence';
      evidence: MapDocumentEvidence;
      relation: MapRelation;
      mode: 'define' | 'ref';
    };

export interface ExportTree {
  /** Top-level claims: roots (claims that support or oppose nothing), then deferred and cyclic ones. */
  top: Extract<ExportTreeNode, { kind: 'claim' }>[];
  /** Evidence that is linked to no claim. */
  unlinkedEvidence: MapDocumentEvidence[];
}

/** Nesting deeper than this continues in a separate top-level entry, so output stays readable. */
export const EXPORT_TREE_MAX_DEPTH = 24;

/**
 * Walks the map from its roots down. Each claim is defined exactly once; its children are the
 * links into it, so every link appears exactly once (cycles and shared children become refs).
 */
export function buildExportTree(doc: MapDocument, maxDepth = EXPORT_TREE_MAX_DEPTH): ExportTree {
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

  const define = (claim: MapDocumentClaim, relation: MapRelation | null, depth: number): Extract<ExportTreeNode, { kind: 'claim' }> => {
    defined.add(claim.id);
    const children: ExportTreeNode[] = [];
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

  const top: ExportTree['top'] = [];
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
