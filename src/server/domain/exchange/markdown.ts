/**
 * Markdown export: a readable outline of the map from its roots down.
 *
 *     # Map title
 *
 *     ## Root claim
 *
 *     - **Pro:** A supporting claim
 *       - **Con:** An objection to it
 *     - **Pro (evidence):**
 *       > The quoted passage.[^1]
 *
 *     [^1]: Source title — Author, Publisher, 2021-03-04. <https://…>
 *
 * Each claim is written once; later appearances say "(see above)" (or "(see below)" when the
 * outline was too deep and the claim continues in its own section).
 */
import type { MapDocument, MapDocumentEvidence, MapDocumentSource } from '@/shared/map-document';

import { buildExportTree, type ExportTreeNode } from './export-tree';
import { collapseWhitespace } from './sanitize-text';
import type { TRelation } from '@/shared/schemas/claim';

/** Escapes inline Markdown so claim text renders as written (no links, emphasis, or HTML). */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Escapes a line so it cannot start a block (heading, list, quote, code, rule). */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+\-=]|\d+[.)])/, (_m, space: string, marker: string) => `${space}\\${marker}`);
}

/** Multi-line text as Markdown lines, continuation lines indented to stay inside a list item. */
function block(text: string, indent: string): string {
  const lines = text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((l) => escapeLineStart(escapeMarkdownInline(l.trim())))
    .filter((l) => l.length > 0);
  return lines.join(`  \n${indent}`);
}

function footnoteText(source: MapDocumentSource): string {
  const meta = [source.author, source.publisher, source.publishedAt?.slice(0, 10)]
    .filter((v): v is string => Boolean(v))
    .map((v) => escapeMarkdownInline(collapseWhitespace(v)));
  let out = `**${escapeMarkdownInline(collapseWhitespace(source.title))}**`;
  if (meta.length > 0) out += ` — ${meta.join(', ')}`;
  out += '.';
  if (source.url) out += ` <${encodeURI(decodeURIComponentSafe(source.url))}>`;
  return out;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Writes the map as a Markdown outline with evidence quotes and source footnotes. */
export function exportMarkdown(doc: MapDocument): string {
  const sourcesById = new Map(doc.sources.map((s) => [s.id, s]));
  const footnotes = new Map<string, number>();
  const footnoteFor = (sourceId: string): string => {
    if (!sourcesById.has(sourceId)) return '';
    let n = footnotes.get(sourceId);
    if (n === undefined) {
      n = footnotes.size + 1;
      footnotes.set(sourceId, n);
    }
    return `[^${n}]`;
  };

  const out: string[] = [`# ${escapeLineStart(escapeMarkdownInline(collapseWhitespace(doc.map.title)))}`, ''];
  if (doc.map.description.trim()) out.push(block(doc.map.description, ''), '');

  const quote = (e: MapDocumentEvidence, indent: string) => {
    const lines = e.exact
      .trim()
      .split(/\r\n|\r|\n/)
      .map((l) => escapeMarkdownInline(l.trim()));
    const last = lines.length - 1;
    lines[last] = `${lines[last] ?? ''}${footnoteFor(e.sourceId)}`;
    for (const l of lines) out.push(`${indent}> ${l}`.trimEnd());
    if (e.note?.trim()) out.push(`${indent}`.trimEnd(), `${indent}*Note:* ${block(e.note, indent)}`);
  };

  const label = (relation: TRelation, evidence: boolean) =>
    `**${relation === 'support' ? 'Pro' : 'Con'}${evidence ? ' (evidence)' : ''}:**`;

  const write = (node: ExportTreeNode, depth: number) => {
    const indent = '  '.repeat(depth);
    const inner = `${indent}  `;
    if (node.kind === 'evidence') {
      out.push(`${indent}- ${label(node.relation, true)}`);
      quote(node.evidence, inner);
      return;
    }
    const text = block(node.claim.text, inner);
    if (node.relation === null) {
      out.push(`## ${escapeMarkdownInline(collapseWhitespace(node.claim.text))}`, '');
    } else {
      const see = node.mode === 'ref' ? ` *(see ${node.later ? 'below' : 'above'})*` : '';
      out.push(`${indent}- ${label(node.relation, false)} ${text}${see}`);
    }
    if (node.mode === 'ref') return;
    for (const child of node.children) write(child, node.relation === null ? depth : depth + 1);
  };

  const outline = buildExportTree(doc);
  for (const top of outline.top) {
    write(top, 0);
    if (top.children.length > 0) out.push('');
  }
  if (outline.unlinkedEvidence.length > 0) {
    out.push('## Unlinked evidence', '');
    for (const e of outline.unlinkedEvidence) {
      out.push('- **Evidence:**');
      quote(e, '  ');
    }
    out.push('');
  }

  const cited = [...footnotes.keys()];
  const uncited = doc.sources.filter((s) => !footnotes.has(s.id)).map((s) => s.id);
  for (const id of uncited) footnoteFor(id);
  if (cited.length + uncited.length > 0) {
    for (const id of [...cited, ...uncited]) {
      const source = sourcesById.get(id);
      if (source) out.push(`[^${footnotes.get(id)}]: ${footnoteText(source)}`);
    }
    out.push('');
  }
  return out.join('\n');
}
