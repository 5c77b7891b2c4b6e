'use client';

import type { MapView } from '@/server/domain/maps/get-map';

/**
 * Computed DF-QuAD strength per claim and passage, from the map's votes and structure.
 * Placeholder until the voting issue lands; the map workspace already calls it.
 */
export interface StrengthInfo {
  strengths: Record<string, number>;
  converged: boolean;
}

export function useStrengths(_map: MapView): StrengthInfo {
  return { strengths: {}, converged: true };
}
