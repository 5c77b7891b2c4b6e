import type { Db } from '@/server/db';
import type { WriteContext } from '@/server/domain/context';
import { runMapWrite } from '@/server/sync/append-event';
import { shareLinkSelect, toShareLinkView } from './share-link-view';

/**
 * Turns a link off for good: nobody joins through it any more. Members who already joined keep
 * their membership (remove them in the members list). Revoking twice changes nothing.
 */
export async function revokeShareLink(db: Db, context: WriteContext, shareLinkId: string) {
  const { actor, mapId } = context;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const current = await tx.shareLink.findUniqueOrThrow({ where: { id: shareLinkId }, select: { revokedAt: true } });
    const map = await tx.map.findUniqueOrThrow({ where: { id: mapId }, select: { visibility: true } });
    if (current.revokedAt) {
      const row = await tx.shareLink.findUniqueOrThrow({ where: { id: shareLinkId }, select: shareLinkSelect });
      return { result: { link: toShareLinkView(row, map.visibility) }, events: [] };
    }
    const row = await tx.shareLink.update({ where: { id: shareLinkId }, data: { revokedAt: new Date() }, select: shareLinkSelect });
    return {
      result: { link: toShareLinkView(row, map.visibility) },
      events: [{ type: 'share.changed', payload: { shareLinkId, action: 'revoked' } }],
    };
  });
}
