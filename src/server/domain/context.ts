import type { Actor } from '@/server/access/actor';
import type { MapAccess } from '@/server/access/map-access';

/**
 * Who is asking, as every domain use case receives it: `useCase(db, context, input)` (input left out
 * when there is none). The procedure builds the context after checking the caller's role, so the
 * domain never takes the map or the role from input. Not use cases, and so without a context: the
 * lookups that find an object's map (`mapIdOf…`), rate-limit counters, and the session and sign-in
 * primitives next-auth calls before anyone is known.
 */

/** Anyone, signed in or not, before any role is known: a share link's preview, a map's preview card. */
export interface VisitorContext {
  actor: Actor | null;
  /** The client's address (from the transport), for per-client rate limits. */
  ip?: string;
}

/** A signed-in caller acting outside any one map: their map list, a new map, their notifications. */
export interface UserContext {
  actor: Actor;
}

/** A read of one map the caller may view; `access` names the map and the caller's role on it. */
export interface ReadContext<TAccess extends MapAccess = MapAccess> {
  actor: Actor | null;
  access: TAccess;
}

/** A change to one map by a signed-in caller whose role on `mapId` the procedure has checked. */
export interface WriteContext {
  actor: Actor;
  mapId: string;
  /** The client's id for this write, echoed in its event so the client can reconcile. */
  clientMutationId?: string;
}

/** A write whose rules depend on the caller's checked role (votes, comments): the access rides along. */
export type WriteContextWith<TAccess> = WriteContext & { access: TAccess };
