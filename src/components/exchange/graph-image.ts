/**
 * PNG and SVG images of the whole map as the graph draws it. The SVG is drawn natively from the
 * map (map-svg.ts: boxes, paths, wrapped text, the title), with each node where the graph shows
 * it (read from the DOM, so no React Flow context is needed and the export menu can live
 * anywhere); nodes the graph does not draw (a large map draws what is on screen) are placed from
 * the map's saved positions. The PNG is that SVG drawn onto a canvas, so the two always agree and
 * neither carries UI-only text such as "Open in source".
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { placeUnpositioned } from '@/components/map/flow-elements';
import { buildMapSvg, type NodePlacement } from './map-svg';

export type GraphImageKind = 'png' | 'svg';

/** Canvas side limit in device pixels (browsers refuse much larger canvases). */
const MAX_CANVAS_SIDE = 8000;
/** Canvas area limit in device pixels (Chromium and Safari refuse beyond about 268 million). */
const MAX_CANVAS_AREA = 120_000_000;

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

/** The graph's viewport element: the first React Flow on the page that is displayed. */
export function findGraphViewport(root: ParentNode = document): HTMLElement | null {
  const candidates = root.querySelectorAll<HTMLElement>('.react-flow__viewport');
  for (const element of candidates) if (element.getClientRects().length > 0) return element;
  return candidates[0] ?? null;
}

/** Where the graph draws each node: its id, top-left corner and width, from the rendered nodes. */
export function drawnPlacements(viewport: ParentNode): Map<string, NodePlacement> {
  const placements = new Map<string, NodePlacement>();
  for (const node of viewport.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')) {
    const id = node.dataset.id;
    if (!id) continue;
    let position = parseTranslate(node.style.transform);
    if (!position) {
      const transform = getComputedStyle(node).transform;
      const matrix = new DOMMatrixReadOnly(transform === 'none' ? undefined : transform);
      position = { x: matrix.m41, y: matrix.m42 };
    }
    placements.set(id, { x: position.x, y: position.y, ...(node.offsetWidth > 0 && { width: node.offsetWidth }) });
  }
  return placements;
}

/** Drawn positions first, then saved ones, then the same fallback the graph uses for unplaced nodes. */
export function mapPlacements(map: MapView, drawn: ReadonlyMap<string, NodePlacement>): Map<string, NodePlacement> {
  const placements = new Map(drawn);
  const missing = [...map.claims, ...map.evidence].filter((item) => !placements.has(item.id));
  if (missing.length === 0) return placements;
  const fallback = placeUnpositioned(map);
  for (const item of missing) {
    const at = item.x !== null && item.y !== null ? { x: item.x, y: item.y } : fallback.get(item.id);
    if (at) placements.set(item.id, at);
  }
  return placements;
}

/** Draws an SVG onto a canvas and returns it as a PNG (twice the size where the canvas allows). */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const scale = Math.max(0.1, Math.min(2, MAX_CANVAS_SIDE / Math.max(width, height), Math.sqrt(MAX_CANVAS_AREA / (width * height))));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new GraphImageError('The browser could not draw the image.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new GraphImageError('The browser could not draw the image.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new GraphImageError('The browser could not draw the image.');
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Waits (up to 20 s) while the graph is still placing its nodes, so the picture shows the final layout. */
async function untilArranged(viewport: HTMLElement): Promise<void> {
  const graph = viewport.closest('.map-graph');
  for (let waited = 0; graph?.classList.contains('is-arranging'); waited += 100) {
    if (waited >= 20_000) throw new GraphImageError('The map is still being arranged. Try again in a moment.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Renders the map; resolves with the image as a Blob. */
export async function renderGraphImage(
  kind: GraphImageKind,
  map: MapView,
  viewport: HTMLElement | null = findGraphViewport(),
): Promise<Blob> {
  if (!viewport) throw new GraphImageError('Switch to the graph to export an image.');
  if (map.claims.length + map.evidence.length === 0) throw new GraphImageError('The graph is empty: there is nothing to draw.');
  await untilArranged(viewport);
  const { svg, width, height } = buildMapSvg(map, mapPlacements(map, drawnPlacements(viewport)));
  if (kind === 'svg') return new Blob([svg], { type: 'image/svg+xml' });
  return svgToPng(svg, width, height);
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

/** Draws the whole map as a PNG or SVG and downloads it as `fileName`. */
export async function exportGraphImage(kind: GraphImageKind, map: MapView, fileName: string): Promise<void> {
  const blob = await renderGraphImage(kind, map, findGraphViewport());
  downloadBlob(blob, fileName);
}
