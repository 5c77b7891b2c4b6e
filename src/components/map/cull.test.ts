import { describe, expect, it } from 'vitest';
import { contains, cullToRegion, regionAround, viewOf } from './cull';
import { DRAFT_NODE_ID, type MapFlowNode, type RelationFlowEdge } from './flow-elements';

const node = (id: string, x: number, y: number, extra: Partial<MapFlowNode> = {}): MapFlowNode =>
  ({ id, type: 'claim', position: { x, y }, initialWidth: 260, initialHeight: 100, data: {}, ...extra }) as MapFlowNode;
const edge = (source: string, target: string): RelationFlowEdge => ({ id: `${source}>${target}`, source, target, type: 'relation' });
const noSizes = () => null;

describe('viewport culling', () => {
  const region = { x: 0, y: 0, width: 1000, height: 1000 };

  it('keeps the nodes in the region and drops the far ones with their links', () => {
    const nodes = [node('in', 100, 100), node('edge', 950, 950), node('far', 5000, 5000), node('far2', 6000, 5000)];
    const edges = [edge('in', 'edge'), edge('far', 'far2')];
    const culled = cullToRegion(nodes, edges, region, noSizes);
    expect(culled.nodes.map((item) => item.id)).toEqual(['in', 'edge']);
    expect(culled.edges.map((item) => item.id)).toEqual(['in>edge']);
  });

  it('keeps a link that crosses the region, and both of its ends, so long links stay drawn', () => {
    const nodes = [node('left', -3000, 400), node('right', 4000, 500)];
    const culled = cullToRegion(nodes, [edge('left', 'right')], region, noSizes);
    expect(culled.nodes.map((item) => item.id)).toEqual(['left', 'right']);
    expect(culled.edges).toHaveLength(1);
  });

  it('always keeps the selection, the draft and a node being dragged', () => {
    const nodes = [
      node('selected', 9000, 9000, { selected: true }),
      node(DRAFT_NODE_ID, 9000, 0),
      node('dragged', 0, 9000, { dragging: true }),
      node('other', 9000, 4000),
    ];
    expect(cullToRegion(nodes, [], region, noSizes).nodes.map((item) => item.id)).toEqual(['selected', DRAFT_NODE_ID, 'dragged']);
  });

  it('uses measured sizes: a tall node reaching into the region is kept', () => {
    const nodes = [node('tall', 100, -900)];
    expect(cullToRegion(nodes, [], region, noSizes).nodes).toHaveLength(0);
    expect(cullToRegion(nodes, [], region, () => ({ width: 260, height: 1000 })).nodes).toHaveLength(1);
  });

  it('takes the screen and half a screen around it as the region', () => {
    const view = viewOf([-500, -200, 0.5], 1440, 900);
    expect(view).toEqual({ x: 1000, y: 400, width: 2880, height: 1800 });
    const around = regionAround(view);
    expect(around).toEqual({ x: 1000 - 1440, y: 400 - 900, width: 2880 * 2, height: 1800 * 2 });
    expect(contains(around, view)).toBe(true);
    expect(contains(around, { ...view, x: view.x + 2880 })).toBe(false);
  });
});
