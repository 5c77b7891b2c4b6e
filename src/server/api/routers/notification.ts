import { listNotifications, markNotificationsRead } from '@/server/domain/notifications/notifications';
import { ZMarkNotificationsReadInput } from '@/shared/schemas/notification';
import { createTRPCRouter, protectedProcedure } from '../trpc';

// Notifications belong to the caller: every query is scoped to their own user id.
export const notificationRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, { actor: ctx.actor })),
  markRead: protectedProcedure
    .input(ZMarkNotificationsReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, { actor: ctx.actor }, input)),
});
