import { eventsRouter } from './routers/events';
import { presenceRouter } from './routers/presence';
import { evidenceRouter } from './routers/evidence';
import { memberRouter } from './routers/member';
import { shareRouter } from './routers/share';
import { sourceRouter } from './routers/source';
import { voteRouter } from './routers/vote';
import { claimRouter } from './routers/claim';
import { linkRouter } from './routers/link';
import { mapRouter } from './routers/map';
import { userRouter } from './routers/user';
import { commentRouter } from './routers/comment';
import { notificationRouter } from './routers/notification';
import { snapshotRouter } from './routers/snapshot';
import { moderationRouter } from './routers/moderation';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  map: mapRouter,
  claim: claimRouter,
  link: linkRouter,
  source: sourceRouter,
  evidence: evidenceRouter,
  vote: voteRouter,
  share: shareRouter,
  member: memberRouter,
  events: eventsRouter,
  presence: presenceRouter,
  user: userRouter,
  comment: commentRouter,
  notification: notificationRouter,
  snapshot: snapshotRouter,
  moderation: moderationRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
