/**
 * The docs are a newcomer's map of the code: every repository path they name in backticks must
 * exist, and every `Model.field` they name must be in prisma/schema.prisma, so a rename or a
 * removal that forgets the docs fails here instead of misleading the next reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = [
  'README.md',
  ...fs
    .readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name)),
];
const REPO_FOLDERS = ['src/', 'prisma/', 'scripts/', 'tests/', 'e2e/', 'docs/', 'public/', '.ci/'];

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim());
}

/** Paths with placeholders (`<resource>`, `…`, `*`) describe a pattern, not a file. */
function isConcretePath(token: string): boolean {
  return REPO_FOLDERS.some((folder) => token.startsWith(folder)) && !/[<>…*{}$ ]/.test(token);
}

function schemaFields(): Map<string, Set<string>> {
  const models = new Map<string, Set<string>>();
  const schema = fs.readFileSync(path.join('prisma', 'schema.prisma'), 'utf8');
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields = new Set(
      match[2]!
        .split('\n')
        .map((line) => line.trim().split(/\s+/)[0] ?? '')
        .filter((name) => /^\w+$/.test(name)),
    );
    models.set(match[1]!, fields);
  }
  return models;
}

describe.each(DOCS)('%s', (doc) => {
  const tokens = backticked(fs.readFileSync(doc, 'utf8'));

  it('names only paths that exist', () => {
    const missing = tokens.filter(isConcretePath).filter((token) => !fs.existsSync(token.replace(/[/:]$/, '')));
    expect(missing).toEqual([]);
  });

  it('names only columns the schema has', () => {
    const models = schemaFields();
    const missing = tokens
      .map((token) => /^([A-Z]\w+)\.(\w+)$/.exec(token))
      .filter((match): match is RegExpExecArray => match !== null && models.has(match[1]!))
      .filter((match) => !models.get(match[1]!)!.has(match[2]!))
      .map((match) => match[0]);
    expect(missing).toEqual([]);
  });
});
