import type { ShareLinkStatus } from '@/shared/schemas/share';
import type { TVisibility } from '@/shared/schemas/map';

export interface ShareLinkState {
  expiresAt: Date | null;
  revokedAt: Date | null;
  maxUses: number | null;
  useCount: number;
}

/**
 * Whether a link admits new members now. A private map pauses all its links at once (the
 * owner's switch to stop joining without revoking each link); revocation is permanent.
 */
export function shareLinkStatus(link: ShareLinkState, visibility: TVisibility, now: Date = new Date()): ShareLinkStatus {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (link.maxUses !== null && link.useCount >= link.maxUses) return 'used_up';
  if (visibility === 'private') return 'paused';
  return 'active';
}

export const SHARE_LINK_PROBLEM: Record<Exclude<ShareLinkStatus, 'active'> | 'unknown', string> = {
  unknown: 'That link or code does not match any map. Check it and try again.',
  expired: 'This link has expired. Ask the map’s owner for a new one.',
  revoked: 'This link was turned off by the map’s owner. Ask them for a new one.',
  used_up: 'This link has been used as many times as its owner allowed. Ask them for a new one.',
  paused: 'The owner has made this map private, so joining by link is paused for now.',
};
