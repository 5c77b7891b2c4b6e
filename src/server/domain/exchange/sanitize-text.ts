/** Text cleaning every importer applies before building a document. */

const REPLACEMENT = '\uFFFD';

/**
 * Replaces lone UTF-16 surrogates and NUL characters (neither can be stored as Postgres text) with
 * U+FFFD. Every replacement is one code unit for one, so UTF-16 offsets stay valid.
 */
export function sanitizeText(text: string): { text: string; replaced: number } {
  if (text.isWellFormed() && !text.includes('\u0000')) return { text, replaced: 0 };
  let replaced = 0;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let bad = c === 0;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad = true;
    if (bad) {
      out += text.slice(runStart, i) + REPLACEMENT;
      runStart = i + 1;
      replaced++;
    }
  }
  return { text: out + text.slice(runStart), replaced };
}

export function replacedWarning(replaced: number): string {
  return `Replaced ${replaced} invalid character${replaced === 1 ? '' : 's'} (lone UTF-16 surrogates or NUL) with U+FFFD.`;
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
