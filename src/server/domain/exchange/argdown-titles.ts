/** Statement titles as Crux writes and reads them in Argdown. */

const TITLE_MAX = 40;

/** A short Argdown title: the first words, letters/digits/apostrophes/hyphens only. */
export function deriveTitle(text: string): string {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}'’-]/gu, ''))
    .filter((w) => w.length > 0);
  let title = '';
  for (const word of words.slice(0, 6)) {
    const candidate = title ? `${title} ${word}` : word;
    if (candidate.length > TITLE_MAX) break;
    title = candidate;
  }
  if (!title && words[0]) title = words[0].slice(0, TITLE_MAX);
  return title.replace(/^[-'’\s]+/, '').trim();
}

/** @argdown/core keeps statements in plain objects keyed by title: "toString" & co. break it. */
export function isReservedTitle(title: string): boolean {
  return title in Object.prototype || title === '__proto__';
}
