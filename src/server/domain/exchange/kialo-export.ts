/**
 * Writes a map in Kialo's classic text layout (what `importKialo` and Kialo-compatible tools read):
 *
 *     Discussion Title: Should cities ban cars from their centres?
 *
 *     1. Cities should ban cars from their centres.
 *     1.1. Pro: Fewer cars mean cleaner air.
 *     1.1.1. Con: Electric cars do not pollute the air locally.
 *     1.2. Con: -> See 1.1.1.
 *
 *     Sources:
 *     [1] WHO air quality guidelines https://www.who.int/…
 *
 * Kialo has one thesis: a map with one root writes it as "1."; a map with several roots (or
 * claims only reachable through a cycle) writes the map's title as "1." and each root under it
 * as "Thesis:". A claim that supports or opposes several claims is written once and referenced
 * with "-> See N." elsewhere; evidence passages are written as claims quoting the passage, except
 * a passage quoting a whole source (a footnote citation), which the Sources list already holds.
 */
import type { MapDocument, MapRelation } from '@/shared/map-document';

import { evidenceText } from './evidence-text';
import { collapseWhitespace } from './sanitize-text';

/** Lines that would read as structure (a numbered claim, a reference, the sources block, a title). */
const STRUCTURAL_LINE = /^\s*(?:(?:\d{1,9}\.)+(?:\s|$)|->|Sources\s*:|Discussion (?:Title|Name)\s*:)/i;

/** Claim text as Kialo text lines: line breaks kept, except before a line that would read as structure. */
export function kialoText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (previous !== undefined && (STRUCTURAL_LINE.test(line) || (line.trim() === '' && previous.trim() === ''))) {
      out[out.length - 1] = line.trim() === '' ? previous : `${previous} ${line.trim()}`;
    } else out.push(line);
  }
  const joined = out.join('\n').trim();
  // A claim that itself reads as "-> See 1.2." would become a reference.
  return /^->/.test(joined) ? `\u2192${joined.slice(2)}` : joined;
}

interface Entry {
  number: string;
  label: 'Pro' | 'Con' | 'Thesis' | null;
  text: string | null;
  /** For references: the key (`c:id` / `e:id`) of the node referred to. */
  refKey: string | null;
}

interface Visit {
  key: string;
  number: string;
  label: Entry['label'];
}

const labelOf = (relation: MapRelation): Entry['label'] => (relation === 'support' ? 'Pro' : 'Con');

export function exportKialo(doc: MapDocument): string {
  const sourcesById = new Map(doc.sources.map((s) => [s.id, s]));
  const title = collapseWhitespace(doc.map.title) || 'Untitled discussion';
  const claimIndex = new Map(doc.claims.map((c, i) => [c.id, i]));
  const textOf = new Map<string, string>();
  for (const claim of doc.claims) textOf.set(`c:${claim.id}`, claim.text);
  for (const e of doc.evidence) {
    textOf.set(`e:${e.id}`, evidenceText(e, sourcesById.get(e.sourceId), Number.MAX_SAFE_INTEGER));
  }

  // A passage that quotes a whole source is a footnote citation: the claim's "[n]" and the
  // Sources list already say it.
  const citations = new Set(
    doc.evidence.filter((e) => e.start === 0 && e.end === sourcesById.get(e.sourceId)?.text.length).map((e) => e.id),
  );

  // What argues about each claim, in link order; how many places each node appears in.
  const children = new Map<string, { key: string; relation: MapRelation }[]>();
  const occurrences = new Map<string, number>();
  for (const link of doc.links) {
    if ('evidenceId' in link.from && citations.has(link.from.evidenceId)) continue;
    const key = 'claimId' in link.from ? `c:${link.from.claimId}` : `e:${link.from.evidenceId}`;
    const list = children.get(link.toClaimId) ?? [];
    list.push({ key, relation: link.relation });
    children.set(link.toClaimId, list);
    occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  }

  const entries: Entry[] = [];
  const numberOf = new Map<string, string>();
  const defined = new Set<string>();
  /** Claims not yet written, by position in the map: a shared claim waits for the ones before it. */
  let firstUndefined = 0;
  const lowestUndefined = () => {
    while (firstUndefined < doc.claims.length && defined.has(`c:${doc.claims[firstUndefined]?.id ?? ''}`)) firstUndefined++;
    return firstUndefined;
  };

  /** Depth-first, preorder, with an explicit stack (Kialo discussions can be thousands deep). */
  const walk = (start: Visit) => {
    const stack: Visit[] = [start];
    for (let visit = stack.pop(); visit; visit = stack.pop()) {
      const { key, number, label } = visit;
      const remaining = (occurrences.get(key) ?? 0) - 1;
      occurrences.set(key, remaining);
      const index = key.startsWith('c:') ? (claimIndex.get(key.slice(2)) ?? 0) : -1;
      // A node in several places is written where the map's order puts it, and referenced elsewhere.
      const isHome = !defined.has(key) && (remaining <= 0 || index <= lowestUndefined());
      if (!isHome) {
        entries.push({ number, label, text: null, refKey: key });
        continue;
      }
      defined.add(key);
      numberOf.set(key, number);
      entries.push({ number, label, text: textOf.get(key) ?? '', refKey: null });
      if (!key.startsWith('c:')) continue;
      const kids = children.get(key.slice(2)) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i];
        if (kid) stack.push({ key: kid.key, number: `${number}${i + 1}.`, label: labelOf(kid.relation) });
      }
    }
  };

  const argues = new Set(doc.links.flatMap((l) => ('claimId' in l.from ? [l.from.claimId] : [])));
  const roots = doc.claims.filter((c) => !argues.has(c.id));
  const linkedEvidence = new Set(doc.links.flatMap((l) => ('evidenceId' in l.from ? [l.from.evidenceId] : [])));
  const looseEvidence = doc.evidence.filter((e) => !linkedEvidence.has(e.id) && !citations.has(e.id));
  if (roots.length === 1 && looseEvidence.length === 0 && roots[0]) {
    walk({ key: `c:${roots[0].id}`, number: '1.', label: null });
  } else {
    entries.push({ number: '1.', label: null, text: title, refKey: null });
    roots.forEach((root, i) => walk({ key: `c:${root.id}`, number: `1.${i + 1}.`, label: 'Thesis' }));
  }
  // Claims reachable only through a cycle, and evidence linked to nothing, stand as theses of their own.
  let next = roots.length + 1;
  if (entries.length === 0) entries.push({ number: '1.', label: null, text: title, refKey: null });
  for (const claim of doc.claims) {
    if (defined.has(`c:${claim.id}`)) continue;
    occurrences.set(`c:${claim.id}`, 0);
    walk({ key: `c:${claim.id}`, number: `1.${next++}.`, label: 'Thesis' });
  }
  for (const e of looseEvidence) {
    entries.push({ number: `1.${next++}.`, label: 'Thesis', text: textOf.get(`e:${e.id}`) ?? '', refKey: null });
  }

  const lines = [`Discussion Title: ${title}`, ''];
  for (const entry of entries) {
    const head = entry.label ? `${entry.number} ${entry.label}:` : entry.number;
    const body = entry.refKey !== null ? `-> See ${numberOf.get(entry.refKey) ?? '1.'}` : kialoText(entry.text ?? '');
    lines.push(`${head} ${body}`);
  }
  if (doc.sources.length > 0) {
    lines.push('', 'Sources:');
    doc.sources.forEach((s, i) => {
      const meta = [s.author, s.publisher, s.publishedAt?.slice(0, 10)].filter(Boolean).join(', ');
      lines.push(collapseWhitespace(`[${i + 1}] ${s.title}${meta ? ` — ${meta}` : ''}${s.url ? ` ${s.url}` : ''}`));
    });
  }
  lines.push('');
  return lines.join('\n');
}
