import type { Db } from '@/server/db';
import type { WriteContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite, type EventDraft } from '@/server/sync/append-event';
import type { TCreateShareLinkInput } from '@/shared/schemas/share';
import { generateJoinCode, generateShareToken } from './generate-share-secrets';
import { shareLinkSelect, toShareLinkView } from './share-link-view';

const MAX_ATTEMPTS = 5;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}

/**
 * A new share link with its own token and join code. Creating a link on a private map opens it
 * to link holders (visibility becomes `link`), since a link that cannot be used would only
 * confuse; the result says so and the map.updated event tells every client.
 *
 * Event payloads carry no token or code: every member receives the event stream, and a viewer
 * must not learn the editor link.
 */
export async function createShareLink(db: Db, context: WriteContext, input: TCreateShareLinkInput) {
  const { actor, mapId } = context;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runMapWrite(db, mapId, { actor }, async (tx) => {
        let code = generateJoinCode();
        // Codes are short, so a collision is possible; choose another before inserting, so the
        // transaction is not aborted by the unique index (which still guards a race).
        for (let tries = 0; await tx.shareLink.findUnique({ where: { code }, select: { id: true } }); tries += 1) {
          if (tries >= 20) throw new DomainError('CONFLICT', 'Could not find a free join code; try again.');
          code = generateJoinCode();
        }
        const map = await tx.map.findUniqueOrThrow({ where: { id: input.mapId }, select: { visibility: true } });
        const events: EventDraft[] = [];
        let visibility = map.visibility;
        if (visibility === 'private') {
          visibility = 'link';
          await tx.map.update({ where: { id: input.mapId }, data: { visibility } });
          events.push({ type: 'map.updated', payload: { visibility } });
        }
        const row = await tx.shareLink.create({
          data: {
            mapId: input.mapId,
            token: generateShareToken(),
            code,
            role: input.role,
            expiresAt: input.expiresAt ?? null,
            maxUses: input.maxUses ?? null,
            createdById: actor.id,
          },
          select: shareLinkSelect,
        });
        events.push({ type: 'share.changed', payload: { shareLinkId: row.id, action: 'created', role: row.role } });
        return {
          result: { link: toShareLinkView(row, visibility), visibility, visibilityChanged: visibility !== map.visibility },
          events,
        };
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
