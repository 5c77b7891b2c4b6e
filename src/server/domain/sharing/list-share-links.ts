import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import { shareLinkSelect, toShareLinkView, type ShareLinkView } from './share-link-view';
import type { TVisibility } from '@/shared/schemas/map';

export interface SharingOverview {
  /** The map's teacher controls, for the share dialog (owner only, like the links). */
  map: {
    title: string;
    visibility: TVisibility;
    isLocked: boolean;
    isAnonymous: boolean;
    isBlindVoting: boolean;
    resultsRevealed: boolean;
    /** New claims by anyone but a moderator wait for approval. */
    requireApproval: boolean;
  };
  links: ShareLinkView[];
}

/** The map's links, newest first, with how many joined through each. Owner only (checked by the caller). */
export async function listShareLinks(db: Db, context: ReadContext): Promise<SharingOverview> {
  const { mapId } = context.access;
  const [map, rows] = await Promise.all([
    db.map.findUniqueOrThrow({
      where: { id: mapId },
      select: {
        title: true,
        visibility: true,
        isLocked: true,
        isAnonymous: true,
        isBlindVoting: true,
        resultsRevealed: true,
        requireApproval: true,
      },
    }),
    db.shareLink.findMany({ where: { mapId }, orderBy: { createdAt: 'desc' }, select: shareLinkSelect }),
  ]);
  return { map, links: rows.map((row) => toShareLinkView(row, map.visibility)) };
}
