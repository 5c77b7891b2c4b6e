/**
 * AIF (Argument Interchange Format) in the AIFdb JSON dialect:
 * `{ nodes: [{nodeID, text, type, timestamp}], edges: [{edgeID, fromID, toID}], locutions: [] }`,
 * also read inside the OVA3 / xAIF envelope `{ "AIF": { nodes, edges, … }, "OVA": …, "text": … }`.
 *
 * Claims and evidence are I-nodes (information). A support link is I → RA → I (rule application),
 * an oppose link I → CA → I (conflict application). Dialogue-layer nodes (L, YA, TA) and others
 * (MA, PA, …) have no Crux counterpart and are skipped on import with a warning. A scheme node's
 * name ("Argument From Analogy", "Expert Opinion") is kept as the links' `scheme` and written back
 * as the RA/CA node's text and `scheme`.
 */
import { z } from 'zod';

import { MAP_DOCUMENT_LIMITS, formatJsonPath, type MapDocument, type MapRelation } from '@/shared/map-document';

import { MAX_TEXT_IMPORT_BYTES, assertTextInput } from './byte-limits';
import { truncate } from '@/shared/truncate';

import { DocumentBuilder, fitClaimText, tooManyNodes } from './document-builder';
import { evidenceText } from './evidence-text';
import { ImportWarnings, WARNING_EXAMPLES, plural, type ImportResult } from './import-result';
import { collapseWhitespace, replacedWarning, sanitizeText } from './sanitize-text';
import { ImportError } from './import-error';
import { parseJsonText } from './json';

export interface AifNode {
  nodeID: string;
  text: string;
  type: 'I' | 'RA' | 'CA';
  /** The scheme's name on RA/CA nodes that have one other than the default. */
  scheme?: string;
  /** AIFdb style: `YYYY-MM-DD HH:MM:SS` (UTC). */
  timestamp: string;
}

export interface AifEdge {
  edgeID: string;
  fromID: string;
  toID: string;
}

export interface AifJson {
  nodes: AifNode[];
  edges: AifEdge[];
  locutions: unknown[];
}

export const AIF_SUPPORT_TEXT = 'Default Inference';
export const AIF_CONFLICT_TEXT = 'Default Conflict';

function aifTimestamp(iso: string): string {
  const d = new Date(iso);
  const date = Number.isNaN(d.getTime()) ? new Date(0) : d;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Writes the map as AIFdb JSON. Node and edge ids are sequential numbers (as strings). */
export function exportAif(doc: MapDocument): AifJson {
  const timestamp = aifTimestamp(doc.exportedAt);
  const nodes: AifNode[] = [];
  const edges: AifEdge[] = [];
  const claimNode = new Map<string, string>();
  const evidenceNode = new Map<string, string>();
  const sourcesById = new Map(doc.sources.map((s) => [s.id, s]));
  const addNode = (type: AifNode['type'], text: string, scheme?: string): string => {
    const nodeID = String(nodes.length + 1);
    nodes.push({ nodeID, text, type, ...(scheme && { scheme }), timestamp });
    return nodeID;
  };
  const addEdge = (fromID: string, toID: string) => {
    edges.push({ edgeID: String(edges.length + 1), fromID, toID });
  };
  for (const claim of doc.claims) claimNode.set(claim.id, addNode('I', claim.text));
  for (const e of doc.evidence) evidenceNode.set(e.id, addNode('I', evidenceText(e, sourcesById.get(e.sourceId))));
  for (const link of doc.links) {
    const from = 'claimId' in link.from ? claimNode.get(link.from.claimId) : evidenceNode.get(link.from.evidenceId);
    const to = claimNode.get(link.toClaimId);
    if (!from || !to) continue;
    const type = link.relation === 'support' ? 'RA' : 'CA';
    const scheme = addNode(type, link.scheme ?? (type === 'RA' ? AIF_SUPPORT_TEXT : AIF_CONFLICT_TEXT), link.scheme);
    addEdge(from, scheme);
    addEdge(scheme, to);
  }
  return { nodes, edges, locutions: [] };
}

// ---------------------------------------------------------------------------------------------
// Import

const ZAifId = z.union([z.string().trim().min(1, 'An id must not be empty.').max(256), z.int()]).transform((v) => String(v));

const ZAifImport = z.object({
  nodes: z
    .array(
      z.object({
        nodeID: ZAifId,
        type: z.string().max(64),
        text: z.string().max(100_000).nullish(),
        scheme: z.unknown().optional(),
      }),
    )
    .max(200_000),
  edges: z
    .array(
      z.object({
        fromID: ZAifId,
        toID: ZAifId,
      }),
    )
    .max(400_000),
  locutions: z.array(z.unknown()).max(400_000).nullish(),
});

const AIF_LIMIT_BYTES = MAX_TEXT_IMPORT_BYTES;

/** Names that only say "a support" / "an attack": no scheme worth keeping. */
const DEFAULT_SCHEMES = new Set(['default inference', 'default conflict', 'ra', 'ca', 'inference', 'conflict', '']);

/** The scheme an RA/CA node names: its `scheme` field (xAIF), else its text (AIFdb), unless a default. */
function schemeName(node: { text?: string | null; scheme?: unknown }, type: 'RA' | 'CA'): string | null {
  const named = typeof node.scheme === 'string' ? node.scheme : (node.text ?? '');
  const scheme = collapseWhitespace(named);
  if (DEFAULT_SCHEMES.has(scheme.toLowerCase())) return null;
  if (type === 'CA' && /^default\b/i.test(scheme)) return null;
  return scheme;
}

/**
 * Reads AIF JSON (a parsed value, or the JSON text). I-nodes become claims; each RA node becomes a
 * support link from every premise to every conclusion, each CA node an oppose link. Other node
 * types are skipped and counted in the warnings. Problems name the JSON path (`nodes[3].text`).
 */
export function importAif(json: unknown): ImportResult {
  let value = json;
  if (typeof value === 'string') {
    assertTextInput(value, 'AIF JSON', AIF_LIMIT_BYTES);
    value = parseJsonText(value.replace(/^\uFEFF/, ''), 'AIF JSON');
  }
  const shapeHint = 'Expected AIF JSON with "nodes" and "edges" (as AIFdb exports it), or an OVA3/xAIF file with them inside "AIF".';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError(`(document): ${shapeHint}`, { path: '(document)' });
  }
  // OVA3 and xAIF wrap the graph: { "AIF": { nodes, edges, … }, "OVA": …, "text": … }.
  const envelope = (value as { AIF?: unknown }).AIF;
  const inEnvelope = !('nodes' in value) && typeof envelope === 'object' && envelope !== null && !Array.isArray(envelope);
  if (inEnvelope) value = envelope;
  if (!('nodes' in (value as object)) && !('edges' in (value as object))) {
    throw new ImportError(`(document): ${shapeHint}`, { path: '(document)' });
  }
  const parsed = ZAifImport.safeParse(value);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const path = formatJsonPath([...(inEnvelope ? ['AIF'] : []), ...(first?.path ?? [])]);
    throw new ImportError(
      `${path}: ${first?.message ?? 'Invalid AIF.'}${rest.length > 0 ? ` (and ${plural(rest.length, 'more problem')})` : ''}`,
      { path },
    );
  }
  const { nodes, edges } = parsed.data;
  const notes = new ImportWarnings();
  const builder = new DocumentBuilder('Imported AIF map');
  const nodePath = (i: number) => `${inEnvelope ? 'AIF.' : ''}nodes[${i}]`;

  // Index nodes; reject duplicate ids.
  const typeOf = new Map<string, string>();
  const firstIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    const earlier = firstIndex.get(node.nodeID);
    if (earlier !== undefined) {
      const path = `${nodePath(i)}.nodeID`;
      throw new ImportError(`${path}: Duplicate node id "${node.nodeID}" (also ${nodePath(earlier)}).`, { path });
    }
    firstIndex.set(node.nodeID, i);
    typeOf.set(node.nodeID, node.type.trim().toUpperCase());
  });

  const iNodes = nodes.filter((n) => typeOf.get(n.nodeID) === 'I');
  if (iNodes.length > MAP_DOCUMENT_LIMITS.maxNodes) throw tooManyNodes(iNodes.length, 'AIF document');

  let replaced = 0;
  let emptyINodes = 0;
  const claimOf = new Map<string, string>();
  nodes.forEach((node, i) => {
    if (typeOf.get(node.nodeID) !== 'I') return;
    const sanitized = sanitizeText(node.text ?? '');
    replaced += sanitized.replaced;
    const text = sanitized.text.trim();
    if (!text) {
      emptyINodes++;
      return;
    }
    claimOf.set(node.nodeID, builder.addClaim(fitClaimText(text, `I-node ${node.nodeID} (${nodePath(i)})`, notes)));
  });
  if (replaced > 0) notes.note(replacedWarning(replaced));
  if (emptyINodes > 0) notes.note(`Skipped ${emptyINodes} I-node${emptyINodes === 1 ? '' : 's'} without text.`);

  const ignoredTypes = new Map<string, number>();
  const ignoredExamples: string[] = [];
  for (const node of nodes) {
    const type = typeOf.get(node.nodeID) ?? '';
    if (type === 'I' || type === 'RA' || type === 'CA') continue;
    const seen = ignoredTypes.get(type) ?? 0;
    ignoredTypes.set(type, seen + 1);
    // One example of each type, the first few types.
    if (seen === 0 && ignoredExamples.length < WARNING_EXAMPLES) {
      const text = collapseWhitespace(node.text ?? '');
      ignoredExamples.push(`${type || '(no type)'} node ${node.nodeID}${text ? ` “${truncate(text, 60)}”` : ''}`);
    }
  }

  // Premises and conclusions of each scheme node.
  const premises = new Map<string, string[]>();
  const conclusions = new Map<string, string[]>();
  let danglingEdges = 0;
  let schemeToScheme = 0;
  let directINodeEdges = 0;
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const edge of edges) {
    const fromType = typeOf.get(edge.fromID);
    const toType = typeOf.get(edge.toID);
    if (fromType === undefined || toType === undefined) {
      danglingEdges++;
      continue;
    }
    const fromScheme = fromType === 'RA' || fromType === 'CA';
    const toScheme = toType === 'RA' || toType === 'CA';
    if (fromType === 'I' && toScheme) push(premises, edge.toID, edge.fromID);
    else if (fromScheme && toType === 'I') push(conclusions, edge.fromID, edge.toID);
    else if (fromScheme && toScheme) schemeToScheme++;
    else if (fromType === 'I' && toType === 'I') directINodeEdges++;
    // Edges touching ignored node types are part of what the ignored-types warning covers.
  }

  let incomplete = 0;
  let selfLinks = 0;
  let conflicts = 0;
  for (const node of nodes) {
    const type = typeOf.get(node.nodeID);
    if (type !== 'RA' && type !== 'CA') continue;
    const relation: MapRelation = type === 'RA' ? 'support' : 'oppose';
    const scheme = schemeName(node, type);
    const from = (premises.get(node.nodeID) ?? []).flatMap((id) => claimOf.get(id) ?? []);
    const to = (conclusions.get(node.nodeID) ?? []).flatMap((id) => claimOf.get(id) ?? []);
    if (from.length === 0 || to.length === 0) {
      incomplete++;
      continue;
    }
    for (const f of from) {
      for (const t of to) {
        const result = builder.addLink(f, t, relation, scheme);
        if (result === 'self') selfLinks++;
        if (result === 'conflict') conflicts++;
      }
    }
  }

  if (ignoredTypes.size > 0) {
    const total = [...ignoredTypes.values()].reduce((a, b) => a + b, 0);
    const detail = [...ignoredTypes.entries()].map(([t, n]) => `${t || '(no type)'}: ${n}`).join(', ');
    notes.note(`Ignored ${plural(total, 'node')} of types Crux does not represent (${detail}; e.g. ${ignoredExamples.join('; ')}).`);
  }
  if (incomplete > 0) notes.note(`Skipped ${plural(incomplete, 'RA/CA node')} without both a premise and a conclusion I-node.`);
  if (schemeToScheme > 0) {
    notes.note(`Skipped ${plural(schemeToScheme, 'edge')} between scheme nodes (e.g. undercuts): Crux links only claims.`);
  }
  if (directINodeEdges > 0) notes.note(`Skipped ${plural(directINodeEdges, 'edge')} directly between I-nodes (no RA/CA node).`);
  if (danglingEdges > 0) notes.note(`Skipped ${plural(danglingEdges, 'edge')} pointing at node ids that do not exist.`);
  if (selfLinks > 0) notes.note(`Skipped ${plural(selfLinks, 'relation')} of a claim to itself.`);
  if (conflicts > 0) {
    notes.note(`Skipped ${plural(conflicts, 'relation')} that both supported and attacked the same claim from the same claim.`);
  }
  if (builder.claims.length === 0) throw new ImportError('The AIF document contains no I-nodes with text.');
  return { document: builder.build(), warnings: notes.list() };
}
