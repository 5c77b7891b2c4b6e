/**
 * Argdown (https://argdown.org) export: claims become statements `[Title]: text`; the links into a
 * claim are written as nested relations under it (`+ [Supporter]: …`, `- [Opposer]: …`); evidence
 * passages become statements quoting the passage and naming the source. A node already written is
 * referenced by title only.
 */
import type { MapDocument, MapDocumentClaimData } from '@/shared/map-document';

import { deriveTitle, isReservedTitle } from './argdown-titles';
import { evidenceText } from './evidence-text';
import { buildExportTree, type ExportTreeNode } from './export-tree';
import { collapseWhitespace } from './sanitize-text';

/**
 * Escapes text so Argdown reads it back verbatim (after whitespace normalisation): every character
 * that could start markup (titles, mentions, tags, bold/italic, data, comments, front matter,
 * shortcodes such as `:smile:` or `.A.`) is backslash-escaped. Line breaks become spaces, because
 * Argdown joins the lines of a statement with spaces anyway.
 */
export function escapeArgdownText(text: string): string {
  const s = collapseWhitespace(text);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const next = s.charAt(i + 1);
    switch (c) {
      case '\\':
      case '[':
      case ']':
      case '<':
      case '>':
      case '{':
      case '}':
      case '#':
      case '@':
      case '*':
      case '_':
        out += `\\${c}`;
        break;
      case '/':
        out += next === '/' || next === '*' ? '\\/' : '/';
        break;
      case '=': {
        // Front matter is `===…===`: escape every "=" that belongs to a run of three or more.
        let runStart = i;
        while (runStart > 0 && s.charAt(runStart - 1) === '=') runStart--;
        let runEnd = i;
        while (runEnd < s.length && s.charAt(runEnd) === '=') runEnd++;
        out += runEnd - runStart >= 3 ? '\\=' : '=';
        break;
      }
      case '.':
      case ':': {
        // Shortcodes are `.name.` / `:name:` with no whitespace inside. Escape every "." (":")
        // followed by another one in the same whitespace-free run, so no such span can start.
        let j = i + 1;
        while (j < s.length && s.charAt(j) !== c && !/\s/.test(s.charAt(j))) j++;
        out += j < s.length && s.charAt(j) === c ? `\\${c}` : c;
        break;
      }
      default:
        out += c;
    }
  }
  return out;
}

class TitleRegistry {
  private readonly used = new Set<string>();

  take(preferred: string, fallback: string): string {
    const base = preferred || fallback;
    let title = base;
    for (let n = 2; this.used.has(title.toLowerCase()) || isReservedTitle(title); n++) title = `${base} ${n}`;
    this.used.add(title.toLowerCase());
    return title;
  }
}

/**
 * A claim's own title as an Argdown statement title, punctuation kept ("No harm, no ban",
 * "Dogs!"): only square brackets, which would end the title, become parentheses.
 */
export function argdownTitle(title: string): string {
  return collapseWhitespace(title.replace(/\[/g, '(').replace(/\]/g, ')'));
}

/** `#tag` for a one-word tag, `#(two words)` otherwise (a ")" inside cannot be written). */
export function argdownTags(tags: readonly string[]): string {
  return tags
    .map((tag) => collapseWhitespace(tag))
    .filter(Boolean)
    .map((tag) => (/^[\p{L}\p{N}_-]+$/u.test(tag) ? ` #${tag}` : ` #(${tag.replace(/[()]/g, '')})`))
    .join('');
}

/**
 * Claim data as an Argdown YAML flow mapping. Strings are JSON strings (valid YAML), with the
 * characters Argdown's lexer treats as markup written as \u escapes, so no string ends the data.
 */
export function argdownData(data: MapDocumentClaimData): string {
  const write = (value: unknown): string => {
    if (typeof value === 'string') {
      const escape = (c: string) => (c === '\\' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return JSON.stringify(value).replace(/[{}[\]=/#<>@*_\\]/g, escape);
    }
    if (Array.isArray(value)) return `[${value.map(write).join(', ')}]`;
    if (typeof value === 'object' && value !== null) {
      return `{${Object.entries(value)
        .map(([k, v]) => `${write(k)}: ${write(v)}`)
        .join(', ')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  };
  return write(data);
}

function frontMatterValue(value: string): string {
  // JSON strings are valid YAML double-quoted scalars; "=" is escaped so "===" cannot end the block.
  return JSON.stringify(value).replace(/=/g, '\\u003d');
}

/** Writes the map as Argdown. Deterministic for a given document. */
export function exportArgdown(doc: MapDocument): string {
  const titles = new TitleRegistry();
  const claimTitles = new Map<string, string>();
  doc.claims.forEach((claim, i) => {
    const own = claim.title ? argdownTitle(claim.title) : '';
    claimTitles.set(claim.id, titles.take(own || deriveTitle(claim.text), `C${i + 1}`));
  });
  const evidenceTitles = new Map<string, string>();
  const sourcesById = new Map(doc.sources.map((s) => [s.id, s]));
  doc.evidence.forEach((e, i) => {
    evidenceTitles.set(e.id, titles.take(deriveTitle(`Quote ${e.exact}`), `Q${i + 1}`));
  });

  const lines: string[] = ['==='];
  lines.push(`title: ${frontMatterValue(doc.map.title)}`);
  if (doc.map.description) lines.push(`description: ${frontMatterValue(doc.map.description)}`);
  lines.push('===', '');

  const statement = (title: string, text: string) => `[${title}]: ${escapeArgdownText(text)}`;
  const evidenceStatement = (e: MapDocument['evidence'][number]) =>
    statement(evidenceTitles.get(e.id) ?? e.id, evidenceText(e, sourcesById.get(e.sourceId)));

  const write = (node: ExportTreeNode, depth: number) => {
    const indent = '  '.repeat(depth);
    const marker = node.relation === null ? '' : node.relation === 'support' ? '+ ' : '- ';
    if (node.kind === 'evidence') {
      lines.push(indent + marker + (node.mode === 'ref' ? `[${evidenceTitles.get(node.evidence.id)}]` : evidenceStatement(node.evidence)));
      return;
    }
    const title = claimTitles.get(node.claim.id) ?? node.claim.id;
    const claim = node.claim;
    const extras = `${argdownTags(claim.tags ?? [])}${claim.data ? ` ${argdownData(claim.data)}` : ''}`;
    lines.push(indent + marker + (node.mode === 'ref' ? `[${title}]` : `${statement(title, claim.text)}${extras}`));
    for (const child of node.children) write(child, depth + 1);
  };

  const tree = buildExportTree(doc);
  for (const top of tree.top) {
    write(top, 0);
    lines.push('');
  }
  for (const e of tree.unlinkedEvidence) {
    lines.push(evidenceStatement(e), '');
  }
  if (doc.sources.length > 0) {
    lines.push('// Sources');
    doc.sources.forEach((s, i) => {
      const meta = [s.author, s.publisher, s.publishedAt?.slice(0, 10)].filter(Boolean).join(', ');
      lines.push(collapseWhitespace(`// [${i + 1}] ${s.title}${meta ? ` — ${meta}` : ''}${s.url ? ` ${s.url}` : ''}`));
    });
    lines.push('');
  }
  return lines.join('\n');
}
