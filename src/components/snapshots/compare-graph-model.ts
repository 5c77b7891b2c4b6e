/**
 * The graph of a comparison: everything in the later view plus what the earlier one had and the later
 * one lost, each claim and link marked added, removed, edited (claims: text; links: relation) or
 * unchanged. Pure, so the marks are tested without a browser.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { compactLayout } from '@/components/map/compact-layout';
import { estimateNodeSize } from '@/components/map/node-size';

export type DiffMark = 'added' | 'removed' | 'edited' | 'same';

export interface DiffNode {
  id: string;
  kind: 'claim' | 'evidence';
  text: string;
  /** For an edited claim: its text in the earlier view. */
  before: string | null;
  mark: DiffMark;
  position: { x: number; y: number };
}

export interface DiffEdge {
  id: string;
  source: string;
  target: string;
  relation: 'support' | 'oppose';
  mark: DiffMark;
}

export interface DiffGraph {
  nodes: DiffNode[];
  edges: DiffEdge[];
  counts: Record<Exclude<DiffMark, 'same'>, number>;
}

export function diffGraph(from: MapView, to: MapView): DiffGraph {
  const fromClaims = new Map(from.claims.map((claim) => [claim.id, claim]));
  const toClaimIds = new Set(to.claims.map((claim) => claim.id));
  const toEvidenceIds = new Set(to.evidence.map((item) => item.id));
  const fromLinks = new Map(from.links.map((link) => [link.id, link]));
  const toLinkIds = new Set(to.links.map((link) => link.id));

  const claims = [...to.claims, ...from.claims.filter((claim) => !toClaimIds.has(claim.id))];
  const evidence = [...to.evidence, ...from.evidence.filter((item) => !toEvidenceIds.has(item.id))];
  const links = [...to.links, ...from.links.filter((link) => !toLinkIds.has(link.id))];
  const union: MapView = { ...to, claims, evidence, links };
  const positions = compactLayout(union, union, (id) => {
    const claim = claims.find((item) => item.id === id);
    if (claim) return estimateNodeSize('claim', claim.text);
    const passage = evidence.find((item) => item.id === id);
    return passage ? estimateNodeSize('evidence', passage.exact) : null;
  });

  const claimMark = (id: string, text: string): { mark: DiffMark; before: string | null } => {
    const before = fromClaims.get(id);
    if (!toClaimIds.has(id)) return { mark: 'removed', before: null };
    if (!before) return { mark: 'added', before: null };
    return before.text !== text ? { mark: 'edited', before: before.text } : { mark: 'same', before: null };
  };
  const fromEvidenceIds = new Set(from.evidence.map((item) => item.id));
  const evidenceMark = (id: string): DiffMark => (!toEvidenceIds.has(id) ? 'removed' : fromEvidenceIds.has(id) ? 'same' : 'added');
  const nodes: DiffNode[] = [
    ...claims.map((claim) => ({
      id: claim.id,
      kind: 'claim' as const,
      text: claim.text,
      ...claimMark(claim.id, claim.text),
      position: positions.get(claim.id) ?? { x: claim.x ?? 0, y: claim.y ?? 0 },
    })),
    ...evidence.map((item) => ({
      id: item.id,
      kind: 'evidence' as const,
      text: `“${item.exact}”`,
      before: null,
      mark: evidenceMark(item.id),
      position: positions.get(item.id) ?? { x: item.x ?? 0, y: item.y ?? 0 },
    })),
  ];
  const nodeIds = new Set(nodes.map((node) => node.id));
  const edges: DiffEdge[] = links.flatMap((link) => {
    const source = link.fromClaimId ?? link.fromEvidenceId;
    if (!source || !nodeIds.has(source) || !nodeIds.has(link.toClaimId)) return [];
    const before = fromLinks.get(link.id);
    const mark: DiffMark = !toLinkIds.has(link.id) ? 'removed' : !before ? 'added' : before.relation !== link.relation ? 'edited' : 'same';
    return [{ id: link.id, source, target: link.toClaimId, relation: link.relation, mark }];
  });
  const counts = { added: 0, removed: 0, edited: 0 };
  for (const item of [...nodes, ...edges]) if (item.mark !== 'same') counts[item.mark]++;
  return { nodes, edges, counts };
}
