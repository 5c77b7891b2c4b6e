import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainNodeStrength, strengthGraphOfMap, strengthOfMap, type StrengthMapInput, type StrengthMapLink } from './strength-of-map';
import { strengthOf } from './strength-test-support';

const votes = (mean: number | null, count = mean === null ? 0 : 4) => ({ count, mean });
/** Claims by id, each with the mean of its four votes (null: nobody voted). */
const rated = (means: Record<string, number | null>) => Object.entries(means).map(([id, mean]) => ({ id, votes: votes(mean) }));
const claimLink = (from: string, to: string, relation: 'support' | 'oppose'): StrengthMapLink => ({
  fromClaimId: from,
  fromEvidenceId: null,
  toClaimId: to,
  relation,
});
const evidenceLink = (from: string, to: string, relation: 'support' | 'oppose'): StrengthMapLink => ({
  fromClaimId: null,
  fromEvidenceId: from,
  toClaimId: to,
  relation,
});

/** A random map for the property tests: the vote mean of each claim c0, c1, … (null: nobody voted)… */
const meansArb = (minLength: number) =>
  fc.array(fc.option(fc.double({ min: 0, max: 4, noNaN: true }), { nil: null }), { minLength, maxLength: 8 });
/** …and its links, as [from, to, supports] by claim index. */
const rawLinksArb = fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.boolean()), { maxLength: 16 });

/** The links drawn among `count` claims: indexes wrap around, and a link from a claim to itself is left out. */
function linksAmong(count: number, rawLinks: [number, number, boolean][]): StrengthMapLink[] {
  return rawLinks
    .map(([from, to, supports]) => claimLink(`c${from % count}`, `c${to % count}`, supports ? 'support' : 'oppose'))
    .filter((link) => link.fromClaimId !== link.toClaimId);
}

describe('strengthOfMap', () => {
  it('turns claims, passages and links into a DF-QuAD graph with base scores from the visible means', () => {
    const view: StrengthMapInput = {
      claims: rated({ thesis: 2, pro: 3 }),
      evidence: [{ id: 'quote', votes: null }],
      links: [claimLink('pro', 'thesis', 'support'), evidenceLink('quote', 'pro', 'oppose')],
    };
    const graph = strengthGraphOfMap(view);
    expect(graph.nodes).toEqual([
      { id: 'thesis', baseScore: 0.5, isRated: true },
      { id: 'pro', baseScore: 0.75, isRated: true },
      { id: 'quote', baseScore: 0.5, isRated: false },
    ]);
    expect(graph.edges).toEqual([
      { from: 'pro', to: 'thesis', relation: 'support' },
      { from: 'quote', to: 'pro', relation: 'oppose' },
    ]);
  });

  it('a worked example: thesis 0.5 with a supporter (base 0.75, attacked by a rated 0.5 quote) and an opposer 0.25', () => {
    // quote: rated 2 of 4, no incoming edges → 0.5.
    // pro: base 0.75, attack 0.5, support 0 → 0.75 − 0.75·0.5 = 0.375.
    // con: base 0.25 (mean 1), nothing incoming → 0.25.
    // thesis: base 0.5, support F(0.375) = 0.375, attack F(0.25) = 0.25 → 0.5 + 0.5·0.125 = 0.5625.
    const view: StrengthMapInput = {
      claims: rated({ thesis: 2, pro: 3, con: 1 }),
      evidence: [{ id: 'quote', votes: votes(2) }],
      links: [claimLink('pro', 'thesis', 'support'), claimLink('con', 'thesis', 'oppose'), evidenceLink('quote', 'pro', 'oppose')],
    };
    const result = strengthOfMap(view);
    expect(result.unrated).toEqual([]);
    expect(strengthOf(result, 'quote')).toBeCloseTo(0.5, 12);
    expect(strengthOf(result, 'pro')).toBeCloseTo(0.375, 12);
    expect(strengthOf(result, 'con')).toBeCloseTo(0.25, 12);
    expect(strengthOf(result, 'thesis')).toBeCloseTo(0.5625, 12);
    expect(result).toMatchObject({ converged: true, hasCycles: false });
  });

  it('an opposing claim with strong votes lowers its target; two supporters combine as 1 − Π(1 − v)', () => {
    const base: StrengthMapInput = {
      claims: rated({ a: 3.2, s1: 2, s2: 2, o: 2 }),
      evidence: [],
      links: [claimLink('s1', 'a', 'support'), claimLink('s2', 'a', 'support'), claimLink('o', 'a', 'oppose')],
    };
    // support F(0.5, 0.5) = 0.75, attack 0.5 → 0.8 + 0.2·0.25 = 0.85.
    expect(strengthOf(strengthOfMap(base), 'a')).toBeCloseTo(0.85, 12);
    // The opposer gets 4s: attack 1 > support 0.75 → 0.8 − 0.8·0.25 = 0.6.
    const strongOpposer = { ...base, claims: base.claims.map((c) => (c.id === 'o' ? { id: 'o', votes: votes(4) } : c)) };
    expect(strengthOf(strengthOfMap(strongOpposer), 'a')).toBeCloseTo(0.6, 12);
  });

  it('hidden votes count as no votes (unrated), whatever they are', () => {
    const view = (hidden: { count: number; mean: number | null } | null): StrengthMapInput => ({
      claims: [
        { id: 'thesis', votes: null },
        { id: 'child', votes: hidden },
      ],
      evidence: [],
      links: [claimLink('child', 'thesis', 'oppose')],
    });
    const hidden = strengthOfMap(view(null));
    expect(strengthOf(hidden, 'child')).toBe(0.5);
    // Nothing is rated: the thesis keeps its base and both are unrated, the same as if nobody had voted.
    expect(strengthOf(hidden, 'thesis')).toBe(0.5);
    expect(new Set(hidden.unrated)).toEqual(new Set(['thesis', 'child']));
    expect(hidden).toEqual(strengthOfMap(view({ count: 0, mean: null })));
    expect(strengthOf(strengthOfMap(view({ count: 3, mean: 4 })), 'thesis')).toBe(0);
  });

  it('a cycle is reported and still terminates', () => {
    const result = strengthOfMap({
      claims: rated({ a: 4, b: 4 }),
      evidence: [],
      links: [claimLink('a', 'b', 'oppose'), claimLink('b', 'a', 'oppose')],
    });
    expect(result.hasCycles).toBe(true);
    expect(result.converged).toBe(true);
    expect(strengthOf(result, 'a')).toBeCloseTo(0.5, 6);
  });

  it('property: a node whose votes are hidden never influences anything through its own votes', () => {
    fc.assert(
      fc.property(
        meansArb(2),
        rawLinksArb,
        fc.nat(7),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (means, rawLinks, hiddenIndex, secretMean) => {
          const claims = means.map((mean, i) => ({ id: `c${i}`, votes: mean === null ? null : votes(mean) }));
          const hiddenId = `c${hiddenIndex % claims.length}`;
          const links = linksAmong(claims.length, rawLinks);
          const hiddenView: StrengthMapInput = {
            claims: claims.map((c) => (c.id === hiddenId ? { id: c.id, votes: null } : c)),
            evidence: [],
            links,
          };
          const revealedView: StrengthMapInput = {
            claims: claims.map((c) => (c.id === hiddenId ? { id: c.id, votes: votes(secretMean) } : c)),
            evidence: [],
            links,
          };
          const asHidden = strengthOfMap(hiddenView);
          const asNoVotes = strengthOfMap({
            ...hiddenView,
            claims: hiddenView.claims.map((c) => (c.id === hiddenId ? { id: c.id, votes: votes(null) } : c)),
          });
          expect(asHidden).toEqual(asNoVotes);
          for (const value of Object.values(strengthOfMap(revealedView).strengths)) expect(value).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('unrated arguments', () => {
  it('a claim nobody voted on, with nothing rated below it, is unrated and does not move its parent', () => {
    // The bug this fixes: two unrated supporters counted 0.5 each and lifted an unvoted thesis to 88 %.
    const view: StrengthMapInput = {
      claims: rated({ thesis: null, pro1: null, pro2: null, con: 1 }),
      evidence: [],
      links: [claimLink('pro1', 'thesis', 'support'), claimLink('pro2', 'thesis', 'support'), claimLink('con', 'thesis', 'oppose')],
    };
    const result = strengthOfMap(view);
    expect(new Set(result.unrated)).toEqual(new Set(['pro1', 'pro2']));
    // Only the rated opposer (0.25) counts: 0.5 − 0.5·0.25.
    expect(strengthOf(result, 'thesis')).toBeCloseTo(0.375, 12);
    const explanation = explainNodeStrength(view, 'thesis', result);
    expect(explanation.contributions).toEqual([{ fromId: 'con', relation: 'oppose', strength: 0.25 }]);
    expect(explanation.unratedArgumentCount).toBe(2);
    expect(explanation.text).toContain('2 unrated arguments are not counted');
    expect(explainNodeStrength(view, 'pro1', result)).toMatchObject({ isUnrated: true });
    // Given the computation's unrated list it skips a pass over the map, with the same answer.
    expect(explainNodeStrength(view, 'thesis', { strengths: result.strengths, converged: result.converged })).toEqual(explanation);
    expect(explainNodeStrength(view, 'pro1', { strengths: result.strengths, converged: result.converged })).toMatchObject({
      isUnrated: true,
    });
  });

  it('a claim without votes is rated once something below it is, and counts for its parent', () => {
    const view: StrengthMapInput = {
      claims: rated({ thesis: null, pro: null }),
      evidence: [{ id: 'quote', votes: votes(4) }],
      links: [claimLink('pro', 'thesis', 'support'), evidenceLink('quote', 'pro', 'support')],
    };
    const result = strengthOfMap(view);
    expect(result.unrated).toEqual([]);
    // pro: 0.5 + 0.5·1 = 1; thesis: 0.5 + 0.5·1 = 1.
    expect(strengthOf(result, 'pro')).toBeCloseTo(1, 12);
    expect(strengthOf(result, 'thesis')).toBeCloseTo(1, 12);
  });

  it('property: adding an unrated leaf argument never changes any strength', () => {
    fc.assert(
      fc.property(meansArb(1), rawLinksArb, fc.nat(7), fc.boolean(), (means, rawLinks, targetIndex, isSupport) => {
        const claims = means.map((mean, i) => ({ id: `c${i}`, votes: votes(mean) }));
        const links = linksAmong(claims.length, rawLinks);
        const before = strengthOfMap({ claims, evidence: [], links });
        const target = `c${targetIndex % claims.length}`;
        const after = strengthOfMap({
          claims: [...claims, { id: 'new', votes: votes(null) }],
          evidence: [],
          links: [...links, claimLink('new', target, isSupport ? 'support' : 'oppose')],
        });
        for (const [id, value] of Object.entries(before.strengths)) expect(after.strengths[id]).toBe(value);
        expect(after.unrated).toContain('new');
      }),
    );
  });
});

describe('explainNodeStrength', () => {
  const view: StrengthMapInput = {
    claims: [
      { id: 'thesis', votes: { count: 14, mean: 2.48 } },
      { id: 'pro1', votes: votes(2) },
      { id: 'pro2', votes: { count: 3, mean: 2 } },
      { id: 'con', votes: { count: 1, mean: 1.6 } },
    ],
    evidence: [],
    links: [claimLink('pro1', 'thesis', 'support'), claimLink('pro2', 'thesis', 'support'), claimLink('con', 'thesis', 'oppose')],
  };

  it('explains base, supporters and opposers, each contribution listed, matching strengthOfMap', () => {
    const computed = strengthOfMap(view);
    const explanation = explainNodeStrength(view, 'thesis', computed);
    expect(explanation.baseScore).toBeCloseTo(0.62, 12);
    expect(explanation.voteCount).toBe(14);
    expect(explanation.contributions).toEqual([
      { fromId: 'pro1', relation: 'support', strength: 0.5 },
      { fromId: 'pro2', relation: 'support', strength: 0.5 },
      { fromId: 'con', relation: 'oppose', strength: 0.4 },
    ]);
    // support 0.75, attack 0.4 → 0.62 + 0.38·0.35 = 0.753.
    expect(explanation.strength).toBeCloseTo(0.753, 12);
    expect(explanation.strength).toBe(strengthOf(computed, 'thesis'));
    expect(explanation.text).toBe(
      'Base 0.62 from 14 votes; raised by 2 supporters (combined 0.75), lowered by 1 opposer (0.40): strength 0.75.',
    );
  });

  it('says a node is unrated, and whether that is because blind voting hides its votes', () => {
    const hidden = { ...view, claims: view.claims.map((c) => (c.id === 'pro2' ? { id: 'pro2', votes: null } : c)) };
    expect(explainNodeStrength(hidden, 'pro2').text).toMatch(/^Unrated for you: its votes are hidden until you vote/);
    expect(explainNodeStrength({ ...view, claims: [{ id: 'x', votes: votes(null) }] }, 'x').text).toBe(
      'Unrated: nobody has voted on it or on anything that argues about it, so it does not count for or against what it argues about yet.',
    );
  });
});

describe('the seeded demo map', () => {
  it('has votes on its claims and passages, so the strength overlay is meaningful for anonymous readers', async () => {
    const { DEMO_CLAIMS, DEMO_EVIDENCE, DEMO_VOTES } = await import('../../../prisma/seed/demo-content');
    const { summarizeVoteRows } = await import('../votes');
    const summaries = summarizeVoteRows(DEMO_VOTES.map((vote) => ({ targetId: vote.targetKey, value: vote.value, count: 1 })));
    const view: StrengthMapInput = {
      // The demo's results are revealed, so every reader sees every summary.
      claims: DEMO_CLAIMS.map((claim) => ({ id: claim.key, votes: summaries.get(claim.key) ?? { count: 0, mean: null } })),
      evidence: DEMO_EVIDENCE.map((item) => ({ id: item.key, votes: summaries.get(item.key) ?? { count: 0, mean: null } })),
      links: [
        ...DEMO_CLAIMS.filter((claim) => claim.parentKey && claim.relation).map((claim) =>
          claimLink(claim.key, claim.parentKey!, claim.relation!),
        ),
        ...DEMO_EVIDENCE.map((item) => evidenceLink(item.key, item.claimKey, item.relation)),
      ],
    };
    const result = strengthOfMap(view);
    expect(result).toMatchObject({ converged: true, hasCycles: false });
    expect(Object.keys(result.strengths)).toHaveLength(DEMO_CLAIMS.length + DEMO_EVIDENCE.length);
    const votedClaims = DEMO_CLAIMS.filter((claim) => (summaries.get(claim.key)?.count ?? 0) > 0);
    expect(votedClaims.length).toBeGreaterThan(DEMO_CLAIMS.length / 2);
    const distinct = new Set(Object.values(result.strengths).map((value) => value.toFixed(3)));
    expect(distinct.size).toBeGreaterThan(5);
    // Structure matters: some claim's strength differs from its own base score.
    const moved = DEMO_CLAIMS.filter((claim) => {
      const mean = summaries.get(claim.key)?.mean ?? null;
      return Math.abs(strengthOf(result, claim.key) - (mean === null ? 0.5 : mean / 4)) > 0.05;
    });
    expect(moved.length).toBeGreaterThan(0);
  });
});
