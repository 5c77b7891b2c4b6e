import crypto from 'node:crypto';

/** Source text as stored: Unicode NFC and \n line ends, so offsets mean the same everywhere. */
export function normalizeSourceText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n');
}

/** Identifies a document's content: the same text added twice to one map is a duplicate. */
export function hashSourceText(normalizedText: string): string {
  return crypto.createHash('sha256').update(normalizedText, 'utf8').digest('hex');
}
