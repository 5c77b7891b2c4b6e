'use client';

import { useId, useMemo, useState } from 'react';
import type { ClaimView } from '@/server/domain/maps/get-map';

/**
 * A claim's tags (Argdown's #tags, imported headings) as small chips. Each chip carries its tag
 * in `data-tag`, which is what TagFilter's rule matches, so the graph and the outline filter alike
 * without knowing about each other.
 */
export function TagChips({ tags }: { tags: readonly string[] | undefined }) {
  if (!tags || tags.length === 0) return null;
  return (
    <ul className="tag-chips" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="tag-chip" data-tag={tag}>
          #{tag}
        </li>
      ))}
    </ul>
  );
}

/** Every tag on the map with how many claims carry it, most used first. */
export function tagCounts(claims: readonly Pick<ClaimView, 'tags'>[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const claim of claims) for (const tag of claim.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** The style rule that fades every claim (graph node or outline row) without the chosen tag. */
export function tagFilterRule(tag: string): string {
  const match = `[data-tag="${CSS.escape(tag)}"]`;
  return [
    `.map-canvas .react-flow__node-claim:not(:has(${match})),`,
    `.map-canvas .react-flow__node-evidence,`,
    `.map-canvas .outline-item:not(:has(> .outline-row ${match})) > .outline-row { opacity: 0.28; }`,
  ].join('\n');
}

/**
 * "Tag: [all]" — shows only the claims with one tag at full strength, in the graph and the
 * outline. Renders nothing on a map without tags.
 */
export function TagFilter({ claims }: { claims: readonly Pick<ClaimView, 'tags'>[] }) {
  const id = useId();
  const [tag, setTag] = useState('');
  const tags = useMemo(() => tagCounts(claims), [claims]);
  if (tags.length === 0) return null;
  const active = tags.some((entry) => entry.tag === tag) ? tag : '';
  return (
    <div className="tag-filter">
      <label htmlFor={id} className="small">
        Tag
      </label>
      <select id={id} value={active} onChange={(event) => setTag(event.target.value)}>
        <option value="">All claims</option>
        {tags.map((entry) => (
          <option key={entry.tag} value={entry.tag}>
            #{entry.tag} ({entry.count})
          </option>
        ))}
      </select>
      {active && <style>{tagFilterRule(active)}</style>}
    </div>
  );
}
