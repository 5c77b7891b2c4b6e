import { claimRouter } from './routers/claim';
import { linkRouter } from './routers/link';
import { mapRouter } from './routers/map';
import { userRouter } from './routers/user';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  map: mapRouter,
  claim: claimRouter,
  link: linkRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
