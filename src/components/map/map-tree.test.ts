import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactLayout, MAX_COLUMNS } from './compact-layout';
import { freeSpot, nodeBoxes, placeUnpositioned, positionForNewClaim } from './flow-elements';
import { collapseToLevel, defaultCollapsed, hiddenNodes, mapTree, pathToRoot, visibleMap } from './map-tree';
import { estimateNodeSize } from './node-size';
import { claim, evidence, link, mapView } from './test-map';

/** A thesis with `fan` arguments, each with `per` claims below it (and one passage on the first). */
function fanMap(fan: number, per: number) {
  const claims = [claim('t', 'The thesis')];
  const links = [];
  for (let i = 0; i < fan; i += 1) {
    claims.push(claim(`a${i}`));
    links.push(link(`a${i}`, 't', i % 2 ? 'oppose' : 'support'));
    for (let j = 0; j < per; j += 1) {
      claims.push(claim(`a${i}-${j}`));
      links.push(link(`a${i}-${j}`, `a${i}`));
    }
  }
  links.push(link('e1', 'a0'));
  return mapView({ claims, links, evidence: [evidence('e1')] });
}

describe('mapTree', () => {
  it('hangs every node under its first parent, supporters first, and counts what is below', () => {
    const map = mapView({
      claims: [claim('t'), claim('con'), claim('pro'), claim('deep')],
      links: [link('con', 't', 'oppose'), link('pro', 't'), link('deep', 'pro'), link('deep', 'con')],
    });
    const tree = mapTree(map);
    expect(tree.roots).toEqual(['t']);
    expect(tree.childrenOf.get('t')).toEqual(['pro', 'con']);
    expect(tree.parentOf.get('deep')).toBe('pro');
    expect(tree.descendantCount.get('t')).toBe(3);
    expect(pathToRoot(map, 'deep')).toEqual(['t', 'pro', 'deep']);
  });

  it('terminates on cycles', () => {
    const map = mapView({ claims: [claim('a'), claim('b')], links: [link('a', 'b'), link('b', 'a')] });
    expect(mapTree(map).roots).toEqual(['a']);
    expect(pathToRoot(map, 'b')).toEqual(['a', 'b']);
  });
});

describe('collapse', () => {
  it('a map over 60 nodes opens with the thesis and its arguments when two levels would be too many', () => {
    const map = fanMap(10, 6); // 1 + 10 + 60 claims + 1 passage
    const collapsed = defaultCollapsed(map);
    expect(collapsed).toEqual(collapseToLevel(map, 1));
    const shown = visibleMap(map, hiddenNodes(map, collapsed));
    expect(shown.claims.map((c) => c.id).sort()).toEqual(['t', ...Array.from({ length: 10 }, (_, i) => `a${i}`)].sort());
    expect(shown.links).toHaveLength(10);
  });

  it('small maps open fully expanded; a collapsed node hides its whole subtree only', () => {
    const map = fanMap(3, 2);
    expect(defaultCollapsed(map).size).toBe(0);
    const hidden = hiddenNodes(map, new Set(['a0']));
    expect([...hidden].sort()).toEqual(['a0-0', 'a0-1', 'e1']);
  });
});

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('compactLayout', () => {
  it('puts ten leaf arguments in staggered rows of at most four below the thesis, none overlapping', () => {
    const map = fanMap(10, 6);
    const shown = visibleMap(map, hiddenNodes(map, collapseToLevel(map, 1)));
    const positions = compactLayout(map, shown, () => null);
    expect(positions.size).toBe(11);
    const size = (id: string) => estimateNodeSize('claim', shown.claims.find((c) => c.id === id)!.text);
    const boxes = [...positions].map(([id, p]) => ({ id, ...p, ...size(id) }));
    for (const a of boxes) for (const b of boxes) if (a.id !== b.id) expect(overlap(a, b)).toBe(false);
    const rows = new Map<number, number>();
    for (const box of boxes.filter((b) => b.id !== 't')) rows.set(box.y, (rows.get(box.y) ?? 0) + 1);
    expect(rows.size).toBe(3);
    for (const count of rows.values()) expect(count).toBeLessThanOrEqual(MAX_COLUMNS);
    const thesis = positions.get('t')!;
    for (const box of boxes) if (box.id !== 't') expect(box.y).toBeGreaterThan(thesis.y);
    // About as wide as a laptop screen shows at a legible zoom.
    const width = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
    expect(width).toBeLessThan(1500);
  });
});

describe('placement of new nodes', () => {
  it('property: freeSpot never returns a spot overlapping an existing box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: -800, max: 800 }), y: fc.integer({ min: -800, max: 800 }) }), { maxLength: 40 }),
        fc.record({ x: fc.integer({ min: -800, max: 800 }), y: fc.integer({ min: -800, max: 800 }) }),
        (points, desired) => {
          const boxes = points.map((p) => ({ ...p, width: 260, height: 100 }));
          const spot = freeSpot(boxes, desired, { width: 260, height: 130 });
          for (const box of boxes) expect(overlap({ ...spot, width: 260, height: 130 }, box)).toBe(false);
        },
      ),
    );
  });

  it('a new argument and a quoted passage land clear of nodes already in their usual slot', () => {
    const map = mapView({
      claims: [claim('t', 'Thesis', { x: 0, y: 0 }), claim('p', 'Pro', { x: 0, y: 200 }), claim('x', 'In the way', { x: 300, y: 180 })],
      links: [link('p', 't'), link('e1', 'p')],
      evidence: [evidence('e1')],
    });
    const boxes = nodeBoxes(map);
    const spot = positionForNewClaim(map, 't');
    for (const box of boxes) expect(overlap({ ...spot, width: 260, height: 130 }, box)).toBe(false);
    const placed = placeUnpositioned(map).get('e1')!;
    const size = estimateNodeSize('evidence', 'Quoted passage e1');
    for (const box of boxes) expect(overlap({ ...placed, ...size }, box)).toBe(false);
  });
});
