/** Line/column lookup for error messages that point into an imported text. */

/** 1-based line and column (in UTF-16 code units) of `offset`; \r\n, \r and \n end lines. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
