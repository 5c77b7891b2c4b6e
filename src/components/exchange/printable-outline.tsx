/**
 * The map's outline for paper: numbered like a Kialo discussion (1., 1.1., 1.2.1.), each claim
 * with "Pro"/"Con" and its tags, quoted passages with their source, and a claim shown a second
 * time as "see 1.2.". Server-rendered, no interaction, readable in black and white.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { buildOutline, type OutlineItem } from '@/components/map/outline';

function numberItems(roots: OutlineItem[], unlinked: OutlineItem[]): Map<string, string> {
  const numbers = new Map<string, string>();
  const walk = (items: OutlineItem[], prefix: string) => {
    items.forEach((item, i) => {
      const number = `${prefix}${i + 1}.`;
      numbers.set(item.key, number);
      if (item.kind === 'claim') walk(item.children, number);
    });
  };
  walk([...roots, ...unlinked], '');
  return numbers;
}

export function PrintableOutline({ map }: { map: MapView }) {
  const outline = buildOutline(map);
  const numbers = numberItems(outline.roots, outline.unlinked);
  const claimById = new Map(map.claims.map((c) => [c.id, c]));
  const evidenceById = new Map(map.evidence.map((e) => [e.id, e]));
  const sourceById = new Map(map.sources.map((s) => [s.id, s]));
  const numberOfClaim = (claimId: string) => numbers.get(outline.keyOfClaim.get(claimId) ?? '') ?? '';

  const render = (item: OutlineItem) => {
    const number = numbers.get(item.key) ?? '';
    const label = item.relation === 'support' ? 'Pro' : item.relation === 'oppose' ? 'Con' : null;
    const head = (
      <span className="print-number">
        {number}
        {label && <span className={`print-label ${item.relation}`}> {label}:</span>}
      </span>
    );
    if (item.kind === 'evidence') {
      const passage = evidenceById.get(item.evidenceId);
      const source = passage ? sourceById.get(passage.sourceId) : undefined;
      return (
        <li key={item.key} className="print-item print-evidence">
          {head} <q>{passage?.exact.replace(/\s+/g, ' ').trim()}</q>
          {source && (
            <span className="print-source">
              {' '}
              — {source.title}
              {source.author ? `, ${source.author}` : ''}
            </span>
          )}
          {passage?.note && <span className="print-note"> ({passage.note})</span>}
        </li>
      );
    }
    const claim = claimById.get(item.claimId);
    if (item.kind === 'ref') {
      return (
        <li key={item.key} className="print-item print-ref">
          {head} <span className="print-text">{claim?.text}</span> <span className="print-see">(see {numberOfClaim(item.claimId)})</span>
        </li>
      );
    }
    return (
      <li key={item.key} className="print-item">
        {head} {claim?.title && <strong className="print-title">{claim.title}: </strong>}
        <span className="print-text">{claim?.text}</span>
        {claim?.tags && claim.tags.length > 0 && <span className="print-tags"> {claim.tags.map((tag) => `#${tag}`).join(' ')}</span>}
        {item.children.length > 0 && <ol className="print-list">{item.children.map(render)}</ol>}
      </li>
    );
  };

  return (
    <article className="printable-outline">
      <h1>{map.map.title}</h1>
      {map.map.description && <p className="print-description">{map.map.description}</p>}
      <ol className="print-list print-top">{outline.roots.map(render)}</ol>
      {outline.unlinked.length > 0 && (
        <>
          <h2>Not linked to a thesis</h2>
          <ol className="print-list print-top">{outline.unlinked.map(render)}</ol>
        </>
      )}
      <p className="print-footer">
        {map.claims.length} claims, {map.evidence.length} quoted passages · printed from Crux
      </p>
    </article>
  );
}
