import type { WriteContext } from '@/server/domain/context';

/**
 * The columns a new claim or passage starts with: its map, where it was placed (null lets the layout
 * place it), its author, and whether it waits for a moderator (moderation/proposal.ts).
 */
export function newNodeColumns(context: WriteContext, placement: { x?: number; y?: number }, isProposal: boolean) {
  return {
    mapId: context.mapId,
    x: placement.x ?? null,
    y: placement.y ?? null,
    authorId: context.actor.id,
    awaitingApproval: isProposal,
  };
}
