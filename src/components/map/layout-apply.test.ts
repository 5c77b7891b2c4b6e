import { describe, expect, it } from 'vitest';
import type { NodeMove } from './map-cache';
import { movesToSave, showInSlices, slicesOf, withoutIds } from './layout-apply';

const move = (id: string, x: number, y = 0, kind: NodeMove['kind'] = 'claim'): NodeMove => ({ id, kind, x, y });

describe('slicesOf', () => {
  it('cuts a list into slices of the given size, the last one shorter', () => {
    expect(slicesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(slicesOf([], 2)).toEqual([]);
  });
});

describe('showInSlices', () => {
  it('shows a growing set of positions, one slice per frame, and resolves with all of them', async () => {
    const moves = Array.from({ length: 5 }, (_, i) => move(`c${i}`, i * 10));
    const shownSizes: number[] = [];
    let frames = 0;
    const shown = await showInSlices({
      moves,
      sliceSize: 2,
      show: (positions) => shownSizes.push(positions.size),
      nextFrame: async () => void (frames += 1),
    });
    expect(shownSizes).toEqual([2, 4, 5]);
    expect(frames).toBe(3);
    expect(shown && [...shown.keys()]).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(shown && shown.get('c3')).toEqual({ x: 30, y: 0 });
  });

  it('leaves out a node dropped meanwhile and stops when cancelled', async () => {
    const dropped = new Set<string>();
    let calls = 0;
    const shown = await showInSlices({
      moves: [move('a', 1), move('b', 2), move('c', 3), move('d', 4)],
      sliceSize: 2,
      isDropped: (id) => dropped.has(id),
      show: () => (calls += 1),
      nextFrame: async () => void dropped.add('c'),
    });
    expect(shown && [...shown.keys()]).toEqual(['a', 'b', 'd']);
    expect(calls).toBe(2);

    let isCancelled = false;
    const cancelled = await showInSlices({
      moves: [move('a', 1), move('b', 2)],
      sliceSize: 1,
      show: () => {},
      isCancelled: () => isCancelled,
      nextFrame: async () => void (isCancelled = true),
    });
    expect(cancelled).toBe(false);
  });
});

describe('movesToSave', () => {
  const saved = new Map<string, { x: number | null; y: number | null }>([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 5, y: 5 }],
    ['dragged', { x: 7, y: 7 }],
    ['unplaced', { x: null, y: null }],
    ['e1', { x: 9, y: 9 }],
  ]);
  const options = {
    droppedIds: new Set(['dragged']),
    positionOf: (item: NodeMove) => saved.get(item.id),
    isPending: (id: string) => id.startsWith('pending-'),
  };

  it('saves the layout less what the user moved meanwhile, what is gone and what is not saved yet', () => {
    const layout = [
      move('a', 100, 100),
      move('b', 5, 5), // already there
      move('dragged', 300, 300),
      move('deleted', 400, 400),
      move('pending-1', 500, 500),
      move('unplaced', 600, 600),
      move('e1', 700, 700, 'evidence'),
    ];
    const { moves, previous } = movesToSave(layout, options);
    expect(moves.map((item) => item.id)).toEqual(['a', 'unplaced', 'e1']);
    // Undo puts back where each node was; a node that had no position has nothing to go back to.
    expect(previous).toEqual([move('a', 0, 0), move('e1', 9, 9, 'evidence')]);
  });
});

describe('withoutIds', () => {
  it('drops the given ids, keeping the same map when none is in it and nothing when it empties', () => {
    const positions = new Map([
      ['a', { x: 1, y: 1 }],
      ['b', { x: 2, y: 2 }],
    ]);
    expect(withoutIds(positions, [{ id: 'z' }])).toBe(positions);
    expect([...withoutIds(positions, [{ id: 'a' }])!.keys()]).toEqual(['b']);
    expect(withoutIds(positions, [{ id: 'a' }, { id: 'b' }])).toBeUndefined();
    expect(withoutIds(undefined, [{ id: 'a' }])).toBeUndefined();
  });
});
