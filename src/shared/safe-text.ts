/**
 * Text Crux refuses rather than stores: NUL (PostgreSQL cannot hold it in text) and lone UTF-16
 * surrogates (not a character; they would be silently rewritten to U+FFFD). Checked once for every
 * procedure's input (server/api/trpc.ts) and the sign-in forms, so the answer is a 400 naming the
 * field instead of a database error.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one string, or null. */
export function findUnsafeText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which is not allowed';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate, which is not valid Unicode text';
  return null;
}

export interface UnsafeTextProblem {
  /** Where the string sits, e.g. `text`, `claims.3.title`, `0.title` (object keys count too). */
  path: string;
  problem: string;
}

const MAX_DEPTH = 64;

/** The first string (value or object key) anywhere in `value` that `findUnsafeText` refuses. */
export function findUnsafeTextIn(value: unknown, path: string[] = [], depth = 0): UnsafeTextProblem | null {
  if (typeof value === 'string') {
    const problem = findUnsafeText(value);
    return problem ? { path: path.join('.') || 'input', problem } : null;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findUnsafeTextIn(value[index], [...path, String(index)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value instanceof Date) return null;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = findUnsafeText(key);
    if (keyProblem) return { path: [...path, '(a key)'].join('.'), problem: keyProblem };
    const found = findUnsafeTextIn(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
