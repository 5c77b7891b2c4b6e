import { describe, expect, it } from 'vitest';
import { claim, evidence, link, mapView } from '@/components/map/test-map';
import { deckOrder, nextUnvoted } from './deck-order';

describe('deckOrder', () => {
  it('puts the thesis first, then its claims depth-first, pros before cons, each claim once', () => {
    // Created in an order unlike the tree: the deck follows the argument, not creation time.
    const map = mapView({
      claims: [claim('c2'), claim('t'), claim('c1'), claim('c1a'), claim('loose')],
      evidence: [evidence('e1')],
      links: [
        link('c2', 't', 'oppose'),
        link('c1', 't', 'support'),
        link('c1a', 'c1', 'oppose'),
        link('e1', 't'),
        link('c2', 'c1', 'support', 'x'),
      ],
    });
    const cards = deckOrder(map);
    expect(cards.map((card) => card.claimId)).toEqual(['t', 'c1', 'c2', 'c1a', 'loose']);
    expect(cards[0]).toEqual({ claimId: 't', parentClaimId: null, relation: null });
    expect(cards.find((card) => card.claimId === 'c1a')).toEqual({ claimId: 'c1a', parentClaimId: 'c1', relation: 'oppose' });
    // c2 supports c1 and opposes t: the card says where it first appears in the outline.
    expect(cards.find((card) => card.claimId === 'c2')?.parentClaimId).toBe('c1');
  });

  it('handles a cycle with no thesis and an empty map', () => {
    const cyclic = mapView({ claims: [claim('a'), claim('b')], links: [link('a', 'b'), link('b', 'a')] });
    expect(
      deckOrder(cyclic)
        .map((card) => card.claimId)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(deckOrder(mapView())).toEqual([]);
  });
});

describe('nextUnvoted', () => {
  const cards = ['a', 'b', 'c'].map((claimId) => ({ claimId, parentClaimId: null, relation: null }));
  it('finds the first card from a position the reader has not voted on', () => {
    const voted = new Set(['a', 'c']);
    expect(nextUnvoted(cards, (id) => voted.has(id), 0)).toBe(1);
    expect(nextUnvoted(cards, (id) => voted.has(id), 2)).toBeNull();
  });
});
