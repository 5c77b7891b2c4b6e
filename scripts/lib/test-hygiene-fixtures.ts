/**
 * Source texts for test-hygiene.test.ts: each shape the check must catch, and look-alikes it must let
 * through. They are data, not tests — strings the checker parses, never run.
 */

/** One line each, with the problem the checker names for it. */
export const SINGLE_LINE_PROBLEMS: [name: string, source: string, problem: string][] = [
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
];

/** A test that asserts on literals its own arrange step set (lines 5–7 are the problems). */
export const ARRANGE_STEP_ASSERTIONS = [
  `it('keeps the title', () => {`,
  `  const title = 'Homework';`,
  `  const claims = [{ id: 'c1' }, { id: 'c2' }];`,
  `  render(map);`,
  `  expect(title).toBe('Homework');`,
  `  expect(claims.length).toBe(2);`,
  `  expect(claims).not.toHaveLength(0);`,
  `});`,
];

/** Literals that reach the code under test or are compared with what it computed: no problem. */
export const LOOK_ALIKES = [
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
];
