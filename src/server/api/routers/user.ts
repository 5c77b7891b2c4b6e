import { z } from 'zod';
import { changePassword, signUp, upgradeGuest } from '@/server/domain/users/accounts';
import { endOtherSessions } from '@/server/domain/users/sessions';
import { enforceRateLimit, RATE_LIMITS } from '@/server/domain/rate-limit/rate-limit';
import { ZChangePasswordInput, ZSignUpInput, ZUpgradeGuestInput } from '@/shared/schemas/user';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const userRouter = createTRPCRouter({
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx.db, RATE_LIMITS.signUpPerIp, ctx.ip);
    const actor = await signUp(ctx.db, input);
    return { id: actor.id, displayName: actor.displayName };
  }),

  me: publicProcedure.input(z.void()).query(({ ctx }) => ctx.actor),

  /** A guest keeps their account by adding an email and password (then signs in again with them). */
  upgradeGuest: protectedProcedure
    .input(ZUpgradeGuestInput)
    .mutation(({ ctx, input }) => upgradeGuest(ctx.db, { actor: ctx.actor }, input)),

  /** Ends every other session of the caller (guests too); the browser then signs itself out. */
  signOutEverywhere: protectedProcedure.input(z.void()).mutation(async ({ ctx }) => ({
    endedSessions: await endOtherSessions(ctx.db, ctx.actor.id, ctx.sessionId ?? null),
  })),

  /** A new password once the current one is confirmed; every other session ends. */
  changePassword: protectedProcedure
    .input(ZChangePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, { actor: ctx.actor, sessionId: ctx.sessionId ?? null }, input)),
});
