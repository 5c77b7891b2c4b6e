/**
 * No test that cannot fail reaches review: every test and e2e spec is read for the shapes in
 * ./test-hygiene.ts (skipped or focused tests, assertions on literals, on themselves, or on what the
 * arrange step set). The fixtures (./test-hygiene-fixtures.ts) show each shape caught, and its look-alikes let through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHygieneProblems } from './test-hygiene';
import { ARRANGE_STEP_ASSERTIONS, LOOK_ALIKES, SINGLE_LINE_PROBLEMS } from './test-hygiene-fixtures';

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
  it.each(SINGLE_LINE_PROBLEMS)('catches %s', (_, source, problem) => {
    expect(problemsIn(source)).toEqual([`1: ${problem}`]);
  });

  it('catches an assertion on what the arrange step set, through a property too', () => {
    const source = ARRANGE_STEP_ASSERTIONS.join('\n');
    expect(problemsIn(source)).toEqual([
      '5: the assertion checks `title`, which the test set to a literal and never handed to the code under test',
      '6: the assertion checks `claims`, which the test set to a literal and never handed to the code under test',
      '7: the assertion checks `claims`, which the test set to a literal and never handed to the code under test',
    ]);
  });

  it('lets through literals that reach the code under test, or are compared with what it computed', () => {
    const source = LOOK_ALIKES.join('\n');
    expect(problemsIn(source)).toEqual([]);
  });

  const others = ROOTS.flatMap(testFiles).filter((file) => path.resolve(file) !== path.resolve(import.meta.filename));
  it.each(others)('%s has no test that cannot fail', (file) => {
    expect(findHygieneProblems(fs.readFileSync(file, 'utf8'), file)).toEqual([]);
  });
});
