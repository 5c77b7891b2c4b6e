/**
 * Kialo's plain-text discussion export, in either of its two layouts. The classic one:
 *
 *     Discussion Title: Should cities ban cars from their centres?
 *
 *     1. Cities should ban cars from their centres.
 *     1.1. Pro: Fewer cars mean cleaner air.
 *     1.1.1. Con: Electric cars do not pollute the air locally.
 *     1.2. Con: Deliveries and emergency services need access.
 *     1.2.1. Pro: -> See 1.1.1.
 *
 *     Sources:
 *     [1] WHO air quality guidelines https://www.who.int/…
 *
 * The current one puts the title under "Discussion Name:" and each claim's text under its label:
 *
 *     Discussion Name:
 *     Should cities ban cars from their centres?
 *
 *     1.
 *     Cities should ban cars from their centres.
 *     1.1. Pro:
 *     Fewer cars mean cleaner air.
 *     1.2.1. Pro:
 *     -> See 1.1.1.
 *
 * Every numbered line is a claim; its parent is the number without the last part, and "Pro:" /
 * "Con:" give the relation to the parent. Text continues on following unnumbered lines.
 * "-> See 1.2.3." is a second appearance of an existing claim: a link from that claim instead.
 */
import { MAP_DOCUMENT_LIMITS, type MapRelation } from '@/shared/map-document';

import { truncate } from '@/shared/truncate';

import { assertTextInput } from './byte-limits';
import { DocumentBuilder, fitClaimText, tooManyNodes } from './document-builder';
import { ImportWarnings, type ImportResult } from './import-result';
import { collapseWhitespace, replacedWarning, sanitizeText } from './sanitize-text';
import { splitLines } from './text-position';
import { ImportError } from './import-error';

const TITLE_LINE = /^\s*Discussion (?:Title|Name)\s*:\s*(.*)$/i;
const NUMBERED_LINE = /^\s*((?:\d{1,9}\.)+)(?:\s+(.*))?$/;
const LABEL = /^(Pro|Con|Thesis)\s*:\s*(.*)$/i;
const REFERENCE = /^->\s*See\s+((?:\d{1,9}\.)+)\s*$/i;
const SOURCES_LINE = /^\s*Sources\s*:\s*$/i;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'\]]+/i;
/** A footnote mark "[3]" in claim text (not a Markdown link "[text](…)" or an escaped "\[3]"). */
const FOOTNOTE_MARK = /(?<!\\)\[(\d{1,6})\](?!\()/g;

interface KialoNode {
  number: string;
  parent: string | null;
  line: number;
  label: 'pro' | 'con' | 'thesis' | null;
  lines: string[];
  /** For "-> See N." nodes: the referenced number. */
  ref: string | null;
}

function parentOf(number: string): string | null {
  const parts = number.split('.').filter(Boolean);
  return parts.length <= 1 ? null : `${parts.slice(0, -1).join('.')}.`;
}

/** Whether `candidate` can follow `current` in Kialo's depth-first numbering (a first child, or
 * the next sibling of `current` or of one of its ancestors below the top level). */
function isNextNumber(current: string | null, candidate: string): boolean {
  if (current === null) return parentOf(candidate) === null;
  if (candidate === `${current}1.`) return true;
  const c = candidate.split('.').filter(Boolean);
  const p = current.split('.').filter(Boolean);
  const k = c.length;
  if (k < 2 || k > p.length) return false;
  for (let i = 0; i < k - 1; i++) if (c[i] !== p[i]) return false;
  return Number(c[k - 1]) === Number(p[k - 1]) + 1;
}

function sourceFromLine(line: string): { title: string; url: string | null; text: string } {
  const text = line.trim();
  let rest = text.replace(/^\[\d+\]\s*/, '').replace(/^\d+[.)]\s+/, '');
  let url: string | null = null;
  const m = URL_IN_TEXT.exec(rest);
  if (m) {
    const candidate = m[0].replace(/[.,;:)]+$/, '');
    try {
      const parsed = new URL(candidate);
      if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && candidate.length <= MAP_DOCUMENT_LIMITS.urlMax) {
        url = candidate;
        rest = rest.replace(candidate, ' ');
      }
    } catch {
      // not a URL after all: keep it in the title
    }
  }
  // "Title. https://…": the separator before a removed URL is not part of the title.
  let title = collapseWhitespace(rest).replace(url ? /^[\s\-–—:,.]+|[\s\-–—:,.]+$/g : /^[\s\-–—:,.]+|[\s\-–—:,]+$/g, '');
  if (!title && url) {
    const parsed = new URL(url);
    title = `${parsed.hostname}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  }
  return { title: truncate(title || text, MAP_DOCUMENT_LIMITS.sourceTitleMax), url, text };
}

/**
 * Reads a Kialo text export. Claims keep their text (Markdown and all); "-> See" references
 * become links from the referenced claim; the "Sources:" block becomes sources (title, URL, and
 * the line itself as text), and a claim citing "[n]" gets source n, quoted whole, as supporting
 * evidence. Errors name the line.
 */
export function importKialo(text: string): ImportResult {
  assertTextInput(text, 'Kialo export');
  const notes = new ImportWarnings();
  const sanitized = sanitizeText(text.replace(/^\uFEFF/, ''));
  if (sanitized.replaced > 0) notes.note(replacedWarning(sanitized.replaced));
  const lines = splitLines(sanitized.text);

  let title = 'Imported Kialo discussion';
  const nodes = new Map<string, KialoNode>();
  const order: KialoNode[] = [];
  let current: KialoNode | null = null;
  let sourceLines: { line: number; text: string }[] | null = null;
  let sawTitle = false;
  /** "Discussion Name:" with nothing after it: the title is on the following line(s). */
  let titleLines: string[] | null = null;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    if (sourceLines) {
      if (raw.trim()) sourceLines.push({ line: lineNo, text: raw });
      continue;
    }
    if (SOURCES_LINE.test(raw)) {
      sourceLines = [];
      continue;
    }
    if (!sawTitle && !current) {
      const t = TITLE_LINE.exec(raw);
      if (t) {
        sawTitle = true;
        const inline = collapseWhitespace(t[1] ?? '');
        if (inline) title = inline;
        else titleLines = [];
        continue;
      }
    }
    const numbered = NUMBERED_LINE.exec(raw);
    if (titleLines !== null && !current && !numbered) {
      if (raw.trim() !== '') {
        titleLines.push(raw);
        continue;
      }
      if (titleLines.length > 0) {
        title = collapseWhitespace(titleLines.join(' ')) || title;
        titleLines = null;
      }
      continue;
    }
    if (titleLines !== null) {
      if (titleLines.length > 0) title = collapseWhitespace(titleLines.join(' ')) || title;
      titleLines = null;
    }
    if (numbered) {
      const number = numbered[1] ?? '';
      const body = (numbered[2] ?? '').trim();
      const labelMatch = LABEL.exec(body);
      const label = labelMatch ? ((labelMatch[1] ?? '').toLowerCase() as KialoNode['label']) : null;
      const parent = parentOf(number);
      const isNext = isNextNumber(current?.number ?? null, number);
      // An unlabelled numbered line that does not continue the numbering is text (e.g. a list
      // inside a claim); a labelled one is always meant as a claim.
      const isNode = current === null ? true : label !== null || (isNext && parent !== null);
      if (isNode) {
        if (nodes.has(number)) {
          throw new ImportError(`Line ${lineNo}: claim number ${number} is used twice.`, { line: lineNo, column: 1 });
        }
        if (parent === null && current !== null) {
          throw new ImportError(`Line ${lineNo}: a Kialo export has one top-level claim ("1."), found ${number}.`, {
            line: lineNo,
            column: 1,
          });
        }
        if (parent !== null && !nodes.has(parent)) {
          throw new ImportError(`Line ${lineNo}: claim ${number} has no parent claim ${parent}.`, { line: lineNo, column: 1 });
        }
        if (parent !== null && label === null) {
          throw new ImportError(`Line ${lineNo}: expected "Pro:" or "Con:" after ${number}.`, { line: lineNo, column: 1 });
        }
        const content = labelMatch ? (labelMatch[2] ?? '').trim() : body;
        const ref = REFERENCE.exec(content);
        const node: KialoNode = {
          number,
          parent,
          line: lineNo,
          label: parent === null ? null : label,
          lines: ref || !content ? [] : [content],
          ref: ref ? (ref[1] ?? null) : null,
        };
        nodes.set(number, node);
        order.push(node);
        if (order.length > MAP_DOCUMENT_LIMITS.maxNodes) throw tooManyNodes(order.length, 'Kialo export');
        current = node;
        continue;
      }
    }
    if (!current) {
      if (raw.trim() === '') continue;
      throw new ImportError(
        `Line ${lineNo}: expected ${sawTitle ? '' : '"Discussion Title: …", "Discussion Name:" or '}the first claim, numbered "1.".`,
        { line: lineNo, column: 1 },
      );
    }
    if (current.ref !== null) {
      if (raw.trim() === '') continue;
      throw new ImportError(`Line ${lineNo}: unexpected text after "-> See ${current.ref}".`, { line: lineNo, column: 1 });
    }
    // The current layout puts the reference on the line under the label.
    const ref = current.lines.every((l) => l.trim() === '') ? REFERENCE.exec(raw.trim()) : null;
    if (ref) {
      current.ref = ref[1] ?? null;
      current.lines = [];
      continue;
    }
    current.lines.push(raw);
  }

  if (order.length === 0) throw new ImportError('The Kialo export contains no numbered claims.');

  const builder = new DocumentBuilder(title);
  const claimOf = new Map<string, string>();
  for (const node of order) {
    if (node.ref !== null) continue;
    const claimText = node.lines.join('\n').trim();
    if (!claimText) throw new ImportError(`Line ${node.line}: claim ${node.number} has no text.`, { line: node.line, column: 1 });
    claimOf.set(node.number, builder.addClaim(fitClaimText(claimText, `claim ${node.number} (line ${node.line})`, notes)));
  }

  /** The claim a number stands for, following "-> See" chains. */
  const resolve = (number: string, line: number): string => {
    const seen = new Set<string>();
    let n = number;
    for (;;) {
      const claim = claimOf.get(n);
      if (claim) return claim;
      const node = nodes.get(n);
      if (!node) throw new ImportError(`Line ${line}: "-> See ${n}" refers to a claim that does not exist.`, { line, column: 1 });
      if (node.ref === null || seen.has(n)) {
        throw new ImportError(`Line ${line}: "-> See ${number}" refers to itself.`, { line, column: 1 });
      }
      seen.add(n);
      n = node.ref;
    }
  };

  let theses = 0;
  let selfLinks = 0;
  let conflicts = 0;
  for (const node of order) {
    if (node.parent === null) continue;
    if (node.label === 'thesis' || node.label === null) {
      theses++;
      continue;
    }
    const from = resolve(node.ref ?? node.number, node.line);
    const to = resolve(node.parent, node.line);
    const relation: MapRelation = node.label === 'pro' ? 'support' : 'oppose';
    const result = builder.addLink(from, to, relation);
    if (result === 'self') selfLinks++;
    if (result === 'conflict') conflicts++;
  }
  if (theses > 0) {
    notes.note(
      `${theses} "Thesis:" claim${theses === 1 ? ' was' : 's were'} imported without a link to the question above ` +
        `${theses === 1 ? 'it' : 'them'}.`,
    );
  }
  if (selfLinks > 0) notes.note(`Skipped ${selfLinks} "-> See" reference${selfLinks === 1 ? '' : 's'} to the claim's own parent.`);
  if (conflicts > 0) {
    notes.note(`Skipped ${conflicts} duplicate reference${conflicts === 1 ? '' : 's'} that both supported and opposed the same claim.`);
  }

  const sourceByNumber = new Map<number, { sourceId: string; text: string }>();
  for (const entry of sourceLines ?? []) {
    if (builder.sources.length >= MAP_DOCUMENT_LIMITS.maxSources) {
      throw new ImportError(`Line ${entry.line}: more than ${MAP_DOCUMENT_LIMITS.maxSources} sources.`, {
        line: entry.line,
        column: 1,
      });
    }
    const source = sourceFromLine(entry.text);
    const sourceId = builder.addSource({
      title: source.title,
      author: null,
      publisher: null,
      url: source.url,
      publishedAt: null,
      text: source.text,
    });
    const footnote = /^\s*\[(\d{1,6})\]/.exec(entry.text)?.[1];
    if (footnote !== undefined && !sourceByNumber.has(Number(footnote)))
      sourceByNumber.set(Number(footnote), { sourceId, text: source.text });
  }

  // "[1]" in a claim cites source [1] of the list: the source, quoted whole, supports the claim.
  const citation = new Map<number, string>();
  for (const claim of [...builder.claims]) {
    for (const match of claim.text.matchAll(FOOTNOTE_MARK)) {
      const number = Number(match[1]);
      const source = sourceByNumber.get(number);
      if (!source) continue;
      let evidenceId = citation.get(number);
      if (!evidenceId) {
        const whole = { exact: source.text, prefix: '', suffix: '', start: 0, end: source.text.length };
        evidenceId = builder.addEvidence({ sourceId: source.sourceId, ...whole, note: null });
        citation.set(number, evidenceId);
      }
      builder.addEvidenceLink(evidenceId, claim.id, 'support');
    }
  }

  return { document: builder.build(), warnings: notes.list() };
}
