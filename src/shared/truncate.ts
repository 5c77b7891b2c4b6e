/**
 * The one way Crux shortens a text for display or storage: at most `max` UTF-16 units including
 * the ellipsis, never splitting a surrogate pair. Client and server use it alike.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? '…' : '';
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** A text as one short line for labels, titles and announcements: runs of white space folded, then truncated. */
export function excerpt(text: string, max = 80): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
