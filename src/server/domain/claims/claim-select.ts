import type { Prisma } from '@/generated/prisma/client';

/** The one thing of an author (or owner) a view carries: the name they show. */
export const AUTHOR_NAME_SELECT = { select: { displayName: true } } as const satisfies Prisma.UserDefaultArgs;

/** The columns of a claim that clients see (with its author's name), as map.get returns them. */
export const CLAIM_VIEW_SELECT = {
  id: true,
  title: true,
  text: true,
  tags: true,
  x: true,
  y: true,
  version: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
  author: AUTHOR_NAME_SELECT,
} satisfies Prisma.ClaimSelect;

export const LINK_VIEW_SELECT = {
  id: true,
  fromClaimId: true,
  fromEvidenceId: true,
  toClaimId: true,
  relation: true,
  scheme: true,
} satisfies Prisma.LinkSelect;

type ClaimRow = Prisma.ClaimGetPayload<{ select: typeof CLAIM_VIEW_SELECT }>;

export function toClaimPayload({ author, ...claim }: ClaimRow) {
  return { ...claim, authorName: author?.displayName ?? null };
}
