'use client';

import { useMemo } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { publishedOnly } from '@/shared/moderation';
import type { StrengthState } from '@/shared/strength/incremental-strength';
import { updateStrengthOfMap, type StrengthMapInput } from '@/shared/strength/strength-of-map';

/**
 * Computed DF-QuAD strength per claim and passage, from the map's votes and structure. The same
 * pure function computes `strength` in map.get, so a vote or link arriving in the cache updates
 * the canvas at once and agrees with the server.
 */
export interface StrengthInfo {
  strengths: Record<string, number>;
  converged: boolean;
  /** The map has a cycle of supports/opposes (strengths come from a fixed-point iteration). */
  hasCycles?: boolean;
  /** Ids with no votes on them or below them: shown as "unrated", left out of aggregation. */
  unrated?: readonly string[];
}

/**
 * Per map, the last two computations (the graph follows the map one render behind the side panel,
 * so both versions are asked for): the next change (a vote, an added or undone claim) recomputes
 * only the claims it can reach, and every component asking about the same lists gets the same answer.
 */
type Computed = { input: StrengthMapInput; info: StrengthInfo; state: StrengthState };
const lastByMap = new Map<string, Computed[]>();
const KEPT_MAPS = 4;

export function strengthsOfView(mapId: string, input: StrengthMapInput): StrengthInfo {
  const recent = lastByMap.get(mapId) ?? [];
  const known = recent.find(
    (entry) => entry.input.claims === input.claims && entry.input.evidence === input.evidence && entry.input.links === input.links,
  );
  if (known) return known.info;
  const { result, state } = updateStrengthOfMap(recent[0]?.state ?? null, input);
  lastByMap.delete(mapId);
  if (lastByMap.size >= KEPT_MAPS) lastByMap.delete(lastByMap.keys().next().value!);
  lastByMap.set(mapId, [{ input, info: result, state }, ...recent.slice(0, 1)]);
  return result;
}

export function useStrengths(map: MapView): StrengthInfo {
  const { claims, evidence, links } = map;
  const mapId = map.map.id;
  return useMemo(() => strengthsOfView(mapId, publishedOnly({ claims, evidence, links })), [mapId, claims, evidence, links]);
}
