'use client';

import { useMemo } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { publishedOnly } from '@/shared/moderation';
import { strengthOfMap } from '@/shared/strength/strength-of-map';

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

export function useStrengths(map: MapView): StrengthInfo {
  const { claims, evidence, links } = map;
  return useMemo(() => strengthOfMap(publishedOnly({ claims, evidence, links })), [claims, evidence, links]);
}
