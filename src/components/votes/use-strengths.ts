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
 * Per map, the last computation: the next change (a vote, an added or undone claim) recomputes only
 * the claims it can reach, and every component asking about the same lists gets the same answer.
 */
const lastByMap = new Map<string, { input: StrengthMapInput; info: StrengthInfo; state: StrengthState }>();
const KEPT_MAPS = 4;

export function strengthsOfView(mapId: string, input: StrengthMapInput): StrengthInfo {
  const last = lastByMap.get(mapId);
  if (last && last.input.claims === input.claims && last.input.evidence === input.evidence && last.input.links === input.links) {
    return last.info;
  }
  const { result, state } = updateStrengthOfMap(last?.state ?? null, input);
  lastByMap.delete(mapId);
  if (lastByMap.size >= KEPT_MAPS) lastByMap.delete(lastByMap.keys().next().value!);
  lastByMap.set(mapId, { input, info: result, state });
  return result;
}

export function useStrengths(map: MapView): StrengthInfo {
  const { claims, evidence, links } = map;
  const mapId = map.map.id;
  return useMemo(() => strengthsOfView(mapId, publishedOnly({ claims, evidence, links })), [mapId, claims, evidence, links]);
}
