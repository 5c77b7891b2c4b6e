import { DomainError } from '@/server/domain/errors';
import { formatByteSize, SOURCE_TEXT_MAX_BYTES, utf8ByteLength, type TSourceFile } from '@/shared/schemas/source';
import { normalizeSourceText } from './hash-source-text';
import { htmlToText } from './html-to-text';

/**
 * The text Crux stores for a pasted text or an uploaded file: HTML reduced to readable text,
 * then NFC with `\n` line ends (normalizeSourceText), so offsets count the same everywhere.
 * Lone surrogates (not storable, not a character) become U+FFFD. Refuses empty and too-large texts.
 */
export function prepareSourceText(content: { text?: string; file?: TSourceFile }): string {
  let raw: string;
  if (content.file) raw = content.file.kind === 'html' ? htmlToText(content.file.content) : content.file.content;
  else if (content.text !== undefined) raw = content.text;
  else throw new DomainError('INVALID', 'Paste the source text or upload a file.');

  // A UTF-8 byte-order mark read as text is not part of the document.
  const text = normalizeSourceText(raw.replace(/^\uFEFF/, '').toWellFormed()).replace(/\u0000/g, '');
  if (text.trim() === '') {
    throw new DomainError(
      'INVALID',
      content.file?.kind === 'html'
        ? `“${content.file.fileName}” has no readable text once its markup is removed.`
        : 'The source text is empty.',
    );
  }
  const bytes = utf8ByteLength(text);
  if (bytes > SOURCE_TEXT_MAX_BYTES) {
    throw new DomainError(
      'INVALID',
      `The source text is ${formatByteSize(bytes)}; a source can be at most ${formatByteSize(SOURCE_TEXT_MAX_BYTES)} (UTF-8). Split ` +
        `it into several sources.`,
      { bytes, maxBytes: SOURCE_TEXT_MAX_BYTES },
    );
  }
  return text;
}
