import { truncate } from '@/shared/truncate';

/** A title from pasted text: its first non-empty line, without Markdown heading marks, at most 200 characters. */
export function titleFromFirstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '';
  const plain = line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(plain, 200);
}
