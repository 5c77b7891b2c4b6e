/**
 * PNG and SVG images of the whole graph as drawn, taken from the DOM (no React Flow context
 * needed, so the export menu can live anywhere on the page): the bounds of every rendered node,
 * then html-to-image on the viewport element with a transform that fits those bounds into the
 * image — React Flow's "download image" recipe (getNodesBounds + getViewportForBounds).
 */
import { getViewportForBounds, type Rect } from '@xyflow/react';
import { toBlob, toSvg } from 'html-to-image';

export type GraphImageKind = 'png' | 'svg';

/** Room around the outermost nodes, in graph units (edges and labels stick out a little). */
const MARGIN = 48;
/** Longest side of the image in CSS pixels: large maps are scaled down to fit. */
const MAX_SIDE = 4000;
const MIN_SIDE = 240;
/** Canvas side limit in device pixels (browsers refuse much larger canvases). */
const MAX_CANVAS_SIDE = 8000;

export class GraphImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphImageError';
  }
}

/** `translate(12px, -3.5px)` (what React Flow writes on each node) → {x, y}. */
export function parseTranslate(transform: string): { x: number; y: number } | null {
  const match = /translate(?:3d)?\(\s*(-?[\d.]+(?:e[-+]?\d+)?)px\s*,\s*(-?[\d.]+(?:e[-+]?\d+)?)px/i.exec(transform);
  if (!match) return null;
  const x = Number(match[1]);
  const y = Number(match[2]);
  return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

/** The smallest rectangle holding every box; null for none. */
export function boundsOf(boxes: readonly Rect[]): Rect | null {
  if (boxes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const box of boxes) {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The graph's viewport element: the first React Flow on the page that is displayed. */
export function findGraphViewport(root: ParentNode = document): HTMLElement | null {
  const candidates = root.querySelectorAll<HTMLElement>('.react-flow__viewport');
  for (const element of candidates) if (element.getClientRects().length > 0) return element;
  return candidates[0] ?? null;
}

function nodeBoxes(viewport: HTMLElement): Rect[] {
  const boxes: Rect[] = [];
  for (const node of viewport.querySelectorAll<HTMLElement>('.react-flow__node')) {
    let position = parseTranslate(node.style.transform);
    if (!position) {
      const transform = getComputedStyle(node).transform;
      const matrix = new DOMMatrixReadOnly(transform === 'none' ? undefined : transform);
      position = { x: matrix.m41, y: matrix.m42 };
    }
    boxes.push({ x: position.x, y: position.y, width: node.offsetWidth, height: node.offsetHeight });
  }
  return boxes;
}

export interface GraphImagePlan {
  width: number;
  height: number;
  transform: string;
  nodeCount: number;
}

/** Image size and the viewport transform that fits every drawn node into it. */
export function planGraphImage(viewport: HTMLElement): GraphImagePlan {
  const boxes = nodeBoxes(viewport);
  const bounds = boundsOf(boxes);
  if (!bounds) throw new GraphImageError('The graph is empty: there is nothing to draw.');
  const padded = { x: bounds.x - MARGIN, y: bounds.y - MARGIN, width: bounds.width + 2 * MARGIN, height: bounds.height + 2 * MARGIN };
  // Natural size (zoom 1) when it fits, else scaled down so the longest side is MAX_SIDE.
  const shrink = Math.min(1, MAX_SIDE / Math.max(padded.width, padded.height));
  const width = Math.max(MIN_SIDE, Math.round(padded.width * shrink));
  const height = Math.max(MIN_SIDE, Math.round(padded.height * shrink));
  const { x, y, zoom } = getViewportForBounds(padded, width, height, 0.01, 2, 0);
  return { width, height, transform: `translate(${x}px, ${y}px) scale(${zoom})`, nodeCount: boxes.length };
}

function isDecoration(element: HTMLElement): boolean {
  // Selection rectangles and connection handles are tools, not part of the map.
  const classes = element.classList;
  return Boolean(classes && (classes.contains('react-flow__nodesselection') || classes.contains('react-flow__selection')));
}

export interface GraphImageOptions {
  /**
   * Nodes the map has. A large map draws only what is on screen (React Flow's
   * onlyRenderVisibleElements); with fewer drawn than this, the image would be partial, so the
   * export stops and says how to include everything.
   */
  expectedNodeCount?: number;
}

/**
 * Presentation properties of SVG content (edges, arrowheads, labels) that come from stylesheets.
 * html-to-image ≥ 1.11.12 clones an <svg> subtree as it is, copying computed styles only onto the
 * <svg> itself, so class-styled edges would lose their stroke (bubkoo/html-to-image#496, #516).
 */
const SVG_STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'marker-start',
  'marker-mid',
  'marker-end',
  'paint-order',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
];

/**
 * Writes the computed presentation styles of every SVG descendant into its inline style, for the
 * duration of a capture. Returns the undo: it removes exactly the properties it added, so a
 * React update of an edge's own inline style meanwhile is kept.
 */
export function inlineSvgStyles(root: Element): () => void {
  const added: [SVGElement, string][] = [];
  for (const element of root.querySelectorAll<SVGElement>('svg *')) {
    if (!(element instanceof SVGElement)) continue;
    const computed = getComputedStyle(element);
    for (const name of SVG_STYLE_PROPERTIES) {
      if (element.style.getPropertyValue(name) !== '') continue;
      const value = computed.getPropertyValue(name);
      if (!value) continue;
      element.style.setProperty(name, value);
      added.push([element, name]);
    }
  }
  return () => {
    for (const [element, name] of added) element.style.removeProperty(name);
  };
}

/** Renders the graph; resolves with the image as a Blob. */
export async function renderGraphImage(
  kind: GraphImageKind,
  viewport: HTMLElement | null = findGraphViewport(),
  options: GraphImageOptions = {},
): Promise<Blob> {
  if (!viewport) throw new GraphImageError('Switch to the graph to export an image.');
  const plan = planGraphImage(viewport);
  if (options.expectedNodeCount !== undefined && plan.nodeCount < options.expectedNodeCount) {
    throw new GraphImageError(
      `Only ${plan.nodeCount} of ${options.expectedNodeCount} nodes are drawn: a large map draws what is on screen. Press “Fit view”, then export again.`,
    );
  }
  const drawing = {
    backgroundColor: '#ffffff',
    width: plan.width,
    height: plan.height,
    style: { width: `${plan.width}px`, height: `${plan.height}px`, transform: plan.transform },
    filter: (element: HTMLElement) => !isDecoration(element),
    // Crux uses system fonts; fetching stylesheets for web fonts would only slow this down.
    skipFonts: true,
  };
  const restore = inlineSvgStyles(viewport);
  try {
    if (kind === 'svg') {
      const dataUrl = await toSvg(viewport, drawing);
      const svg = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
      return new Blob([svg], { type: 'image/svg+xml' });
    }
    const pixelRatio = Math.max(1, Math.min(2, MAX_CANVAS_SIDE / Math.max(plan.width, plan.height)));
    const blob = await toBlob(viewport, { ...drawing, pixelRatio });
    if (!blob) throw new GraphImageError('The browser could not draw the image.');
    return blob;
  } finally {
    restore();
  }
}

/** Saves a Blob under `fileName` through a temporary link (works for data the page made itself). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Draws the whole graph as a PNG or SVG and downloads it as `fileName`. */
export async function exportGraphImage(kind: GraphImageKind, fileName: string, options: GraphImageOptions = {}): Promise<void> {
  const blob = await renderGraphImage(kind, findGraphViewport(), options);
  downloadBlob(blob, fileName);
}
