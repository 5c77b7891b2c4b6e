/**
 * Shapes of tests that cannot fail, caught before review: an assertion whose subject is a literal
 * (a boolean, number or string), or one that compares an expression with itself.
 * A test with no assertion at all is caught at run time (tests/require-assertions.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'tests', 'e2e', 'scripts', 'prisma'];
const LITERAL_SUBJECT = /expect\((true|false|null|undefined|\d+|'[^']*'|"[^"]*")\)\./;
const SELF_COMPARISON = /expect\(([\w.]+)\)\.(?:toBe|toEqual|toStrictEqual)\(\1\)/;

function testFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'generated' ? [] : testFiles(full);
    return /\.(test|spec)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function findVacuousAssertions(source: string): string[] {
  return source
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => LITERAL_SUBJECT.test(line) || SELF_COMPARISON.test(line))
    .map(({ line, number }) => `${number}: ${line}`);
}

describe('test hygiene', () => {
  it('recognises the shapes it looks for', () => {
    // Built from parts so this file does not itself hold the shapes it refuses.
    const call = (subject: string, matcher: string) => ['expect(', subject, ').', matcher, ';'].join('');
    const vacuous = [call('true', 'toBe(true)'), call('view', 'toEqual(view)'), call("'a'", 'toMatch(/a/)')];
    expect(findVacuousAssertions(vacuous.join('\n'))).toHaveLength(3);
    expect(findVacuousAssertions([call('result', 'toEqual(expected)'), call('map.claims', 'toHaveLength(3)')].join('\n'))).toEqual([]);
  });

  const others = ROOTS.flatMap(testFiles).filter((file) => path.resolve(file) !== path.resolve(import.meta.filename));
  it.each(others)('%s asserts on what the code computed', (file) => {
    expect(findVacuousAssertions(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});
