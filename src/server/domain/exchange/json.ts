/**
 * The JSON backup: the MapDocument itself, written with a fixed key order so the same map always
 * produces the same bytes, and read back with precise error locations.
 */
import { validateMapDocument, type MapDocument } from '@/shared/map-document';

import { MAX_JSON_IMPORT_BYTES, assertTextInput } from './byte-limits';
import type { ImportResult } from './import-result';
import { replacedWarning, sanitizeText } from './sanitize-text';
import { lineColumnAt } from './text-position';
import { ImportError } from './import-error';

type Votes = NonNullable<MapDocument['claims'][number]['votes']>;

const votes = (v: Votes) => ({ count: v.count, mean: v.mean, histogram: [...v.histogram] });

/** Rebuilds the document with keys in schema order; optional keys only when present. */
function canonical(doc: MapDocument) {
  return {
    format: doc.format,
    version: doc.version,
    exportedAt: doc.exportedAt,
    map: {
      title: doc.map.title,
      description: doc.map.description,
      ...(doc.map.visibility !== undefined && { visibility: doc.map.visibility }),
    },
    claims: doc.claims.map((c) => ({
      id: c.id,
      text: c.text,
      ...(c.title !== undefined && { title: c.title }),
      ...(c.tags !== undefined && { tags: [...c.tags] }),
      ...(c.data !== undefined && { data: c.data }),
      x: c.x,
      y: c.y,
      ...(c.votes !== undefined && { votes: votes(c.votes) }),
    })),
    links: doc.links.map((l) => ({
      id: l.id,
      from: 'claimId' in l.from ? { claimId: l.from.claimId } : { evidenceId: l.from.evidenceId },
      toClaimId: l.toClaimId,
      relation: l.relation,
      ...(l.scheme !== undefined && { scheme: l.scheme }),
    })),
    sources: doc.sources.map((s) => ({
      id: s.id,
      title: s.title,
      author: s.author,
      publisher: s.publisher,
      url: s.url,
      publishedAt: s.publishedAt,
      text: s.text,
    })),
    evidence: doc.evidence.map((e) => ({
      id: e.id,
      sourceId: e.sourceId,
      exact: e.exact,
      prefix: e.prefix,
      suffix: e.suffix,
      start: e.start,
      end: e.end,
      note: e.note,
      ...(e.x !== undefined && { x: e.x }),
      ...(e.y !== undefined && { y: e.y }),
      ...(e.votes !== undefined && { votes: votes(e.votes) }),
    })),
  };
}

/** Pretty-printed (2 spaces), stable key order, trailing newline. */
export function exportJson(doc: MapDocument): string {
  return `${JSON.stringify(canonical(doc), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Parsing with locations

/**
 * Finds the first JSON syntax error (iteratively, so deep nesting is fine). Used only after
 * JSON.parse failed, because V8's messages do not always carry a position.
 */
export function locateJsonError(s: string): { offset: number; message: string } | null {
  const n = s.length;
  let i = 0;
  const stack: number[] = [];
  type State = 'value' | 'firstValueOrEnd' | 'key' | 'firstKeyOrEnd' | 'afterValue';
  let state: State = 'value';
  const fail = (message: string) => ({ offset: i, message });
  const describe = (c: number) =>
    c >= 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const skipWhitespace = () => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const scanString = (): { offset: number; message: string } | null => {
    i++; // opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = s.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return fail('invalid \\u escape in a string');
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else return fail('invalid escape in a string');
        continue;
      }
      if (c < 0x20) return fail('control character in a string (use an escape such as \\n)');
      i++;
    }
    return fail('unterminated string');
  };
  const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  for (;;) {
    skipWhitespace();
    const c = s.charCodeAt(i);
    if (state === 'value' || state === 'firstValueOrEnd') {
      if (i >= n) return fail('unexpected end of input: a value was expected');
      if (state === 'firstValueOrEnd' && c === 0x5d) {
        i++;
        stack.pop();
        state = 'afterValue';
      } else if (c === 0x7b) {
        stack.push(c);
        i++;
        state = 'firstKeyOrEnd';
      } else if (c === 0x5b) {
        stack.push(c);
        i++;
        state = 'firstValueOrEnd';
      } else if (c === 0x22) {
        const err = scanString();
        if (err) return err;
        state = 'afterValue';
      } else if (s.startsWith('true', i) || s.startsWith('null', i)) {
        i += 4;
        state = 'afterValue';
      } else if (s.startsWith('false', i)) {
        i += 5;
        state = 'afterValue';
      } else {
        numberPattern.lastIndex = i;
        const m = numberPattern.exec(s);
        if (!m) return fail(`unexpected ${describe(c)}: a value was expected`);
        i += m[0].length;
        state = 'afterValue';
      }
    } else if (state === 'key' || state === 'firstKeyOrEnd') {
      if (i >= n) return fail('unexpected end of input: a property name was expected');
      if (state === 'firstKeyOrEnd' && c === 0x7d) {
        i++;
        stack.pop();
        state = 'afterValue';
        continue;
      }
      if (c !== 0x22) return fail(`unexpected ${describe(c)}: a double-quoted property name was expected`);
      const err = scanString();
      if (err) return err;
      skipWhitespace();
      if (s.charCodeAt(i) !== 0x3a) return fail(`expected ":" after the property name`);
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? fail(`unexpected ${describe(c)} after the end of the JSON value`) : null;
      const close = top === 0x7b ? '}' : ']';
      if (i >= n) return fail(`unexpected end of input: expected "," or "${close}"`);
      if (c === 0x2c) {
        i++;
        state = top === 0x7b ? 'key' : 'value';
      } else if (c === close.charCodeAt(0)) {
        i++;
        stack.pop();
      } else return fail(`unexpected ${describe(c)}: expected "," or "${close}"`);
    }
  }
}

/** JSON.parse with an ImportError naming line and column on failure. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const located = locateJsonError(text);
    if (located) {
      const at = lineColumnAt(text, located.offset);
      throw new ImportError(`Invalid JSON in the ${what} at line ${at.line}, column ${at.column}: ${located.message}.`, at);
    }
    const reason = e instanceof Error ? e.message.replace(/, ".*" is not valid JSON$/s, '') : 'unknown error';
    throw new ImportError(`Invalid JSON in the ${what}: ${reason}.`);
  }
}

/**
 * Replaces lone surrogates and NUL in every string of a freshly parsed JSON value, in place.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function sanitizeJsonStrings(root: unknown): { value: unknown; replaced: number } {
  let replaced = 0;
  const fix = (s: string): string => {
    const r = sanitizeText(s);
    replaced += r.replaced;
    return r.text;
  };
  if (typeof root === 'string') return { value: fix(root), replaced };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === 'string') node[i] = fix(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        if (typeof v === 'string') record[key] = fix(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return { value: root, replaced };
}

/** Reads a JSON backup. Lone surrogates / NUL are replaced (with a warning), then validated. */
export function importJson(text: string): ImportResult {
  assertTextInput(text, 'JSON backup', MAX_JSON_IMPORT_BYTES);
  if (text.trim() === '') throw new ImportError('The JSON backup is empty.');
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''), 'JSON backup');
  const { value, replaced } = sanitizeJsonStrings(parsed);
  const warnings = replaced > 0 ? [replacedWarning(replaced)] : [];
  return { document: validateMapDocument(value), warnings };
}
