import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { Actor } from '@/server/access/actor';
import {
  requireRoleOn,
  requireSessionRoleAndWrite,
  requireSessionRoleOn,
  type AccessCharge,
  type AccessTarget,
  type CheckedMapAccess,
  type MapAccess,
} from '@/server/access/map-access';
import { checkMembership } from '@/server/access/member-access';
import { checkVoter, requireVoter } from '@/server/access/vote-access';
import { requireModerator } from '@/server/access/moderator-access';
import type { Db } from '@/server/db';
import type { StatementWrite } from '@/server/sync/append-event';
import { requireCommentAccess } from '@/server/domain/comments/comment-access';
import type { MapRoleName } from '@/shared/roles';
import { protectedProcedure, publicProcedure, signedInProcedure, WRITE_QUOTA } from './trpc';

/**
 * One procedure builder per access shape. Each is `builder(schema, mapOf)`: it validates the input with
 * the schema, finds the map from the object the input names (`mapOf`, never a map id sent beside an
 * object), checks the caller's role on that map — in the procedure, one query for the common objects
 * (`requireRoleOn`) — and hands the resolver `ctx.map`, the context the domain takes:
 * `{ actor, mapId, access, clientMutationId }` (a WriteContext for writes, a ReadContext for reads).
 *
 *   editorProcedure  content changes: editor or owner, refused on a locked map for all but the owner
 *   voterProcedure   votes: voter or above (viewers are told why not), refused on a locked map
 *   ownerProcedure   the owner's settings, members, links and reads
 *   viewerProcedure  reads: anyone who may view the map (public maps: anonymous visitors too)
 *   memberProcedure  reads for members only (a public map's passers-by are refused)
 *   commentProcedure comments: the role on the target's map and the map's commenting rule
 *   moderatorProcedure  proposals: the owner or an editor the owner made moderator (decisions refused on a
 *                    locked map for all but the owner)
 * Presence and the event stream keep their own checks in their routers (ephemeral, and streamed).
 */

/** Where an input's map is: an object the one access query can start from, or a lookup that finds the map's id. */
export type MapOf<TInput> = (input: TInput, db: Db) => AccessTarget | Promise<AccessTarget>;

/** The input's map is the map id it names (for inputs about the map itself). */
export const byMapId = (input: { mapId: string }): AccessTarget => ({ kind: 'map', id: input.mapId });

interface WriteInput {
  clientMutationId?: string;
}

function writeContext<TAccess extends MapAccess>(actor: Actor, access: TAccess, input: unknown) {
  const clientMutationId = (input as WriteInput | undefined)?.clientMutationId;
  return { actor, mapId: access.mapId, access, ...(clientMutationId ? { clientMutationId } : {}) };
}

type Check<TActor> = (db: Db, actor: TActor, target: AccessTarget, charge?: AccessCharge) => Promise<CheckedMapAccess>;

/** What a one-statement write procedure hands its resolver: the write's result, or null when it did not write. */
type Written<T> = (T & { seq: number }) | null;

/**
 * Signed-in procedures on one map. A mutation's write quota is taken in the access query itself (one
 * round trip for both, `requireRoleOn`'s charge), after the input is valid — so invalid input costs nothing.
 * With `writeOf` (a hot write's common case as one statement), a mutation with a pending session is the
 * access query and the write in one statement (`requireSessionRoleAndWrite`); the resolver gets
 * `ctx.written` and takes its general path only when that is null.
 */
function protectedMapProcedure<S extends z.ZodType, T extends object = object>(
  schema: S,
  mapOf: MapOf<z.output<S>>,
  check: Check<Actor>,
  role?: RoleRule,
  writeOf?: (input: z.output<S>) => StatementWrite<T>,
) {
  return signedInProcedure
    .meta({ sessionInAccessQuery: true })
    .input(schema)
    .use(async ({ ctx, input, type, next }) => {
      const charge = type === 'mutation' ? { rule: WRITE_QUOTA, key: ctx.actor.id } : undefined;
      const target = await mapOf(input as z.output<S>, ctx.db);
      const pending = ctx.pendingSession;
      const notWritten = null as Written<T>;
      if (!pending) {
        const access = await check(ctx.db, ctx.actor, target, charge);
        return next({ ctx: { map: writeContext(ctx.actor, access, input), written: notWritten } });
      }
      // The session is checked here (see Context.pendingSession): in the access query itself for a role check.
      let actor: Actor;
      let access: CheckedMapAccess;
      let written: Written<T> = notWritten;
      const folded =
        role && charge && writeOf && !role.refine
          ? await requireSessionRoleAndWrite(
              ctx.db,
              pending,
              target,
              role.minimum,
              { isWrite: role.isWrite, charge, clientMutationId: (input as WriteInput | undefined)?.clientMutationId },
              writeOf(input as z.output<S>),
            )
          : null;
      if (folded) {
        ({ actor, access, written } = folded);
      } else if (role) {
        ({ actor, access } = await requireSessionRoleOn(ctx.db, pending, target, role.minimum, { isWrite: role.isWrite, charge }));
        if (role.refine) access = role.refine(access, actor);
      } else {
        const verified = await pending.verify();
        if (!verified) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this.' });
        actor = verified;
        access = await check(ctx.db, actor, target, charge);
      }
      const session = { actor, sessionId: pending.sessionId, pendingSession: undefined };
      return next({ ctx: { ...session, map: writeContext(actor, access, input), written } });
    });
}

function roleCheck(minimum: MapRoleName, isWrite: boolean): Check<Actor | null> {
  return (db, actor, target, charge) => requireRoleOn(db, actor, target, minimum, { isWrite, charge });
}

/**
 * A role check, which a pending session can be folded into (`requireSessionRoleOn`), and an optional rule
 * over the access it returns (voting's own refusals).
 */
interface RoleRule {
  minimum: MapRoleName;
  isWrite: boolean;
  refine?: (access: CheckedMapAccess, actor: Actor) => CheckedMapAccess;
}

function roleProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>, role: RoleRule) {
  return protectedMapProcedure(schema, mapOf, roleCheck(role.minimum, role.isWrite), role);
}

export function editorProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>) {
  return roleProcedure(schema, mapOf, { minimum: 'editor', isWrite: true });
}

/**
 * `editorProcedure` for a hot write whose common case is one statement (`writeOf`): the access check and
 * that statement are one round trip; the resolver returns `ctx.written` or takes its general path.
 */
export function editorWriteProcedure<S extends z.ZodType, T extends object>(
  schema: S,
  mapOf: MapOf<z.output<S>>,
  writeOf: (input: z.output<S>) => StatementWrite<T>,
) {
  const role = { minimum: 'editor', isWrite: true } as const;
  return protectedMapProcedure(schema, mapOf, roleCheck(role.minimum, role.isWrite), role, writeOf);
}

export function ownerProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>) {
  // A locked map stays the owner's to change, so there is no write flag to pass.
  return roleProcedure(schema, mapOf, { minimum: 'owner', isWrite: false });
}

export function voterProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>) {
  // Over a session: the viewer check with the session in its query, then the voting rule on its row.
  return protectedMapProcedure(schema, mapOf, requireVoter, { minimum: 'viewer', isWrite: false, refine: checkVoter });
}

export function moderatorProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>, options: { isWrite: boolean }) {
  return protectedMapProcedure(schema, mapOf, (db, actor, target) => requireModerator(db, actor, target, options));
}

/** Editor-level reads (what deleting a source would remove): editors and the owner, locked or not. */
export function editorQueryProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>) {
  return roleProcedure(schema, mapOf, { minimum: 'editor', isWrite: false });
}

function publicMapProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>, check: Check<Actor | null>) {
  return publicProcedure.input(schema).use(async ({ ctx, input, next }) => {
    const access = await check(ctx.db, ctx.actor, await mapOf(input as z.output<S>, ctx.db));
    return next({ ctx: { map: { actor: ctx.actor, mapId: access.mapId, access } } });
  });
}

export function viewerProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>) {
  return publicMapProcedure(schema, mapOf, roleCheck('viewer', false));
}

export function memberProcedure<S extends z.ZodType>(schema: S, mapOf: MapOf<z.output<S>>) {
  return publicMapProcedure(schema, mapOf, async (db, actor, target) =>
    checkMembership(await requireRoleOn(db, actor, target, 'viewer'), actor),
  );
}

/**
 * Comments: the role on the map of the comment's target (or of the comment), plus the map's commenting
 * rule (`requireCommentAccess`: who may comment, and whether a locked map refuses the change).
 */
export function commentProcedure<S extends z.ZodType>(
  schema: S,
  mapOf: (input: z.output<S>, db: Db) => Promise<string>,
  minimum: MapRoleName,
  rule: { isWrite: boolean; mustMayComment: boolean },
) {
  return protectedProcedure.input(schema).use(async ({ ctx, input, next }) => {
    const access = await requireCommentAccess(ctx.db, ctx.actor, await mapOf(input as z.output<S>, ctx.db), minimum, rule);
    return next({ ctx: { map: writeContext(ctx.actor, access, input) } });
  });
}
