import { describe, expect, it } from 'vitest';
import { ancestorKeys, buildOutline, visibleItems, type ClaimItem, type OutlineItem } from './outline';
import { claim, evidence, link, mapView } from './test-map';

function shape(items: OutlineItem[]): unknown[] {
  return items.map((item) => {
    if (item.kind === 'claim') return item.children.length ? { [item.claimId]: shape(item.children) } : item.claimId;
    if (item.kind === 'ref') return `${item.reason}:${item.claimId}`;
    return `evidence:${item.evidenceId}`;
  });
}

describe('buildOutline', () => {
  it('nests pros before cons under each claim, from the roots down', () => {
    const map = mapView({
      claims: [claim('t'), claim('con'), claim('pro'), claim('pro2')],
      links: [link('con', 't', 'oppose'), link('pro', 't', 'support'), link('pro2', 'pro', 'support')],
    });
    const outline = buildOutline(map);
    expect(shape(outline.roots)).toEqual([{ t: [{ pro: ['pro2'] }, 'con'] }]);
    const [thesis] = outline.roots;
    expect(thesis!.level).toBe(1);
    expect(thesis!.children.map((child) => [child.relation, child.level])).toEqual([
      ['support', 2],
      ['oppose', 2],
    ]);
    expect(outline.unlinked).toEqual([]);
    expect(outline.keyOfClaim.get('pro2')).toBe('link:pro2>pro');
  });

  it('puts evidence after the claims of the same relation', () => {
    const map = mapView({
      claims: [claim('t'), claim('a')],
      evidence: [evidence('e1'), evidence('e2')],
      links: [link('e1', 't', 'support'), link('a', 't', 'support'), link('e2', 't', 'oppose')],
    });
    expect(shape(buildOutline(map).roots)).toEqual([{ t: ['a', 'evidence:e1', 'evidence:e2'] }]);
  });

  it('lists claims not reachable from a root under unlinked, and a cycle shows a reference instead of recursing', () => {
    // a and b support each other: neither is a root.
    const map = mapView({
      claims: [claim('t'), claim('a'), claim('b')],
      links: [link('a', 'b'), link('b', 'a')],
    });
    const outline = buildOutline(map);
    expect(shape(outline.roots)).toEqual(['t']);
    expect(shape(outline.unlinked)).toEqual([{ a: [{ b: ['cycle:a'] }] }]);
  });

  it('handles a cycle below a root', () => {
    const map = mapView({
      claims: [claim('t'), claim('a'), claim('b')],
      links: [link('a', 't'), link('b', 'a'), link('a', 'b', 'oppose', 'a>b')],
    });
    expect(shape(buildOutline(map).roots)).toEqual([{ t: [{ a: [{ b: ['cycle:a'] }] }] }]);
  });

  it('expands a claim argued in two places once and refers to it elsewhere', () => {
    const map = mapView({
      claims: [claim('t1'), claim('t2'), claim('shared'), claim('leaf')],
      links: [link('shared', 't1'), link('shared', 't2', 'oppose'), link('leaf', 'shared')],
    });
    const outline = buildOutline(map);
    expect(shape(outline.roots)).toEqual([{ t1: [{ shared: ['leaf'] }] }, { t2: ['repeat:shared'] }]);
  });

  it('lists passages that argue nothing under unlinked', () => {
    const map = mapView({ claims: [claim('t')], evidence: [evidence('e9')] });
    expect(shape(buildOutline(map).unlinked)).toEqual(['evidence:e9']);
  });

  it('walks a 5,000-claim chain without overflowing the stack', () => {
    const claims = Array.from({ length: 5000 }, (_, i) => claim(`c${i}`));
    const links = claims.slice(1).map((item, i) => link(item.id, `c${i}`));
    const outline = buildOutline(mapView({ claims, links }));
    expect(outline.roots).toHaveLength(1);
    expect(outline.keyOfClaim.size).toBe(5000);
  });
});

describe('visibleItems and ancestorKeys', () => {
  const map = mapView({
    claims: [claim('t'), claim('a'), claim('b'), claim('c')],
    links: [link('a', 't'), link('b', 'a'), link('c', 't', 'oppose')],
  });
  const outline = buildOutline(map);

  it('lists items in document order and skips the children of collapsed items', () => {
    const all = visibleItems(outline.roots, () => true).map((item) => item.key);
    expect(all).toEqual(['claim:t', 'link:a>t', 'link:b>a', 'link:c>t']);
    const collapsedA = visibleItems(outline.roots, (item: ClaimItem) => item.claimId !== 'a').map((item) => item.key);
    expect(collapsedA).toEqual(['claim:t', 'link:a>t', 'link:c>t']);
  });

  it('finds the items above an item', () => {
    expect(ancestorKeys(outline, 'link:b>a')).toEqual(['claim:t', 'link:a>t']);
    expect(ancestorKeys(outline, 'claim:t')).toEqual([]);
  });
});

describe('buildOutline document order', () => {
  it('expands a claim at its first place in reading order and refers back to it afterwards', () => {
    // b argues both t and a; a comes first under t, so b is shown in full under a.
    const map = mapView({
      claims: [claim('t'), claim('a'), claim('b')],
      links: [link('a', 't'), link('b', 't'), link('b', 'a', 'oppose')],
    });
    expect(shape(buildOutline(map).roots)).toEqual([{ t: [{ a: ['b'] }, 'repeat:b'] }]);
  });
});
