/**
 * How the reader turns a source's text into DOM, and DOM selections back into offsets.
 *
 * Offsets everywhere in Crux are UTF-16 code units of the stored (NFC, `\n`) source text, i.e.
 * JavaScript string indices — the unit DOM Text nodes and `Range` offsets use too, so the browser
 * and the server count the same way (curly quotes, CJK, emoji included; an emoji is 2 units).
 *
 * Rendering: the text is split into paragraphs at blank lines (the separators are not rendered),
 * and each paragraph into segments at every passage boundary. Every segment is one element whose
 * only child is one Text node holding exactly `text.slice(start, end)`, and which carries
 * `data-seg`, `data-start` and `data-end`. Overlapping passages therefore never nest: a segment
 * lists all passages covering it (`data-evidence="id1 id2"`) and is styled from that list.
 *
 * Mapping a selection back: a Range boundary inside a segment's Text node is
 * `data-start + offset`; a boundary between elements (a triple click ends at the start of the next
 * paragraph, a drag may end on the paragraph itself) snaps to the next segment's start (for the
 * range's start) or the previous segment's end (for its end). See {@link rangeToOffsets}.
 */
import type { TRelation } from '@/shared/schemas/claim';

export type PassageTone = TRelation | 'mixed' | 'none' | 'hit';

export interface PassageRange {
  id: string;
  start: number;
  end: number;
  tone: PassageTone;
}

export interface TextSegment {
  start: number;
  end: number;
  text: string;
  /** Passages covering this segment, outermost (earliest start, longest) first. */
  passageIds: string[];
  /** Passages that begin in this segment (their first segment takes keyboard focus). */
  startsPassageIds: string[];
}

export interface TextParagraph {
  start: number;
  end: number;
  segments: TextSegment[];
}

/** Paragraphs are separated by one or more blank lines (lines holding only spaces or tabs count). */
const PARAGRAPH_BREAK = /\n(?:[ \t]*\n)+/g;

export function splitParagraphs(text: string): { start: number; end: number }[] {
  const paragraphs: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(PARAGRAPH_BREAK)) {
    if (match.index > start) paragraphs.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) paragraphs.push({ start, end: text.length });
  return paragraphs;
}

/** Splits the text into paragraphs of segments at every boundary of the given passages. */
export function buildParagraphs(text: string, passages: readonly PassageRange[]): TextParagraph[] {
  const valid = passages
    .filter((p) => Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.end <= text.length && p.end > p.start)
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let firstCandidate = 0;
  return splitParagraphs(text).map(({ start, end }) => {
    // Passages are sorted by start: the first ones that ended before this paragraph never matter again.
    while (firstCandidate < valid.length && valid[firstCandidate]!.end <= start) firstCandidate++;
    const inside: PassageRange[] = [];
    for (let i = firstCandidate; i < valid.length && valid[i]!.start < end; i++) {
      const p = valid[i]!;
      if (p.end > start) inside.push(p);
    }
    const cuts = new Set<number>([start, end]);
    for (const p of inside) {
      cuts.add(Math.max(start, p.start));
      cuts.add(Math.min(end, p.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segments: TextSegment[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const covering = inside.filter((p) => p.start < b && p.end > a);
      segments.push({
        start: a,
        end: b,
        text: text.slice(a, b),
        passageIds: covering.map((p) => p.id),
        startsPassageIds: covering.filter((p) => p.start === a).map((p) => p.id),
      });
    }
    return { start, end, segments };
  });
}

/** The tone of a segment covered by these passages. */
export function segmentTone(passageIds: readonly string[], toneById: ReadonlyMap<string, PassageTone>) {
  let support = 0;
  let oppose = 0;
  let none = 0;
  let hit = false;
  for (const id of passageIds) {
    const tone = toneById.get(id);
    if (tone === 'support') support++;
    else if (tone === 'oppose') oppose++;
    else if (tone === 'mixed') {
      support++;
      oppose++;
    } else if (tone === 'hit') hit = true;
    else none++;
  }
  return { support, oppose, none, hit, depth: passageIds.length - (hit ? 1 : 0) };
}

// ---------------------------------------------------------------------------------------------
// DOM → offsets
// ---------------------------------------------------------------------------------------------

const SEGMENT_SELECTOR = '[data-seg]';

function segmentOf(node: Node | null, root: Element): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  const segment = element?.closest<HTMLElement>(SEGMENT_SELECTOR) ?? null;
  return segment && root.contains(segment) ? segment : null;
}

const startOf = (segment: HTMLElement) => Number(segment.dataset.start);
const endOf = (segment: HTMLElement) => Number(segment.dataset.end);

/**
 * The source offset of one Range boundary. `side` says which end of the range it is, which decides
 * where a boundary between segments snaps to.
 */
export function boundaryToOffset(root: Element, node: Node, offset: number, side: 'start' | 'end', textLength: number): number {
  const segment = segmentOf(node, root);
  if (segment) {
    if (node.nodeType === Node.TEXT_NODE) return Math.min(startOf(segment) + offset, endOf(segment));
    // A boundary on the segment element itself: before or after its single Text node.
    return offset === 0 ? startOf(segment) : endOf(segment);
  }
  const segments = Array.from(root.querySelectorAll<HTMLElement>(SEGMENT_SELECTOR));
  if (segments.length === 0) return 0;
  const doc = root.ownerDocument;
  const point = doc.createRange();
  try {
    point.setStart(node, offset);
  } catch {
    return side === 'start' ? 0 : textLength;
  }
  point.collapse(true);
  if (side === 'start') {
    // First segment that starts at or after the boundary.
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (point.comparePoint(segments[mid]!, 0) >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo < segments.length ? startOf(segments[lo]!) : textLength;
  }
  // Last segment that ends at or before the boundary.
  let lo = -1;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const seg = segments[mid]!;
    if (point.comparePoint(seg, seg.childNodes.length) <= 0) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 0 ? endOf(segments[lo]!) : 0;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

/**
 * The selection `range` as offsets into `text` (the text the root renders), with whitespace at the
 * edges left out as the server does; null when it selects nothing of the text.
 */
export function rangeToOffsets(root: Element, range: Range, text: string): { start: number; end: number } | null {
  if (!range.intersectsNode(root)) return null;
  let start = boundaryToOffset(root, range.startContainer, range.startOffset, 'start', text.length);
  let end = boundaryToOffset(root, range.endContainer, range.endOffset, 'end', text.length);
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}
