/** Node sizes before React Flow has measured them (kept free of React so scripts can lay out maps). */
export const NODE_WIDTH = 260;

/** Approximate rendered size, for layout before React Flow has measured a node. */
export function estimateNodeSize(kind: 'claim' | 'evidence', text: string): { width: number; height: number } {
  const charsPerLine = 34;
  const lines = Math.min(4, Math.max(1, Math.ceil(text.length / charsPerLine) + (text.match(/\n/g)?.length ?? 0)));
  return kind === 'claim' ? { width: NODE_WIDTH, height: 62 + lines * 20 } : { width: NODE_WIDTH, height: 78 + lines * 20 };
}
