/**
 * No test that cannot fail reaches review: every test and e2e spec is read for the shapes in
 * ./test-hygiene.ts (skipped or focused tests, assertions on literals, on themselves, or on what the
 * arrange step set). The fixtures below show each shape caught, and its look-alikes let through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHygieneProblems } from './test-hygiene';

const ROOTS = ['src', 'tests', 'e2e', 'scripts', 'prisma'];

function testFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'generated' ? [] : testFiles(full);
    return /\.(test|spec)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const problemsIn = (source: string) => findHygieneProblems(source).map(({ line, problem }) => `${line}: ${problem}`);

describe('findHygieneProblems', () => {
  it.each([
    ['a skipped test', `it.skip('adds', () => {});`, 'a skip test: it runs nothing or hides the rest'],
    ['a focused test', `test.only('adds', async () => {});`, 'a only test: it runs nothing or hides the rest'],
    ['a focused describe (Playwright)', `test.describe.only('map', () => {});`, 'a only test: it runs nothing or hides the rest'],
    ['a test skipped on a condition', `it.skipIf(process.env.CI)('adds', () => {});`, 'a skipIf test: it runs nothing or hides the rest'],
    ['a test left to do', `it.todo('adds');`, 'a todo test: it runs nothing or hides the rest'],
    ['an assertion on true', `expect(true).toBe(true);`, 'the assertion compares a literal with a literal'],
    ['an assertion on a number', `expect(1).toBe(1);`, 'the assertion compares a literal with a literal'],
    ['an assertion on a written-out list', `expect(['a', -1]).toHaveLength(2);`, 'the assertion compares a literal with a literal'],
    ['a string matched against a pattern', `expect('a').toMatch(/a/);`, 'the assertion compares a literal with a literal'],
    ['a comparison with itself', `expect(view.claims).toEqual(view.claims);`, 'the assertion compares an expression with itself'],
  ])('catches %s', (_, source, problem) => {
    expect(problemsIn(source)).toEqual([`1: ${problem}`]);
  });

  it('catches an assertion on what the arrange step set, through a property too', () => {
    const source = [
      `it('keeps the title', () => {`,
      `  const title = 'Homework';`,
      `  const claims = [{ id: 'c1' }, { id: 'c2' }];`,
      `  render(map);`,
      `  expect(title).toBe('Homework');`,
      `  expect(claims.length).toBe(2);`,
      `  expect(claims).not.toHaveLength(0);`,
      `});`,
    ].join('\n');
    expect(problemsIn(source)).toEqual([
      '5: the assertion checks `title`, which the test set to a literal and never handed to the code under test',
      '6: the assertion checks `claims`, which the test set to a literal and never handed to the code under test',
      '7: the assertion checks `claims`, which the test set to a literal and never handed to the code under test',
    ]);
  });

  it('lets through literals that reach the code under test, or are compared with what it computed', () => {
    const source = [
      `it('computes', async () => {`,
      `  const input = [1, 2];`,
      `  const calls: string[] = [];`,
      `  const fake = { send: (message: string) => calls.push(message) };`,
      `  let count = 0;`,
      `  count = total(input, fake);`,
      `  const expected = 3;`,
      `  const state = { done: false };`,
      `  finish(state);`,
      `  const doubled = [1, 2];`,
      `  expect(count).toBe(expected);`,
      `  expect(expected).toBe(count);`,
      `  expect(calls).toEqual(['a']);`,
      `  expect(state.done).toBe(true);`,
      `  expect(doubled.map(double)).toEqual([2, 4]);`,
      `  expect(exportMap(map)).toEqual(exportMap(map));`,
      `  expect(() => parse(input)).toThrow();`,
      `  expect(['support', 'oppose']).toContain(relationOf(link));`,
      `  const value = 1;`,
      `  for (const value of computeAll()) expect(value).toBe(1);`,
      `});`,
      `it.each([1, 2])('runs %s', (n) => expect(square(n)).toBeGreaterThan(0));`,
      `const title = 'Homework';`,
      `expect(screen.title).toBe(title);`,
    ].join('\n');
    expect(problemsIn(source)).toEqual([]);
  });

  const others = ROOTS.flatMap(testFiles).filter((file) => path.resolve(file) !== path.resolve(import.meta.filename));
  it.each(others)('%s has no test that cannot fail', (file) => {
    expect(findHygieneProblems(fs.readFileSync(file, 'utf8'), file)).toEqual([]);
  });
});
