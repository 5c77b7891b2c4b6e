import superjson from 'superjson';
import type { SuperJSONResult } from 'superjson';

/**
 * superjson's wire format, written fast for what Crux's procedures return: plain objects and arrays of
 * strings, numbers, booleans, null, `undefined` and Dates. superjson itself walks every value through
 * generic type checks and builds a path string for each, which for a 2,000-claim `map.get` cost as much
 * as reading the map. The output is what `superjson.serialize` gives for such values (the client still
 * decodes with superjson); anything else — a Map, Set, BigInt, class instance, non-finite number, -0,
 * an invalid Date, a value reached twice — falls back to superjson whole, so nothing is ever encoded
 * differently. (superjson marks a repeated object so the client gets one object; the fallback keeps that.)
 */

type Meta = Record<string, [string]>;

const UNSUPPORTED = Symbol('unsupported');

function escapeKey(key: string): string {
  return key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');
}

function pathOf(path: string[]): string {
  return path.map(escapeKey).join('.');
}

function walk(value: unknown, path: string[], meta: { values: Meta | null }, seen: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw UNSUPPORTED;
    return value;
  }
  if (value === undefined) {
    (meta.values ??= {})[pathOf(path)] = ['undefined'];
    return null;
  }
  if (typeof value !== 'object') throw UNSUPPORTED;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw UNSUPPORTED;
    (meta.values ??= {})[pathOf(path)] = ['Date'];
    return value.toISOString();
  }
  if (seen.has(value)) throw UNSUPPORTED;
  seen.add(value);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) {
      path.push(String(index));
      out[index] = walk(value[index], path, meta, seen);
      path.pop();
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw UNSUPPORTED;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    out[key] = walk((value as Record<string, unknown>)[key], path, meta, seen);
    path.pop();
  }
  return out;
}

export function serialize(value: unknown): SuperJSONResult {
  // A bare Date or undefined is annotated at the root, in another shape: superjson's own business.
  if (value === null || typeof value !== 'object' || value instanceof Date) return superjson.serialize(value);
  const meta: { values: Meta | null } = { values: null };
  try {
    const json = walk(value, [], meta, new Set()) as SuperJSONResult['json'];
    return meta.values ? { json, meta: { values: meta.values as NonNullable<SuperJSONResult['meta']>['values'], v: 1 } } : { json };
  } catch (error) {
    if (error !== UNSUPPORTED) throw error;
    return superjson.serialize(value);
  }
}
