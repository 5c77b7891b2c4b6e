/**
 * Import and export formats, the `map.import` input, and format detection — shared by the server
 * and the import dialog (which shows what "auto" would pick before sending).
 */
import { z } from 'zod';
import { ZMapTitle } from './map';

export const IMPORT_FORMATS = ['argdown', 'aif', 'kialo', 'json'] as const;
export type TImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABEL: Record<TImportFormat, string> = {
  argdown: 'Argdown',
  aif: 'AIF (JSON)',
  kialo: 'Kialo text export',
  json: 'Crux backup (JSON)',
};

export const EXPORT_FORMATS = ['argdown', 'aif', 'kialo', 'json', 'md'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  label: string;
  extension: string;
  contentType: string;
}

export const EXPORT_FORMAT_INFO: Record<TExportFormat, ExportFormatInfo> = {
  argdown: { label: 'Argdown', extension: 'argdown', contentType: 'text/plain; charset=utf-8' },
  aif: { label: 'AIF (JSON)', extension: 'json', contentType: 'application/json; charset=utf-8' },
  kialo: { label: 'Kialo text', extension: 'txt', contentType: 'text/plain; charset=utf-8' },
  json: { label: 'Crux backup (JSON)', extension: 'crux.json', contentType: 'application/json; charset=utf-8' },
  md: { label: 'Markdown', extension: 'md', contentType: 'text/markdown; charset=utf-8' },
};

export function isExportFormat(value: string | null): value is TExportFormat {
  return value !== null && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** "Should cities ban cars?" → "should-cities-ban-cars": ASCII, safe in a Content-Disposition. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'map';
}

/** Text formats: 5 MB of UTF-8 (checked exactly by the converters). */
export const IMPORT_TEXT_MAX_BYTES = 5 * 1024 * 1024;
/** JSON backups carry full source texts: 50 MB. */
export const IMPORT_JSON_MAX_BYTES = 50 * 1024 * 1024;

export const ZImportFormat = z.enum([...IMPORT_FORMATS, 'auto'], {
  error: `Choose a format: ${IMPORT_FORMATS.join(', ')} or auto.`,
});

export const ZImportMapInput = z.object({
  format: ZImportFormat.default('auto'),
  // A UTF-16 length bound only; each converter checks its own byte limit with a precise message.
  text: z
    .string()
    .min(1, 'Paste the text to import or choose a file.')
    .max(IMPORT_JSON_MAX_BYTES, 'The file is larger than the 50 MB limit for imports.'),
  title: ZMapTitle.optional(),
});
export type TImportMapInput = z.input<typeof ZImportMapInput>;

/**
 * Guesses the format from the content: JSON is a Crux backup when it says `"format": "crux-map"`
 * and AIF when it has `"nodes"` (or an xAIF `"AIF"` envelope); text is a Kialo export when it
 * starts with "Discussion Title:" or "Discussion Name:", or with a numbered claim ("1. …" or a
 * bare "1.") followed by "1.1. Pro:"/"Con:" lines; anything else is Argdown.
 */
export function detectImportFormat(text: string): TImportFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  // "[" also starts Argdown ("[Title]: text"): only a JSON-looking array counts as JSON.
  const isJsonArray = /^\[\s*(?:[{["\]\d-]|true\b|false\b|null\b)/.test(head) && head.trimEnd().endsWith(']');
  if (head.startsWith('{') || isJsonArray) {
    if (/"format"\s*:\s*"crux-map"/.test(head)) return 'json';
    if (/"nodes"\s*:/.test(head) || /"AIF"\s*:\s*\{/.test(head)) return 'aif';
    return 'json';
  }
  const sample = head.slice(0, 20_000);
  if (/^Discussion (?:Title|Name)\s*:/i.test(sample)) return 'kialo';
  if (/^1\.(?:\s|$)/.test(sample) && /^\s*1\.\d+\.\s*(Pro|Con|Thesis)\s*:/im.test(sample)) return 'kialo';
  return 'argdown';
}
