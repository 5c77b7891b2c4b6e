import type { Prisma } from '@/generated/prisma/client';
import type { ShareLinkStatus } from '@/shared/schemas/share';
import type { MapRoleName } from '@/shared/roles';
import { shareLinkStatus } from './share-link-status';
import type { TVisibility } from '@/shared/schemas/map';

export const shareLinkSelect = {
  id: true,
  token: true,
  code: true,
  role: true,
  expiresAt: true,
  revokedAt: true,
  maxUses: true,
  useCount: true,
  createdAt: true,
  _count: { select: { members: true } },
} satisfies Prisma.ShareLinkSelect;

type ShareLinkRow = Prisma.ShareLinkGetPayload<{ select: typeof shareLinkSelect }>;

/** A link as its owner sees it in the share dialog (tokens and codes are for the owner only). */
export interface ShareLinkView {
  id: string;
  token: string;
  code: string;
  role: MapRoleName;
  expiresAt: Date | null;
  revokedAt: Date | null;
  maxUses: number | null;
  /** Joins through this link (each one consumed a use). */
  useCount: number;
  /** Members whose membership came from this link and who are still members. */
  memberCount: number;
  status: ShareLinkStatus;
  createdAt: Date;
}

export function toShareLinkView(row: ShareLinkRow, visibility: TVisibility): ShareLinkView {
  const { _count, ...rest } = row;
  return {
    ...rest,
    memberCount: _count.members,
    status: shareLinkStatus(row, visibility),
  };
}
