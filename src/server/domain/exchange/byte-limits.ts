/** How large an imported document may be, measured exactly in UTF-8 bytes. */
import { ImportError } from './import-error';

/** Text formats (Argdown, Kialo) are limited to 5 MB of UTF-8. */
export const MAX_TEXT_IMPORT_BYTES = 5 * 1024 * 1024;
/** JSON backups carry full source texts, so they may be larger. */
export const MAX_JSON_IMPORT_BYTES = 50 * 1024 * 1024;

/** UTF-8 length without allocating; lone surrogates count as the 3 bytes of U+FFFD. */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > stopAbove) return bytes;
  }
  return bytes;
}

function formatBytes(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
}

export function assertTextInput(text: unknown, what: string, maxBytes = MAX_TEXT_IMPORT_BYTES): asserts text is string {
  if (typeof text !== 'string') throw new ImportError(`Expected the ${what} as text.`);
  // Cheap checks first: each UTF-16 unit is 1–3 UTF-8 bytes.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text, maxBytes) > maxBytes)) {
    throw new ImportError(`The ${what} is larger than the ${formatBytes(maxBytes)} limit.`);
  }
}
