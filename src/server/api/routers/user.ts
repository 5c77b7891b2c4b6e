import { z } from 'zod';
import { signUp, upgradeGuest } from '@/server/domain/users/accounts';
import { ZSignUpInput, ZUpgradeGuestInput } from '@/shared/schemas/user';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const userRouter = createTRPCRouter({
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    const actor = await signUp(ctx.db, input);
    return { id: actor.id, displayName: actor.displayName };
  }),

  me: publicProcedure.input(z.void()).query(({ ctx }) => ctx.actor),

  upgradeGuest: protectedProcedure.input(ZUpgradeGuestInput).mutation(({ ctx, input }) =>
    upgradeGuest(ctx.db, ctx.actor, input.email, input.password),
  ),
});
