import { z } from 'zod';
import { ZClientMutationId } from './claim';
import { ZId } from './map';

/** Largest source text Crux stores, measured in UTF-8 bytes of the normalised text. */
export const SOURCE_TEXT_MAX_BYTES = 2 * 1024 * 1024;
/** An uploaded HTML page may be larger than its text: markup, scripts and styles are dropped. */
export const SOURCE_HTML_MAX_CHARS = 10 * 1024 * 1024;
export const SOURCE_TITLE_MAX = 500;
export const SOURCE_FIELD_MAX = 500;
export const SOURCE_URL_MAX = 2048;
export const SEARCH_QUERY_MAX = 200;

const encoder = new TextEncoder();

/** Size of a string in UTF-8 bytes (the unit of the 2 MB limit), identical in browser and server. */
export function utf8ByteLength(text: string): number {
  // Fast path: every UTF-16 unit is 1–3 bytes, a surrogate pair 4 (2 per unit).
  if (text.length * 3 <= SOURCE_TEXT_MAX_BYTES) return encoder.encode(text).length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/** "2 MB", "1.4 MB", "820 KB": sizes in the messages users see. */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export const SOURCE_TOO_LARGE_MESSAGE = `A source's text can be at most ${formatByteSize(SOURCE_TEXT_MAX_BYTES)} (UTF-8).`;

const ZSourceTitle = z
  .string()
  .trim()
  .min(1, 'Give the source a title.')
  .max(SOURCE_TITLE_MAX, `A source title can be at most ${SOURCE_TITLE_MAX} characters.`);

/** An optional text field: blank means "not stated" (null). */
const optionalField = (label: string) =>
  z
    .string()
    .trim()
    .max(SOURCE_FIELD_MAX, `${label} can be at most ${SOURCE_FIELD_MAX} characters.`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

const ZSourceUrl = z
  .string()
  .trim()
  .max(SOURCE_URL_MAX, `A URL can be at most ${SOURCE_URL_MAX} characters.`)
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'The URL must start with http:// or https://.')
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .optional();

/** A date (superjson Date) or an ISO date string such as a date input's "2015-09-22"; '' clears. */
const ZPublishedAt = z
  .union([z.date(), z.string().max(40, 'Write the publication date as YYYY-MM-DD.').trim()], {
    error: 'The publication date must be a date (YYYY-MM-DD).',
  })
  .transform((value, ctx) => {
    if (value === '') return null;
    const date =
      value instanceof Date
        ? value
        : /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? new Date(`${value}T00:00:00.000Z`)
          : /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value)
            ? new Date(value)
            : null;
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'Write the publication date as YYYY-MM-DD.' });
      return z.NEVER;
    }
    return date;
  })
  .nullable()
  .optional();

const storableText = (schema: z.ZodString) =>
  schema.refine((text) => !text.includes('\u0000'), 'The text contains a NUL character; is this a binary file?');

/** Pasted or plain-text content: the 2 MB limit is in UTF-8 bytes. */
export const ZSourceText = storableText(z.string().max(SOURCE_TEXT_MAX_BYTES, SOURCE_TOO_LARGE_MESSAGE))
  .refine((text) => text.trim().length > 0, 'The source text is empty.')
  .refine((text) => utf8ByteLength(text) <= SOURCE_TEXT_MAX_BYTES, SOURCE_TOO_LARGE_MESSAGE);

export const SOURCE_FILE_KINDS = ['txt', 'md', 'html'] as const;
export const ZSourceFileKind = z.enum(SOURCE_FILE_KINDS, { error: 'Upload a .txt, .md or .html file.' });
export type TSourceFileKind = z.infer<typeof ZSourceFileKind>;

export const ZSourceFile = z.object({
  fileName: z.string().trim().min(1, 'The file needs a name.').max(255, 'That file name is too long.'),
  kind: ZSourceFileKind,
  // The HTML limit is checked again on the extracted text; plain text must fit the limit as is.
  content: storableText(
    z.string().max(SOURCE_HTML_MAX_CHARS, `An uploaded file can be at most ${formatByteSize(SOURCE_HTML_MAX_CHARS)}.`),
  ).refine((text) => text.trim().length > 0, 'The uploaded file is empty.'),
});
export type TSourceFile = z.infer<typeof ZSourceFile>;

/** The kind of an uploaded file from its name, or null when Crux cannot read it. */
export function sourceFileKind(fileName: string): TSourceFileKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'txt' || extension === 'text') return 'txt';
  if (extension === 'md' || extension === 'markdown') return 'md';
  if (extension === 'html' || extension === 'htm') return 'html';
  return null;
}

const metadataShape = {
  title: ZSourceTitle,
  author: optionalField('The author'),
  publisher: optionalField('The publisher'),
  url: ZSourceUrl,
  publishedAt: ZPublishedAt,
};

export const ZCreateSourceInput = z
  .object({
    mapId: ZId,
    ...metadataShape,
    text: ZSourceText.optional(),
    file: ZSourceFile.optional(),
    clientMutationId: ZClientMutationId,
  })
  .refine((input) => (input.text === undefined) !== (input.file === undefined), {
    message: 'Paste the source text or upload a file (one of the two).',
    path: ['text'],
  });
export type TCreateSourceInput = z.infer<typeof ZCreateSourceInput>;

export const ZUpdateSourceInput = z.object({
  id: ZId,
  title: ZSourceTitle.optional(),
  author: optionalField('The author'),
  publisher: optionalField('The publisher'),
  url: ZSourceUrl,
  publishedAt: ZPublishedAt,
  /** A corrected text: every passage is re-anchored in it (or flagged orphaned). */
  text: ZSourceText.optional(),
  clientMutationId: ZClientMutationId,
});
export type TUpdateSourceInput = z.infer<typeof ZUpdateSourceInput>;

export const ZSourceIdInput = z.object({ id: ZId });

export const ZDeleteSourceInput = z.object({
  id: ZId,
  /**
   * A source with live evidence is only deleted when the caller confirms how many passages go with
   * it (the count `source.deleteImpact` reported); a stale count is refused.
   */
  confirmEvidenceCount: z.number().int().min(0).optional(),
  clientMutationId: ZClientMutationId,
});
export type TDeleteSourceInput = z.infer<typeof ZDeleteSourceInput>;

export const ZMapSearchInput = z.object({
  mapId: ZId,
  query: z
    .string()
    .trim()
    .min(1, 'Type something to search for.')
    .max(SEARCH_QUERY_MAX, `A search can be at most ${SEARCH_QUERY_MAX} characters.`),
  limit: z.number().int().min(1).max(50).optional(),
});
export type TMapSearchInput = z.infer<typeof ZMapSearchInput>;
