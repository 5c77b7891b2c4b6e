/**
 * Robust anchoring of quoted passages in a source's plain text.
 *
 * A passage is stored with the two W3C Web Annotation selectors:
 *  - TextQuoteSelector  { exact, prefix, suffix }
 *  - TextPositionSelector { start, end }
 * Offsets are UTF-16 code-unit indices of the JavaScript string (plain `String#slice`
 * indices, identical in the browser and in Node), `end` exclusive.
 *
 * When the source text changes, a passage is re-anchored in this order:
 *  1. `position` — the stored range still holds `exact` (and no other occurrence of `exact`
 *     has better prefix/suffix agreement, so a shifted duplicate is not mistaken for it);
 *  2. `exact`    — an exact search for `exact`, occurrences ranked by prefix/suffix agreement,
 *     then by closeness to the stored position;
 *  3. `fuzzy`    — diff-match-patch Bitap (`match_main`) locates candidate regions from the
 *     first/last ≤32 chars of the quote and from its prefix/suffix context; the exact
 *     boundaries are refined by a small semi-global edit-distance alignment, and the span is
 *     accepted only if its Levenshtein distance to `exact` is within `maxErrorRatio` of the quote
 *     length, one side of the stored prefix/suffix is still found next to it (same tolerance;
 *     waived for long, closely matching quotes), and the quote explains the candidate better than
 *     the stored context does (so a deleted quote does not jump to similar neighbouring words).
 * Otherwise the passage is orphaned (`null`). Returned ranges never split a surrogate pair.
 *
 * Pure TypeScript with a single dependency (diff-match-patch); safe to run in the browser.
 */
import DiffMatchPatch from 'diff-match-patch';

export interface QuoteSelector {
  /** The quoted text, exactly as it appears in the source text. */
  exact: string;
  /** Up to `contextLength` code units immediately before the quote. */
  prefix: string;
  /** Up to `contextLength` code units immediately after the quote. */
  suffix: string;
  /** UTF-16 offset of the first code unit of the quote. */
  start: number;
  /** UTF-16 offset just past the last code unit of the quote (exclusive). */
  end: number;
}

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface AnchorResult {
  start: number;
  end: number;
  method: AnchorMethod;
}

export interface AnchorOptions {
  /**
   * Maximum Levenshtein distance between the stored `exact` and the re-anchored span, as a
   * fraction of the quote's length (floored; fuzzy matching is disabled when it rounds to 0,
   * i.e. for quotes shorter than 1 / maxErrorRatio code units). Default {@link DEFAULT_MAX_ERROR_RATIO}.
   */
  maxErrorRatio?: number;
}

export interface ReanchorOptions extends AnchorOptions {
  /** Context length for the recomputed prefix/suffix. Default {@link DEFAULT_CONTEXT_LENGTH}. */
  contextLength?: number;
}

export interface ReanchoredQuote {
  id: string;
  /** The recomputed selectors, or `null` when the passage is orphaned. */
  selector: QuoteSelector | null;
  method: AnchorMethod | 'orphaned';
}

export const DEFAULT_CONTEXT_LENGTH = 32;

/**
 * One edit (insert / delete / substitute one UTF-16 unit) per four code units of the quote:
 * enough for typo fixes (a transposition costs 2), punctuation or quote-style changes and a
 * changed short word in a sentence, but a rewritten clause or a half-deleted quote is orphaned.
 */
export const DEFAULT_MAX_ERROR_RATIO = 0.25;

/** Bitap works on bit masks of at most this many pattern characters (diff-match-patch `Match_MaxBits`). */
const BITAP_MAX_PATTERN = 32;

// ---------------------------------------------------------------------------------------------
// Surrogate-pair helpers
// ---------------------------------------------------------------------------------------------

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `index` falls between the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}

/** Move a range start backwards / a range end forwards so the range keeps whole code points. */
const widenStart = (text: string, start: number) => (splitsSurrogatePair(text, start) ? start - 1 : start);
const widenEnd = (text: string, end: number) => (splitsSurrogatePair(text, end) ? end + 1 : end);

// ---------------------------------------------------------------------------------------------
// Building selectors
// ---------------------------------------------------------------------------------------------

/**
 * Builds the quote + position selectors for the selection `text.slice(start, end)`.
 * A boundary that falls inside a surrogate pair is widened to include the whole character;
 * the prefix/suffix are shortened instead so they never begin/end with half a pair.
 * @throws RangeError when the range is not a non-empty integer range inside the text.
 */
export function describeQuote(text: string, start: number, end: number, contextLength: number = DEFAULT_CONTEXT_LENGTH): QuoteSelector {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`Quote range must use integer offsets, got [${start}, ${end}).`);
  }
  if (start < 0 || end > text.length) {
    throw new RangeError(`Quote range [${start}, ${end}) is outside the text (valid offsets are 0..${text.length}).`);
  }
  if (end <= start) {
    throw new RangeError(`Quote range [${start}, ${end}) is empty or reversed; a quote needs at least one character.`);
  }
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`contextLength must be a non-negative integer, got ${contextLength}.`);
  }
  const s = widenStart(text, start);
  const e = widenEnd(text, end);
  let prefixStart = Math.max(0, s - contextLength);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, e + contextLength);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    exact: text.slice(s, e),
    prefix: text.slice(prefixStart, s),
    suffix: text.slice(e, suffixEnd),
    start: s,
    end: e,
  };
}

/**
 * Index of the `occurrence`-th (0-based) non-overlapping occurrence of `exact` in `text`,
 * or -1 when there are fewer occurrences (or `exact` is empty).
 */
export function findQuote(text: string, exact: string, occurrence = 0): number {
  if (!Number.isInteger(occurrence) || occurrence < 0) {
    throw new RangeError(`occurrence must be a non-negative integer, got ${occurrence}.`);
  }
  if (exact.length === 0) return -1;
  let index = text.indexOf(exact);
  for (let n = 0; n < occurrence && index !== -1; n++) {
    index = text.indexOf(exact, index + exact.length);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Anchoring
// ---------------------------------------------------------------------------------------------

/** All (possibly overlapping) start offsets of `needle` in `text`. */
function allOccurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function createMatcher(text: string): DiffMatchPatch {
  const dmp = new DiffMatchPatch();
  // Bitap score = errors / pattern length + distance from the expected spot / Match_Distance.
  // A wide Match_Distance keeps the proximity term ≤ 0.25, so a lightly edited region is still
  // found after large insertions elsewhere; Match_Threshold only generates candidates — the
  // real tolerance is the Levenshtein check on the whole span.
  dmp.Match_Threshold = 0.5;
  dmp.Match_Distance = 4 * Math.max(1000, text.length);
  // Only ever used on a quote and a span of similar length; a timeout can only overestimate
  // the distance (→ orphan), never underestimate it.
  dmp.Diff_Timeout = 0.5;
  return dmp;
}

function levenshtein(dmp: DiffMatchPatch, a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  return dmp.diff_levenshtein(dmp.diff_main(a, b, false));
}

/**
 * Edit distance between `pattern` and the best-matching run of text that starts exactly at `at`
 * (reading forwards) or ends exactly at `at` (`backwards`). The far end of the run is free, so an
 * insertion inside the context costs its length once instead of also pushing text out of a
 * fixed-size window.
 */
function anchoredDistance(pattern: string, text: string, at: number, backwards: boolean): number {
  const P = pattern.length;
  if (P === 0) return 0;
  const window = backwards ? text.slice(Math.max(0, at - 2 * P), at) : text.slice(at, at + 2 * P);
  const W = window.length;
  let prev = new Int32Array(W + 1);
  let cur = new Int32Array(W + 1);
  for (let j = 0; j <= W; j++) prev[j] = j;
  for (let i = 1; i <= P; i++) {
    const pc = pattern.charCodeAt(backwards ? P - i : i - 1);
    cur[0] = i;
    for (let j = 1; j <= W; j++) {
      const wc = window.charCodeAt(backwards ? W - j : j - 1);
      cur[j] = Math.min(prev[j - 1]! + (pc === wc ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return Math.min(...prev);
}

/** How far the text around [start, end) has drifted from the stored prefix / suffix. */
function contextErrors(text: string, selector: QuoteSelector, start: number, end: number) {
  const prefix = anchoredDistance(selector.prefix, text, start, true);
  const suffix = anchoredDistance(selector.suffix, text, end, false);
  return { prefix, suffix, total: prefix + suffix };
}

function anchorExact(text: string, selector: QuoteSelector): AnchorResult | null {
  const { exact, prefix, suffix } = selector;
  const occurrences = allOccurrences(text, exact);
  if (occurrences.length === 0) return null;

  const agreement = (s: number) =>
    commonSuffixLength(prefix, text.slice(Math.max(0, s - prefix.length), s)) +
    commonPrefixLength(suffix, text.slice(s + exact.length, s + exact.length + suffix.length));
  const scored = occurrences.map((s) => ({ s, agreement: agreement(s) }));
  let bestAgreement = 0;
  for (const c of scored) bestAgreement = Math.max(bestAgreement, c.agreement);

  const stored = selector.start;
  if (
    Number.isInteger(stored) &&
    selector.end === stored + exact.length &&
    scored.some((c) => c.s === stored && c.agreement === bestAgreement)
  ) {
    return { start: stored, end: stored + exact.length, method: 'position' };
  }

  let tied = scored.filter((c) => c.agreement === bestAgreement);
  if (tied.length > 1 && tied.length <= 64) {
    // Exact affix agreement cannot tell them apart (e.g. the character next to the quote was
    // edited): compare the whole stored context approximately.
    const withErrors = tied.map((c) => ({ ...c, errors: contextErrors(text, selector, c.s, c.s + exact.length).total }));
    const fewest = Math.min(...withErrors.map((c) => c.errors));
    tied = withErrors.filter((c) => c.errors === fewest);
  }
  const reference = Number.isFinite(stored) ? stored : 0;
  let best = tied[0]!;
  for (const c of tied) if (Math.abs(c.s - reference) < Math.abs(best.s - reference)) best = c;
  return { start: best.s, end: best.s + exact.length, method: 'exact' };
}

// --- fuzzy -----------------------------------------------------------------------------------

type CharClass = 'space' | 'word' | 'other';
function charClass(ch: string | undefined): CharClass | undefined {
  if (ch === undefined || ch === '') return undefined;
  if (/\s/u.test(ch)) return 'space';
  if (/[\p{L}\p{N}\p{M}]/u.test(ch)) return 'word';
  return 'other';
}

/**
 * Semi-global edit distance: for every j in 0..W returns the smallest edit distance between
 * `pattern` and a substring of `window` that ENDS at j (any start). With `reverse`, both strings
 * are read backwards, so entry j is the best distance of a substring STARTING at W - j.
 */
function alignmentCosts(pattern: string, window: string, reverse: boolean): Int32Array {
  const P = pattern.length;
  const W = window.length;
  let prev = new Int32Array(W + 1); // row 0: the alignment may start anywhere for free
  let cur = new Int32Array(W + 1);
  for (let i = 1; i <= P; i++) {
    const pc = pattern.charCodeAt(reverse ? P - i : i - 1);
    cur[0] = i;
    for (let j = 1; j <= W; j++) {
      const wc = window.charCodeAt(reverse ? W - j : j - 1);
      const substitute = prev[j - 1]! + (pc === wc ? 0 : 1);
      const skipPattern = prev[j]! + 1;
      const skipWindow = cur[j - 1]! + 1;
      cur[j] = Math.min(substitute, skipPattern, skipWindow);
    }
    [prev, cur] = [cur, prev];
  }
  return prev;
}

/** Refines a start estimate: where does the best approximate alignment of `head` begin? */
function refineStart(text: string, selector: QuoteSelector, head: string, estimate: number, slack: number): number {
  const from = Math.max(0, estimate - slack);
  const to = Math.min(text.length, estimate + head.length + slack);
  if (to <= from) return Math.min(Math.max(estimate, 0), text.length);
  const costs = alignmentCosts(head, text.slice(from, to), true);
  const firstClass = charClass(selector.exact[0]);
  const prefixClass = charClass(selector.prefix.at(-1));
  let best = -1;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  for (let j = 0; j < costs.length; j++) {
    const s = to - j;
    const penalty =
      (charClass(text[s]) !== firstClass ? 1 : 0) + (prefixClass !== undefined && s > 0 && charClass(text[s - 1]) !== prefixClass ? 1 : 0);
    const key: [number, number, number] = [costs[j]!, penalty, Math.abs(s - estimate)];
    if (lexLess(key, bestKey)) {
      best = s;
      bestKey = key;
    }
  }
  return best;
}

/** Refines an end estimate: where does the best approximate alignment of `tail` end? */
function refineEnd(text: string, selector: QuoteSelector, tail: string, estimate: number, slack: number): number {
  const from = Math.max(0, estimate - tail.length - slack);
  const to = Math.min(text.length, estimate + slack);
  if (to <= from) return Math.min(Math.max(estimate, 0), text.length);
  const costs = alignmentCosts(tail, text.slice(from, to), false);
  const lastClass = charClass(selector.exact.at(-1));
  const suffixClass = charClass(selector.suffix[0]);
  let best = -1;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  for (let j = 0; j < costs.length; j++) {
    const e = from + j;
    const penalty =
      (charClass(text[e - 1]) !== lastClass ? 1 : 0) +
      (suffixClass !== undefined && e < text.length && charClass(text[e]) !== suffixClass ? 1 : 0);
    const key: [number, number, number] = [costs[j]!, penalty, Math.abs(e - estimate)];
    if (lexLess(key, bestKey)) {
      best = e;
      bestKey = key;
    }
  }
  return best;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * Letters/digits of scripts that separate words with spaces. CJK, Thai, etc. are excluded:
 * a "word" there can be a whole sentence, so snapping to it would swallow unrelated text.
 */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function isSpacedWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch) && !UNSPACED_SCRIPT.test(ch);
}

const MAX_WORD_SNAP = 24;

function snapStartToWord(text: string, selector: QuoteSelector, start: number): number {
  if (!isSpacedWordChar(selector.exact[0]) || isSpacedWordChar(selector.prefix.at(-1))) return start;
  let s = start;
  while (s > 0 && start - s < MAX_WORD_SNAP && isSpacedWordChar(text[s]) && isSpacedWordChar(text[s - 1])) s--;
  return isSpacedWordChar(text[s - 1]) ? start : s;
}

function snapEndToWord(text: string, selector: QuoteSelector, end: number): number {
  if (!isSpacedWordChar(selector.exact.at(-1)) || isSpacedWordChar(selector.suffix[0])) return end;
  let e = end;
  while (e < text.length && e - end < MAX_WORD_SNAP && isSpacedWordChar(text[e - 1]) && isSpacedWordChar(text[e])) e++;
  return isSpacedWordChar(text[e]) ? end : e;
}

/**
 * How many code units of window[from, to) are matched verbatim (EQUAL diffs) by characters of
 * text1[from1, to1) in `diffs` (a diff from some text1 to the window).
 */
function verbatimCoverage(diffs: DiffMatchPatch.Diff[], from1: number, to1: number, from: number, to: number): number {
  let i1 = 0;
  let i2 = 0;
  let covered = 0;
  for (const [op, chunk] of diffs) {
    if (op === 0) {
      // Positions k with i1 + k in [from1, to1) and i2 + k in [from, to).
      const lo = Math.max(0, from1 - i1, from - i2);
      const hi = Math.min(chunk.length, to1 - i1, to - i2);
      if (hi > lo) covered += hi - lo;
    }
    if (op !== 1) i1 += chunk.length;
    if (op !== -1) i2 += chunk.length;
  }
  return covered;
}

/**
 * Is the candidate [start, end) really the quote, rather than context that looks like it?
 * Both hypotheses are diffed against the window [start - |prefix|, end + |suffix|):
 *  H1 "the quote is here": `prefix + exact + suffix`;
 *  H0 "the quote was deleted and the context closed up over the gap": `prefix + suffix`.
 * The candidate's characters must be matched verbatim by `exact` under H1 (at least half of
 * them) more than by the context under H0 — e.g. after deleting "the cats" from
 * "He saw the cats. The bats flew", the candidate "The bats" is matched by the old suffix.
 */
function quoteExplainsCandidate(dmp: DiffMatchPatch, text: string, selector: QuoteSelector, start: number, end: number): boolean {
  const { prefix, exact, suffix } = selector;
  if (prefix.length === 0 && suffix.length === 0) return true;
  const windowStart = Math.max(0, start - prefix.length);
  const window = text.slice(windowStart, end + suffix.length);
  const from = start - windowStart;
  const to = end - windowStart;
  const withQuote = dmp.diff_main(prefix + exact + suffix, window, false);
  const byQuote = verbatimCoverage(withQuote, prefix.length, prefix.length + exact.length, from, to);
  if (2 * byQuote < to - from) return false;
  const withoutQuote = dmp.diff_main(prefix + suffix, window, false);
  const byContext = verbatimCoverage(withoutQuote, 0, prefix.length + suffix.length, from, to);
  return byQuote > byContext;
}

function anchorFuzzy(text: string, selector: QuoteSelector, maxErrorRatio: number, dmp: DiffMatchPatch): AnchorResult | null {
  const { exact, prefix, suffix } = selector;
  const L = exact.length;
  const maxErrors = Math.floor(L * maxErrorRatio);
  if (maxErrors < 1 || text.length === 0) return null;

  const expected = Number.isFinite(selector.start) ? Math.min(Math.max(Math.trunc(selector.start), 0), text.length) : 0;
  const H = Math.min(BITAP_MAX_PATTERN, L);
  const head = exact.slice(0, H);
  const tail = exact.slice(L - H);

  // 1. Candidate regions (start/end estimates) from Bitap on the quote's ends and its context.
  const estimates: { start: number; end: number }[] = [];
  const bitap = (pattern: string, loc: number) =>
    pattern.length === 0 ? -1 : dmp.match_main(text, pattern, Math.min(Math.max(loc, 0), text.length));
  const h = bitap(head, expected);
  if (h !== -1) estimates.push({ start: h, end: h + L });
  const t = bitap(tail, expected + L - H);
  if (t !== -1) estimates.push({ start: t + H - L, end: t + H });
  const prefixTail = prefix.slice(-BITAP_MAX_PATTERN);
  const p = bitap(prefixTail, expected - prefixTail.length);
  if (p !== -1) estimates.push({ start: p + prefixTail.length, end: p + prefixTail.length + L });
  const suffixHead = suffix.slice(0, BITAP_MAX_PATTERN);
  const q = bitap(suffixHead, expected + L);
  if (q !== -1) estimates.push({ start: q - L, end: q });

  // 2. Refine boundaries, then verify the span against the whole quote and its context.
  const slack = maxErrors + 16;
  const seen = new Set<string>();
  let best: { start: number; end: number; key: [number, number] } | null = null;
  for (const estimate of estimates) {
    const rawStart = widenStart(text, refineStart(text, selector, head, estimate.start, slack));
    const rawEnd = widenEnd(text, refineEnd(text, selector, tail, estimate.end, slack));
    // Bitap/alignment can cut a rewritten word in half ("Indeed" → "Ulti|mately"): also try the
    // span widened to whole words when the stored quote began/ended at a word boundary.
    const starts = new Set([rawStart, snapStartToWord(text, selector, rawStart)]);
    const ends = new Set([rawEnd, snapEndToWord(text, selector, rawEnd)]);
    for (const start of starts) {
      for (const end of ends) {
        if (start < 0 || end <= start) continue;
        const id = `${start}:${end}`;
        if (seen.has(id)) continue;
        seen.add(id);
        if (Math.abs(end - start - L) > maxErrors) continue;

        const quoteErrors = levenshtein(dmp, exact, text.slice(start, end));
        if (quoteErrors > maxErrors) continue;

        // Guards against pointing a vanished quote at other, similar-looking words:
        // (a) one side of the stored context must still be there, within the quote's tolerance,
        //     unless the quote is long enough to be distinctive on its own and matches closely. A
        //     side shorter than the other was cut off by the start/end of the text, so it only
        //     counts if the candidate is still (nearly) that close to the start/end;
        const { prefix: prefixErrors, suffix: suffixErrors } = contextErrors(text, selector, start, end);
        const boundarySlack = Math.floor(DEFAULT_CONTEXT_LENGTH * maxErrorRatio);
        const prefixAgrees =
          prefixErrors <= Math.floor(prefix.length * maxErrorRatio) &&
          (prefix.length >= suffix.length || start <= prefix.length + boundarySlack);
        const suffixAgrees =
          suffixErrors <= Math.floor(suffix.length * maxErrorRatio) &&
          (suffix.length >= prefix.length || text.length - end <= suffix.length + boundarySlack);
        const distinctiveAlone = L >= 64 && 2 * quoteErrors <= maxErrors;
        if (!prefixAgrees && !suffixAgrees && !distinctiveAlone) continue;
        // (b) the candidate must be explained by the quote better than by the stored context; after
        //     a deletion the context closes up over the gap, and a neighbouring phrase that looks
        //     similar ("the cats" → "The bats") is really just the old suffix.
        if (!quoteExplainsCandidate(dmp, text, selector, start, end)) continue;

        const ctxErrors = prefixErrors + suffixErrors;
        const key: [number, number] = [quoteErrors + ctxErrors, Math.abs(start - expected)];
        if (best === null || lexLess(key, best.key)) best = { start, end, key };
      }
    }
  }
  return best && { start: best.start, end: best.end, method: 'fuzzy' };
}

/**
 * Finds the passage described by `selector` in `text`: stored position, then exact search, then
 * fuzzy search within `maxErrorRatio`. Returns `null` when the passage is orphaned.
 */
export function anchorQuote(text: string, selector: QuoteSelector, options: AnchorOptions = {}): AnchorResult | null {
  const maxErrorRatio = options.maxErrorRatio ?? DEFAULT_MAX_ERROR_RATIO;
  if (!(maxErrorRatio >= 0 && maxErrorRatio < 1)) {
    throw new RangeError(`maxErrorRatio must be in [0, 1), got ${maxErrorRatio}.`);
  }
  if (selector.exact.length === 0) return null;
  return anchorExact(text, selector) ?? anchorFuzzy(text, selector, maxErrorRatio, createMatcher(text));
}

/**
 * Re-anchors every quote in the edited `newText` and recomputes its selectors (for a fuzzy
 * match `exact` becomes the text now at the span). `selector: null` means orphaned.
 */
export function reanchorQuotes<T extends QuoteSelector & { id: string }>(
  newText: string,
  quotes: readonly T[],
  options: ReanchorOptions = {},
): ReanchoredQuote[] {
  const contextLength = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  return quotes.map((quote) => {
    const anchored = anchorQuote(newText, quote, options);
    if (!anchored) return { id: quote.id, selector: null, method: 'orphaned' };
    return {
      id: quote.id,
      selector: describeQuote(newText, anchored.start, anchored.end, contextLength),
      method: anchored.method,
    };
  });
}
