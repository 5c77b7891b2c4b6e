/**
 * Postgres `ts_headline` marks matched words with StartSel/StopSel; Crux asks for two private-use
 * characters that do not occur in real text, then turns the headline into plain segments (the UI
 * renders them without HTML) and locates the first hit in the full text as UTF-16 offsets.
 */
export const HIT_START = '\uE000';
export const HIT_STOP = '\uE001';

export interface SnippetSegment {
  text: string;
  isHit: boolean;
}

export interface HitRange {
  start: number;
  end: number;
}

/** Splits a marked headline into plain and hit segments (adjacent equal kinds merged). */
export function parseHeadline(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let isHit = false;
  let buffer = '';
  const flush = () => {
    if (buffer === '') return;
    const last = segments.at(-1);
    if (last && last.isHit === isHit) last.text += buffer;
    else segments.push({ text: buffer, isHit });
    buffer = '';
  };
  for (const ch of headline) {
    if (ch === HIT_START || ch === HIT_STOP) {
      flush();
      isHit = ch === HIT_START;
    } else buffer += ch;
  }
  flush();
  return segments;
}

/**
 * The first run of hits in the snippet (hits separated only by spaces or punctuation, as in a
 * phrase) located in `text`. The snippet is normally a verbatim excerpt; when the headline parser
 * dropped or changed something, shorter and shorter pieces around the hit are tried.
 */
export function locateFirstHit(text: string, segments: SnippetSegment[]): HitRange | null {
  const firstHit = segments.findIndex((segment) => segment.isHit);
  if (firstHit === -1) return null;
  let lastHit = firstHit;
  for (let i = firstHit + 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.isHit) lastHit = i;
    else if (!/^[\s\p{P}]{1,3}$/u.test(segment.text)) break;
  }
  const plain = segments.map((segment) => segment.text);
  const before = plain.slice(0, firstHit).join('');
  const hit = plain.slice(firstHit, lastHit + 1).join('');
  const after = plain.slice(lastHit + 1).join('');
  const firstWord = segments[firstHit]!.text;

  const attempts: { needle: string; offset: number; length: number }[] = [
    { needle: before + hit + after, offset: before.length, length: hit.length },
    { needle: before.slice(-40) + hit + after.slice(0, 40), offset: Math.min(40, before.length), length: hit.length },
    { needle: hit + after.slice(0, 40), offset: 0, length: hit.length },
    { needle: before.slice(-40) + hit, offset: Math.min(40, before.length), length: hit.length },
    { needle: hit, offset: 0, length: hit.length },
    { needle: firstWord, offset: 0, length: firstWord.length },
  ];
  for (const attempt of attempts) {
    if (attempt.needle.trim() === '') continue;
    const at = text.indexOf(attempt.needle);
    if (at !== -1) return { start: at + attempt.offset, end: at + attempt.offset + attempt.length };
  }
  const lower = text.toLowerCase();
  const at = lower.indexOf(firstWord.toLowerCase());
  // Lower-casing can change lengths (e.g. "İ"); only trust it when it did not.
  if (at !== -1 && lower.length === text.length) return { start: at, end: at + firstWord.length };
  return null;
}
