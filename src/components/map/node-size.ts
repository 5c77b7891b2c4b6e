/** Node sizes before React Flow has measured them (kept free of React so scripts can lay out maps). */
export const NODE_WIDTH = 260;

const CLAIM_SIZES = [1, 2, 3, 4].map((lines) => Object.freeze({ width: NODE_WIDTH, height: 62 + lines * 20 }));
const EVIDENCE_SIZES = [1, 2, 3, 4].map((lines) => Object.freeze({ width: NODE_WIDTH, height: 78 + lines * 20 }));

function newlineCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && count < 4; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * Approximate rendered size, for layout before React Flow has measured a node. Runs for every node
 * on every change of a big map, so it allocates nothing: one of four shared (frozen) sizes.
 */
export function estimateNodeSize(kind: 'claim' | 'evidence', text: string): { width: number; height: number } {
  const charsPerLine = 34;
  const lines = Math.min(4, Math.max(1, Math.ceil(text.length / charsPerLine) + newlineCount(text)));
  return (kind === 'claim' ? CLAIM_SIZES : EVIDENCE_SIZES)[lines - 1]!;
}
