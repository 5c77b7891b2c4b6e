/**
 * Vote mode's order of cards: each thesis, then its claims depth-first in the outline's order
 * (pros before cons, then creation order), then claims reachable from no thesis. Every claim
 * appears once, with the claim it argues about and how.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { buildOutline, type OutlineItem } from '@/components/map/outline';
import type { TRelation } from '@/shared/schemas/claim';

export interface DeckCard {
  claimId: string;
  /** The claim this one supports or opposes (null for a thesis). */
  parentClaimId: string | null;
  relation: TRelation | null;
}

export function deckOrder(map: MapView): DeckCard[] {
  const outline = buildOutline(map);
  const cards: DeckCard[] = [];
  const seen = new Set<string>();
  // Iterative, like the outline itself: a 2,000-claim chain must not overflow the stack.
  const stack: OutlineItem[] = [...outline.roots, ...outline.unlinked].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.kind !== 'claim' || seen.has(item.claimId)) continue;
    seen.add(item.claimId);
    cards.push({ claimId: item.claimId, parentClaimId: item.parentClaimId, relation: item.relation });
    for (let i = item.children.length - 1; i >= 0; i -= 1) stack.push(item.children[i]!);
  }
  return cards;
}

/** The first card at or after `from` that the reader has not voted on, else null. */
export function nextUnvoted(cards: readonly DeckCard[], hasVoted: (claimId: string) => boolean, from: number): number | null {
  for (let i = Math.max(0, from); i < cards.length; i += 1) if (!hasVoted(cards[i]!.claimId)) return i;
  return null;
}
