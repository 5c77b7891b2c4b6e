/** Every kind of change that goes through a map's event log. */
export const MAP_EVENT_TYPES = [
  'map.created',
  'map.updated',
  'claim.created',
  'claim.updated',
  'claim.moved',
  'claim.deleted',
  'claim.restored',
  'link.created',
  'link.updated',
  'link.deleted',
  'source.created',
  'source.updated',
  'source.deleted',
  'evidence.created',
  'evidence.updated',
  'evidence.deleted',
  'evidence.restored',
  'vote.changed',
  'member.changed',
  'member.removed',
  'share.changed',
  'results.revealed',
] as const;

export type MapEventType = (typeof MAP_EVENT_TYPES)[number];
