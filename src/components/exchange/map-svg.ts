/**
 * The map as a native SVG drawing: boxes (`rect`), links (`path`) and wrapped text (`text` with
 * one `tspan` per line), with the map's title on top. No `foreignObject`, no CSS, no scripts, so
 * Inkscape, LibreOffice, Word, Google Docs, Illustrator and rsvg/resvg draw it the same way.
 * Plain TypeScript without the DOM: the browser passes where each node is drawn, tests pass a
 * layout of their own.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { truncate } from '@/shared/truncate';

export interface NodePlacement {
  /** Top-left corner, in graph units. */
  x: number;
  y: number;
  /** Drawn width; the height follows from the wrapped text. */
  width?: number;
}

export interface MapSvg {
  svg: string;
  width: number;
  height: number;
}

const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
const NODE_WIDTH = 260;
const PADDING = 12;
const FONT_SIZE = 13;
const LINE_HEIGHT = 17;
const SMALL_SIZE = 10.5;
const SMALL_LINE = 14;
/** Long claims are cut in the picture (the text formats keep them whole). */
const MAX_LINES = 12;
const MARGIN = 40;
const TITLE_SIZE = 22;
const TITLE_LINE = 28;

const COLORS = {
  support: '#1f7a3d',
  oppose: '#b3261e',
  claimFill: '#ffffff',
  claimStroke: '#9a988f',
  evidenceFill: '#f6f3ea',
  evidenceStroke: '#b9ab85',
  text: '#1d1d1b',
  muted: '#5f5e58',
  tagFill: '#f0efe9',
};

/** Approximate advance of one character in em, for a sans-serif face (wrapping needs no font metrics to be exact). */
function charWidth(c: string): number {
  if (c === ' ') return 0.32;
  if ("il.,:;|!'’`".includes(c)) return 0.28;
  if ('fjrtI()[]{}/-'.includes(c)) return 0.38;
  if ('mwMW@%'.includes(c)) return 0.9;
  if (c >= 'A' && c <= 'Z') return 0.68;
  if (c >= '0' && c <= '9') return 0.58;
  const code = c.codePointAt(0) ?? 0;
  // CJK and other wide scripts.
  if (code >= 0x2e80) return 1;
  return 0.56;
}

/** A node box's outer width (at least 120) and the width its text wraps in. */
function boxWidths(at: { width?: number }): { width: number; inner: number } {
  const width = Math.max(120, at.width ?? NODE_WIDTH);
  return { width, inner: width - 2 * PADDING };
}

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  // Widest of the usual faces (DejaVu Sans, Verdana-like): text then fits in any of them.
  return em * fontSize * 1.1;
}

/** Greedy word wrap to `maxWidth`, breaking words longer than a line; at most `maxLines` (the last ends in "…"). */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const rawWord of paragraph.split(/[ \t]+/).filter(Boolean)) {
      let word = rawWord;
      while (textWidth(word, fontSize) > maxWidth) {
        // Break an over-long word (a URL, say) where it fills the line.
        let cut = 1;
        const chars = [...word];
        while (cut < chars.length && textWidth(chars.slice(0, cut + 1).join(''), fontSize) <= maxWidth) cut++;
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(chars.slice(0, cut).join(''));
        word = chars.slice(cut).join('');
      }
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, fontSize) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${truncate(last, Math.max(1, last.length - 1))}…`.replace(/……$/, '…');
  return kept;
}

/** Text safe inside XML: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const n = (value: number) => String(Math.round(value * 10) / 10);

interface Box {
  id: string;
  kind: 'claim' | 'evidence';
  x: number;
  y: number;
  width: number;
  height: number;
  body: string;
}

function textBlock(lines: string[], x: number, y: number, size: number, lineHeight: number, attrs: string): string {
  if (lines.length === 0) return '';
  const spans = lines.map((line, i) => `<tspan x="${n(x)}" y="${n(y + i * lineHeight)}">${xmlText(line) || ' '}</tspan>`).join('');
  return `<text font-family="${FONT}" font-size="${size}" ${attrs}>${spans}</text>`;
}

/**
 * Draws `map` with each node at `placements.get(id)` (nodes without one are left out). The
 * drawing's coordinates are the graph's, shifted so the picture starts at its margin.
 */
export function buildMapSvg(
  map: Pick<MapView, 'map' | 'claims' | 'evidence' | 'links' | 'sources'>,
  placements: ReadonlyMap<string, NodePlacement>,
): MapSvg {
  const sourceTitle = new Map(map.sources.map((s) => [s.id, s.title]));
  const boxes = new Map<string, Box>();

  for (const claim of map.claims) {
    const at = placements.get(claim.id);
    if (!at) continue;
    const { width, inner } = boxWidths(at);
    let y = PADDING;
    let body = '';
    if (claim.title) {
      const titleLines = wrapText(claim.title.toUpperCase(), inner, SMALL_SIZE, 2);
      body += textBlock(titleLines, PADDING, y + SMALL_SIZE, SMALL_SIZE, SMALL_LINE, `font-weight="bold" fill="${COLORS.muted}"`);
      y += titleLines.length * SMALL_LINE + 2;
    }
    const lines = wrapText(claim.text, inner, FONT_SIZE);
    body += textBlock(lines, PADDING, y + FONT_SIZE, FONT_SIZE, LINE_HEIGHT, `fill="${COLORS.text}"`);
    y += lines.length * LINE_HEIGHT;
    const tags = claim.tags ?? [];
    if (tags.length > 0) {
      const tagLines = wrapText(tags.map((tag) => `#${tag}`).join('  '), inner, SMALL_SIZE, 2);
      body += textBlock(tagLines, PADDING, y + 4 + SMALL_SIZE, SMALL_SIZE, SMALL_LINE, `fill="${COLORS.muted}"`);
      y += 4 + tagLines.length * SMALL_LINE;
    }
    boxes.set(claim.id, { id: claim.id, kind: 'claim', x: at.x, y: at.y, width, height: y + PADDING, body });
  }

  for (const item of map.evidence) {
    const at = placements.get(item.id);
    if (!at) continue;
    const { width, inner } = boxWidths(at);
    let y = PADDING;
    const quote = wrapText(`“${item.exact.replace(/\s+/g, ' ').trim()}”`, inner, FONT_SIZE, 8);
    let body = textBlock(quote, PADDING, y + FONT_SIZE, FONT_SIZE, LINE_HEIGHT, `font-style="italic" fill="${COLORS.text}"`);
    y += quote.length * LINE_HEIGHT;
    const title = sourceTitle.get(item.sourceId);
    if (title) {
      const sourceLines = wrapText(`— ${title}`, inner, SMALL_SIZE, 2);
      body += textBlock(sourceLines, PADDING, y + 4 + SMALL_SIZE, SMALL_SIZE, SMALL_LINE, `fill="${COLORS.muted}"`);
      y += 4 + sourceLines.length * SMALL_LINE;
    }
    boxes.set(item.id, { id: item.id, kind: 'evidence', x: at.x, y: at.y, width, height: y + PADDING, body });
  }

  // Bounds of everything, then the title above.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const box of boxes.values()) {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }
  if (boxes.size === 0) {
    minX = 0;
    minY = 0;
    maxX = 400;
    maxY = 0;
  }
  const graphWidth = maxX - minX;
  const width = Math.ceil(Math.max(graphWidth, 400) + 2 * MARGIN);
  const titleLines = wrapText(map.map.title, width - 2 * MARGIN, TITLE_SIZE, 3);
  const header = MARGIN + titleLines.length * TITLE_LINE + 16;
  const height = Math.ceil(header + (maxY - minY) + MARGIN);
  const dx = MARGIN - minX + (Math.max(graphWidth, 400) - graphWidth) / 2;
  const dy = header - minY;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${xmlText(map.map.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    textBlock(titleLines, MARGIN, MARGIN + TITLE_SIZE, TITLE_SIZE, TITLE_LINE, `font-weight="bold" fill="${COLORS.text}"`),
  );

  // Links first, so boxes sit on top of their ends.
  const edges: string[] = [];
  const badges: string[] = [];
  for (const link of map.links) {
    const from = boxes.get(link.fromClaimId ?? link.fromEvidenceId ?? '');
    const to = boxes.get(link.toClaimId);
    if (!from || !to || from === to) continue;
    const isSupport = link.relation === 'support';
    const color = isSupport ? COLORS.support : COLORS.oppose;
    // From the arguing node's top edge to the bottom edge of the claim it argues about (or the
    // other way round when the layout put it above).
    const below = from.y >= to.y + to.height;
    const sx = from.x + dx + from.width / 2;
    const sy = from.y + dy + (below ? 0 : from.height);
    const tx = to.x + dx + to.width / 2;
    const ty = to.y + dy + (below ? to.height : 0);
    const my = (sy + ty) / 2;
    const arrow = below ? 1 : -1;
    const tip = ty + arrow * 1;
    const dash = isSupport ? '' : ' stroke-dasharray="7 5"';
    const tooltip = `${isSupport ? 'Supports' : 'Opposes'}${link.scheme ? ` — ${xmlText(link.scheme)}` : ''}`;
    const curve = `M ${n(sx)} ${n(sy)} C ${n(sx)} ${n(my)} ${n(tx)} ${n(my)} ${n(tx)} ${n(ty + arrow * 8)}`;
    const head = `M ${n(tx)} ${n(tip)} L ${n(tx - 6)} ${n(tip + arrow * 11)} L ${n(tx + 6)} ${n(tip + arrow * 11)} Z`;
    edges.push(
      `<path d="${curve}" fill="none" stroke="${color}" stroke-width="2"${dash}><title>${tooltip}</title></path>`,
      `<path d="${head}" fill="${color}"/>`,
    );
    const bx = (sx + tx) / 2;
    const by = my;
    badges.push(
      `<circle cx="${n(bx)}" cy="${n(by)}" r="10" fill="#ffffff" stroke="${color}" stroke-width="2"/>`,
      `<text x="${n(bx)}" y="${n(by + 5)}" font-family="${FONT}" font-size="16" font-weight="bold" text-anchor="middle" ` +
        `fill="${color}">${isSupport ? '+' : '−'}</text>`,
    );
  }
  parts.push(`<g>${edges.join('')}</g>`);

  for (const box of boxes.values()) {
    const isClaim = box.kind === 'claim';
    parts.push(
      `<g transform="translate(${n(box.x + dx)} ${n(box.y + dy)})">` +
        `<rect x="0" y="0" width="${n(box.width)}" height="${n(box.height)}" rx="8" ry="8" ` +
        `fill="${isClaim ? COLORS.claimFill : COLORS.evidenceFill}" ` +
        `stroke="${isClaim ? COLORS.claimStroke : COLORS.evidenceStroke}" stroke-width="1.2"/>` +
        box.body +
        `</g>`,
    );
  }
  parts.push(`<g>${badges.join('')}</g>`, '</svg>');
  return { svg: `${parts.join('\n')}\n`, width, height };
}
