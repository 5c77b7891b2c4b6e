import type { Db } from '@/server/db';
import type { UserContext } from '@/server/domain/context';
import type { Actor } from '@/server/access/actor';

export const NOTIFICATIONS_SHOWN = 30;

export interface NotificationView {
  id: string;
  kind: 'mention' | 'reply' | 'decision' | 'rerate';
  text: string;
  mapId: string;
  mapTitle: string;
  commentId: string | null;
  claimId: string | null;
  isRead: boolean;
  createdAt: Date;
}

/** Only notifications about maps the user can still open (a removed member stops seeing them). */
const visibleTo = (actor: Actor) => ({
  userId: actor.id,
  map: { OR: [{ members: { some: { userId: actor.id } } }, { visibility: 'public' as const }] },
});

/** The caller's latest notifications, newest first, and how many are unread. */
export async function listNotifications(db: Db, context: UserContext): Promise<{ items: NotificationView[]; unreadCount: number }> {
  const { actor } = context;
  const where = visibleTo(actor);
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: NOTIFICATIONS_SHOWN,
      select: {
        id: true,
        kind: true,
        text: true,
        mapId: true,
        commentId: true,
        claimId: true,
        readAt: true,
        createdAt: true,
        map: { select: { title: true } },
      },
    }),
    db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  return {
    items: rows.map(({ map, readAt, ...row }) => ({ ...row, mapTitle: map.title, isRead: readAt !== null })),
    unreadCount,
  };
}

/** Marks the caller's own notifications read: the given ones, or all. */
export async function markNotificationsRead(db: Db, context: UserContext, input: { ids?: string[] }): Promise<{ count: number }> {
  const { actor } = context;
  const { ids } = input;
  const result = await db.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { count: result.count };
}
