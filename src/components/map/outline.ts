/**
 * The map as a Kialo-like outline: trees from each root (a claim that supports or opposes
 * nothing) down through its pros and cons. A claim reached a second time is shown as a reference
 * instead of being expanded again, so cycles and shared claims stay finite.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { indexMap, linkFromId } from './map-index';
import type { TRelation } from '@/shared/schemas/claim';

export type Relation = TRelation;

interface ItemBase {
  /** Stable and unique within one outline: `claim:<id>` for top-level items, `link:<id>` below. */
  key: string;
  /** 1 for top-level items, as aria-level. */
  level: number;
  relation: Relation | null;
  /** The link that puts this item under its parent (null at top level). */
  linkId: string | null;
  parentClaimId: string | null;
}

export interface ClaimItem extends ItemBase {
  kind: 'claim';
  claimId: string;
  children: OutlineItem[];
}

export interface EvidenceItem extends ItemBase {
  kind: 'evidence';
  evidenceId: string;
}

/** A claim already shown elsewhere: above it on this branch (`cycle`) or in an earlier branch (`repeat`). */
export interface RefItem extends ItemBase {
  kind: 'ref';
  claimId: string;
  reason: 'cycle' | 'repeat';
}

export type OutlineItem = ClaimItem | EvidenceItem | RefItem;

export interface Outline {
  roots: ClaimItem[];
  /** Claims (and passages) not reachable from any root, e.g. a cycle with no thesis above it. */
  unlinked: OutlineItem[];
  /** The key of the one item that shows each claim in full. */
  keyOfClaim: Map<string, string>;
  size: number;
}

/** Pros before cons; within each, claims before evidence, then creation order. */
const RELATION_ORDER: Record<Relation, number> = { support: 0, oppose: 1 };

export function buildOutline(map: MapView): Outline {
  const index = indexMap(map);
  const keyOfClaim = new Map<string, string>();
  let size = 0;

  const childLinks = (claimId: string) =>
    (index.incoming.get(claimId) ?? [])
      .filter((link) => (link.fromClaimId ? index.claimById.has(link.fromClaimId) : index.evidenceById.has(link.fromEvidenceId!)))
      .map((link, order) => ({ link, order }))
      .sort(
        (a, b) =>
          RELATION_ORDER[a.link.relation] - RELATION_ORDER[b.link.relation] ||
          Number(Boolean(a.link.fromEvidenceId)) - Number(Boolean(b.link.fromEvidenceId)) ||
          a.order - b.order,
      )
      .map(({ link }) => link);

  // Iterative depth-first walk in document order (a 2,000-claim chain must not overflow the
  // stack): the first time a claim is reached it is expanded; later it is a reference.
  const expand = (top: ClaimItem) => {
    keyOfClaim.set(top.claimId, top.key);
    size += 1;
    const onPath = new Set([top.claimId]);
    const stack = [{ item: top, links: childLinks(top.claimId), next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const link = frame.links[frame.next];
      if (!link) {
        onPath.delete(frame.item.claimId);
        stack.pop();
        continue;
      }
      frame.next += 1;
      size += 1;
      const base = {
        key: `link:${link.id}`,
        level: frame.item.level + 1,
        relation: link.relation,
        linkId: link.id,
        parentClaimId: frame.item.claimId,
      };
      if (link.fromEvidenceId) {
        frame.item.children.push({ ...base, kind: 'evidence', evidenceId: link.fromEvidenceId });
        continue;
      }
      const claimId = linkFromId(link);
      if (onPath.has(claimId)) {
        frame.item.children.push({ ...base, kind: 'ref', claimId, reason: 'cycle' });
      } else if (keyOfClaim.has(claimId)) {
        frame.item.children.push({ ...base, kind: 'ref', claimId, reason: 'repeat' });
      } else {
        const child: ClaimItem = { ...base, kind: 'claim', claimId, children: [] };
        keyOfClaim.set(claimId, child.key);
        frame.item.children.push(child);
        onPath.add(claimId);
        stack.push({ item: child, links: childLinks(claimId), next: 0 });
      }
    }
  };

  const isRoot = (claimId: string) => !(index.outgoing.get(claimId) ?? []).some((link) => index.claimById.has(link.toClaimId));
  const top = (claimId: string): ClaimItem => ({
    key: `claim:${claimId}`,
    level: 1,
    relation: null,
    linkId: null,
    parentClaimId: null,
    kind: 'claim',
    claimId,
    children: [],
  });

  const roots: ClaimItem[] = [];
  for (const claim of map.claims) {
    if (!isRoot(claim.id)) continue;
    const item = top(claim.id);
    roots.push(item);
    expand(item);
  }
  const unlinked: OutlineItem[] = [];
  for (const claim of map.claims) {
    if (keyOfClaim.has(claim.id)) continue;
    const item = top(claim.id);
    unlinked.push(item);
    expand(item);
  }
  for (const passage of map.evidence) {
    const isLinked = (index.outgoing.get(passage.id) ?? []).some((link) => index.claimById.has(link.toClaimId));
    if (isLinked) continue;
    size += 1;
    unlinked.push({
      key: `evidence:${passage.id}`,
      level: 1,
      relation: null,
      linkId: null,
      parentClaimId: null,
      kind: 'evidence',
      evidenceId: passage.id,
    });
  }
  return { roots, unlinked, keyOfClaim, size };
}

/** Items in display order, skipping the children of collapsed items: what arrow keys move through. */
export function visibleItems(items: OutlineItem[], isExpanded: (item: ClaimItem) => boolean): OutlineItem[] {
  const out: OutlineItem[] = [];
  const stack = [...items].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    if (item.kind === 'claim' && item.children.length > 0 && isExpanded(item)) {
      for (let i = item.children.length - 1; i >= 0; i -= 1) stack.push(item.children[i]!);
    }
  }
  return out;
}

/** The keys of every item from the top down to `key` (exclusive), to expand when revealing it. */
export function ancestorKeys(outline: Outline, key: string): string[] {
  const parentOf = new Map<string, string>();
  const stack: OutlineItem[] = [...outline.roots, ...outline.unlinked];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.kind !== 'claim') continue;
    for (const child of item.children) {
      parentOf.set(child.key, item.key);
      stack.push(child);
    }
  }
  const keys: string[] = [];
  for (let at = parentOf.get(key); at; at = parentOf.get(at)) keys.unshift(at);
  return keys;
}
