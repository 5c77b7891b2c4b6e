// The tree arrangement of a very big map (see computeTreeLayout in layout.ts), off the main thread.
import { treeLayoutMoves, type TreeLayoutRequest } from './tree-layout';

self.onmessage = (event: MessageEvent<TreeLayoutRequest>) => {
  self.postMessage(treeLayoutMoves(event.data));
};
