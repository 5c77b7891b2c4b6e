/**
 * Putting a finished layout on screen without one long task. Moving 2,000 nodes in one render
 * (new node objects, React Flow's store, the overview canvas) blocked the page for 80–130 ms, so the
 * result is shown a slice at a time, one slice per frame, as positions that win over the saved ones
 * (the graph's `overridePositions`). Only then is it saved: one `claim.move` with every move, one
 * undo step. By then every node already stands where the saved positions put it, so the saved map
 * changes no node on screen.
 *
 * Editing while a layout is applied (the rule, see `movesToSave`): a node the user drags meanwhile
 * keeps where the user put it (its move is dropped from the layout); a node deleted or created
 * meanwhile is not part of the layout; everything else the user does goes through the outbox as
 * usual and is untouched. Others' moves that arrive meanwhile are overwritten by the layout, as if
 * it had been saved a moment later (concurrent moves: last writer wins).
 */
import type { NodeMove } from './map-cache';

/** Nodes moved per frame: a slice costs a few milliseconds, the whole 2,000-node map about 8 frames. */
export const LAYOUT_SLICE = 250;

export function slicesOf<T>(items: readonly T[], size: number = LAYOUT_SLICE): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += Math.max(1, size)) slices.push(items.slice(start, start + Math.max(1, size)));
  return slices;
}

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

export interface LayoutApplyOptions {
  moves: readonly NodeMove[];
  /** Shows the positions applied so far (every call gets a new map holding all of them). */
  show: (positions: Positions) => void;
  /** Ids whose layout move was dropped meanwhile (the user dragged them): not shown from then on. */
  isDropped?: (id: string) => boolean;
  /** Resolves when the slice shown has had a chance to render (the next frame, then a task). */
  nextFrame?: () => Promise<void>;
  /** Stop early (the graph went away). */
  isCancelled?: () => boolean;
  sliceSize?: number;
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'undefined') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/** Shows `moves` slice by slice; resolves with every position shown (false when cancelled). */
export async function showInSlices({
  moves,
  show,
  isDropped = () => false,
  nextFrame: waitForFrame = nextFrame,
  isCancelled = () => false,
  sliceSize = LAYOUT_SLICE,
}: LayoutApplyOptions): Promise<Map<string, { x: number; y: number }> | false> {
  const shown = new Map<string, { x: number; y: number }>();
  for (const slice of slicesOf(moves, sliceSize)) {
    if (isCancelled()) return false;
    for (const move of slice) if (!isDropped(move.id)) shown.set(move.id, { x: move.x, y: move.y });
    show(new Map(shown));
    await waitForFrame();
  }
  return shown;
}

/**
 * What a layout saves once it is on screen: its moves, less those of nodes the user moved during the
 * apply (the user's move wins), of nodes no longer on the map (deleted meanwhile) and of nodes not
 * saved yet (pending ids the server does not know), and with the position each node had before, for
 * undo. Nodes that already stand where the layout puts them are left out.
 */
export function movesToSave(
  moves: readonly NodeMove[],
  {
    droppedIds,
    positionOf,
    isPending,
  }: {
    droppedIds: ReadonlySet<string>;
    /** The saved position of a node on the map now; undefined when it is not on the map. */
    positionOf: (move: NodeMove) => { x: number | null; y: number | null } | undefined;
    isPending: (id: string) => boolean;
  },
): { moves: NodeMove[]; previous: NodeMove[] } {
  const kept: NodeMove[] = [];
  const previous: NodeMove[] = [];
  for (const move of moves) {
    if (droppedIds.has(move.id) || isPending(move.id)) continue;
    const at = positionOf(move);
    if (!at) continue;
    if (at.x === move.x && at.y === move.y) continue;
    kept.push(move);
    if (at.x !== null && at.y !== null) previous.push({ ...move, x: at.x, y: at.y });
  }
  return { moves: kept, previous };
}

/** The positions less those of `moves` (the same map when none of them is in it). */
export function withoutIds(positions: Positions | undefined, moves: readonly { id: string }[]): Positions | undefined {
  if (!positions || !moves.some((move) => positions.has(move.id))) return positions;
  const rest = new Map(positions);
  for (const move of moves) rest.delete(move.id);
  return rest.size > 0 ? rest : undefined;
}
