'use client';

import { useQuery } from '@tanstack/react-query';
import type { Actor } from '@/server/access/actor';
import type { MapView } from '@/server/domain/maps/get-map';
import { useTRPC } from '@/trpc/client';

interface Props {
  initialMap: MapView;
  viewer: Actor | null;
}

export function MapWorkspace({ initialMap }: Props) {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.map.get.queryOptions({ mapId: initialMap.map.id }), initialData: initialMap });
  const map = data ?? initialMap;
  const childrenOf = new Map<string, { id: string; relation: string }[]>();
  for (const link of map.links) {
    if (!link.fromClaimId) continue;
    const list = childrenOf.get(link.toClaimId) ?? [];
    list.push({ id: link.fromClaimId, relation: link.relation });
    childrenOf.set(link.toClaimId, list);
  }
  const hasParent = new Set(map.links.filter((link) => link.fromClaimId).map((link) => link.fromClaimId!));
  const claimById = new Map(map.claims.map((claim) => [claim.id, claim]));
  const roots = map.claims.filter((claim) => !hasParent.has(claim.id));

  const renderClaim = (id: string, relation: string | null, seen: Set<string>) => {
    const claim = claimById.get(id);
    if (!claim || seen.has(id)) return null;
    const nextSeen = new Set(seen).add(id);
    return (
      <li key={`${id}-${relation}`}>
        {relation && <strong>{relation === 'support' ? '+ ' : '− '}</strong>}
        {claim.text}
        {(childrenOf.get(id) ?? []).length > 0 && (
          <ul>{(childrenOf.get(id) ?? []).map((child) => renderClaim(child.id, child.relation, nextSeen))}</ul>
        )}
      </li>
    );
  };

  return (
    <main className="page">
      <h1>{map.map.title}</h1>
      {map.map.description && <p className="muted">{map.map.description}</p>}
      <ul>{roots.map((root) => renderClaim(root.id, null, new Set()))}</ul>
    </main>
  );
}
