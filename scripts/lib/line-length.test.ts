/**
 * No source line is wider than Prettier's printWidth (140). Prettier cannot break a long string or
 * comment, so this catches what formatting leaves: split the string (`'…' +` on the next line) or
 * name a part. Left out: applied migrations (their checksums are recorded, so they are never edited)
 * and Prisma's generated client.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const MAX_LINE = 140;
const SOURCE = /\.(ts|tsx|js|mjs|cjs|css)$/;
const LEFT_OUT = [/^prisma\/migrations\//, /^src\/generated\//];

function trackedSources(): string[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\n');
  return files.filter((file) => SOURCE.test(file) && !LEFT_OUT.some((pattern) => pattern.test(file)) && fs.existsSync(file));
}

function longLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (line.length > MAX_LINE ? [`${file}:${index + 1} (${line.length} characters)`] : []));
}

describe('line length', () => {
  it('finds the source files to check', () => {
    expect(trackedSources()).toEqual(expect.arrayContaining(['scripts/lib/line-length.test.ts', 'src/app/globals.css']));
  });

  it(`keeps every source line within ${MAX_LINE} characters`, () => {
    expect(trackedSources().flatMap(longLines)).toEqual([]);
  });
});
