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
  if (!key.includes('.') && !key.includes('\\')) return key;
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

const HAS_UNDEFINED = Symbol('has undefined');

type Path = (string | number)[];

function datePath(path: Path, key: string | number): string {
  const parts = path.map((part) => (typeof part === 'number' ? String(part) : escapeKey(part)));
  parts.push(typeof key === 'number' ? String(key) : escapeKey(key));
  return parts.join('.');
}

/** Checks one child of a container; returns true when it is itself a container to descend into. */
function isContainer(child: unknown, path: Path, key: string | number, meta: { values: Meta | null }): child is object {
  if (child === null) return false;
  switch (typeof child) {
    case 'string':
    case 'boolean':
      return false;
    case 'number':
      if (!Number.isFinite(child) || Object.is(child, -0)) throw UNSUPPORTED;
      return false;
    case 'undefined':
      throw HAS_UNDEFINED;
    case 'object':
      if (!(child instanceof Date)) return true;
      if (Number.isNaN(child.getTime()) || Object.prototype.hasOwnProperty.call(child, 'toJSON')) throw UNSUPPORTED;
      (meta.values ??= {})[datePath(path, key)] = ['Date'];
      return false;
    default:
      throw UNSUPPORTED;
  }
}

/**
 * The common case without copying: a tree of JSON values and valid Dates only. It only records where the
 * Dates are; JSON.stringify later writes each Date with toJSON, which is the toISOString superjson writes.
 * Anything else is thrown for the copying walk (an `undefined`, whose place superjson writes as null) or
 * for superjson. Leaves are checked in their container's loop: a map has tens of thousands of them.
 */
function annotateDates(container: object, path: Path, meta: { values: Meta | null }, seen: Set<object>): void {
  if (seen.has(container)) throw UNSUPPORTED;
  seen.add(container);
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length; index += 1) {
      const child: unknown = container[index];
      if (!isContainer(child, path, index, meta)) continue;
      path.push(index);
      annotateDates(child, path, meta, seen);
      path.pop();
    }
    return;
  }
  const prototype = Object.getPrototypeOf(container) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw UNSUPPORTED;
  if ('toJSON' in container) throw UNSUPPORTED;
  for (const key of Object.keys(container)) {
    const child = (container as Record<string, unknown>)[key];
    if (!isContainer(child, path, key, meta)) continue;
    path.push(key);
    annotateDates(child, path, meta, seen);
    path.pop();
  }
}

function withMeta(json: unknown, meta: { values: Meta | null }): SuperJSONResult {
  const body = json as SuperJSONResult['json'];
  return meta.values
    ? { json: body, meta: { values: meta.values as NonNullable<SuperJSONResult['meta']>['values'], v: 1 } }
    : { json: body };
}

/**
 * superjson's encoding of `value`, to be sent with JSON.stringify (as tRPC and the event stream do):
 * the bytes are superjson's own. The result may share objects and Dates with `value`.
 */
export function serialize(value: unknown): SuperJSONResult {
  // A bare Date or undefined is annotated at the root, in another shape: superjson's own business.
  if (value === null || typeof value !== 'object' || value instanceof Date) return superjson.serialize(value);
  try {
    const dates: { values: Meta | null } = { values: null };
    annotateDates(value, [], dates, new Set());
    return withMeta(value, dates);
  } catch (error) {
    if (error !== UNSUPPORTED && error !== HAS_UNDEFINED) throw error;
    if (error === UNSUPPORTED) return superjson.serialize(value);
  }
  const meta: { values: Meta | null } = { values: null };
  try {
    return withMeta(walk(value, [], meta, new Set()), meta);
  } catch (error) {
    if (error !== UNSUPPORTED) throw error;
    return superjson.serialize(value);
  }
}

/** tRPC's transformer: inputs decoded by superjson, outputs encoded in superjson's format by `serialize`. */
export const transformer = {
  input: superjson,
  output: { serialize, deserialize: (value: SuperJSONResult) => superjson.deserialize(value) },
};
