/**
 * The authorization matrix: every procedure of the tRPC router, found at run time, is called as
 * each kind of caller on the caller's own map and on another map, and the outcome is compared
 * with the table below. A procedure missing from the table fails the test, so no endpoint ships
 * unchecked; adding one is one line: `'router.procedure': { input: (w) => ({ … }), expect: … }`.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { TRPCError } from '@trpc/server';
import NextAuth from 'next-auth';
import { describe, expect, it } from 'vitest';
import { appRouter, createCaller } from '@/server/api/root';
import { authOptions } from '@/server/auth/options';
import { getDb } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { roleAtLeast, type MapRoleName } from '@/shared/roles';
import { generateJoinCode, generateShareToken } from '@/server/domain/sharing/generate-share-secrets';
import { createUser } from './helpers';

const ACTORS = ['anonymous', 'outsider', 'guest', 'viewer', 'voter', 'editor', 'owner'] as const;
type ActorKind = (typeof ACTORS)[number];
const ROLE_OF: Partial<Record<ActorKind, MapRoleName>> = {
  guest: 'viewer',
  viewer: 'viewer',
  voter: 'voter',
  editor: 'editor',
  owner: 'owner',
};

/** `own`: the map the members belong to (private). `other`: a private map of somebody else. */
const TARGETS = ['own', 'other'] as const;
type Target = (typeof TARGETS)[number];

type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT' | 'TOO_MANY_REQUESTS';
type Expectation = Record<Target, Record<ActorKind, Outcome>>;

const byActor = (outcome: (kind: ActorKind) => Outcome) =>
  Object.fromEntries(ACTORS.map((kind) => [kind, outcome(kind)])) as Record<ActorKind, Outcome>;

/** Needs `minimum` on the object's map: anonymous → sign in, outsiders → not found, members below → forbidden. */
function atLeast(minimum: MapRoleName): Expectation {
  const onMap = (kind: ActorKind): Outcome => {
    if (kind === 'anonymous') return 'UNAUTHORIZED';
    const role = ROLE_OF[kind];
    if (!role) return 'NOT_FOUND';
    return roleAtLeast(role, minimum) ? 'ok' : 'FORBIDDEN';
  };
  return { own: byActor(onMap), other: byActor((kind) => (kind === 'anonymous' ? 'UNAUTHORIZED' : 'NOT_FOUND')) };
}

/**
 * A read open to anonymous callers (public maps): on a private map they get exactly the answer a map
 * that does not exist gets, so whether it exists does not leak.
 */
function readable(minimum: MapRoleName): Expectation {
  const base = atLeast(minimum);
  const hide = (row: Record<ActorKind, Outcome>) => ({ ...row, anonymous: 'NOT_FOUND' as const });
  return { own: hide(base.own), other: hide(base.other) };
}

/** Not about one map: the same answer on both targets. */
function sameEverywhere(outcome: (kind: ActorKind) => Outcome): Expectation {
  return { own: byActor(outcome), other: byActor(outcome) };
}
const anyone = sameEverywhere(() => 'ok');
const signedIn = sameEverywhere((kind) => (kind === 'anonymous' ? 'UNAUTHORIZED' : 'ok'));

/** What a fixture may use: the target map, the caller, and factories that make fresh objects on the map. */
interface World {
  mapId: string;
  actor: Actor | null;
  kind: ActorKind;
  newClaim(options?: { isDeleted?: boolean }): Promise<{ id: string }>;
  newLink(): Promise<{ id: string }>;
  newSource(): Promise<{ id: string }>;
  newEvidence(options?: { isDeleted?: boolean }): Promise<{ id: string; sourceId: string }>;
  newShareLink(): Promise<{ id: string; token: string; code: string }>;
  newMember(role?: Exclude<MapRoleName, 'owner'>): Promise<{ memberId: string }>;
  /** A comment on a claim of the map, written by the caller (so author-only rules pass for members). */
  newComment(): Promise<{ id: string }>;
  newSnapshot(): Promise<{ id: string }>;
  /** A claim awaiting a moderator's approval (proposed by someone else). */
  newProposal(): Promise<{ id: string }>;
}

interface Entry {
  input: (world: World) => unknown;
  expect: Expectation;
}

const unique = () => crypto.randomBytes(6).toString('hex');

/** A pending request by a fresh user to be let into the map. */
async function newAccessRequest(mapId: string): Promise<string> {
  const user = await createUser();
  return (await getDb().accessRequest.create({ data: { mapId, userId: user.id }, select: { id: true } })).id;
}

// One line per procedure. Inputs name objects on the target map; access must follow the object.
const MATRIX: Record<string, Entry> = {
  'map.create': { input: () => ({ title: 'Matrix map' }), expect: signedIn },
  // Always a new map of the caller's own: anyone signed in.
  'map.import': { input: () => ({ format: 'argdown', text: '[Thesis]: An imported claim.\n  + A supporting reason.' }), expect: signedIn },
  'map.list': { input: () => undefined, expect: signedIn },
  'map.createFromTemplate': { input: () => ({ templateId: 'pros-cons', title: 'From a template' }), expect: signedIn },
  'map.duplicate': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'map.explore': { input: () => undefined, expect: anyone },
  'map.get': { input: (w) => ({ mapId: w.mapId }), expect: readable('viewer') },
  'map.update': { input: (w) => ({ mapId: w.mapId, title: 'Renamed' }), expect: atLeast('owner') },
  'map.delete': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'map.revealResults': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'map.search': { input: (w) => ({ mapId: w.mapId, query: 'claim' }), expect: readable('viewer') },
  'map.participation': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'map.classStatus': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },

  'claim.create': { input: (w) => ({ mapId: w.mapId, text: 'New claim' }), expect: atLeast('editor') },
  'claim.update': { input: async (w) => ({ id: (await w.newClaim()).id, text: 'Edited', expectedVersion: 1 }), expect: atLeast('editor') },
  'claim.move': { input: async (w) => ({ id: (await w.newClaim()).id, x: 1, y: 2 }), expect: atLeast('editor') },
  'claim.delete': { input: async (w) => ({ id: (await w.newClaim()).id }), expect: atLeast('editor') },
  'claim.restore': { input: async (w) => ({ id: (await w.newClaim({ isDeleted: true })).id }), expect: atLeast('editor') },

  'link.create': {
    input: async (w) => ({ fromClaimId: (await w.newClaim()).id, toClaimId: (await w.newClaim()).id, relation: 'support' }),
    expect: atLeast('editor'),
  },
  'link.update': { input: async (w) => ({ id: (await w.newLink()).id, relation: 'oppose' }), expect: atLeast('editor') },
  'link.delete': { input: async (w) => ({ id: (await w.newLink()).id }), expect: atLeast('editor') },

  'source.create': {
    input: (w) => ({ mapId: w.mapId, title: 'A source', text: `Source text ${unique()}.` }),
    expect: atLeast('editor'),
  },
  'source.list': { input: (w) => ({ mapId: w.mapId }), expect: readable('viewer') },
  'source.get': { input: async (w) => ({ id: (await w.newSource()).id }), expect: readable('viewer') },
  'source.update': { input: async (w) => ({ id: (await w.newSource()).id, title: 'Retitled' }), expect: atLeast('editor') },
  'source.deleteImpact': { input: async (w) => ({ id: (await w.newSource()).id }), expect: atLeast('editor') },
  'source.delete': { input: async (w) => ({ id: (await w.newSource()).id }), expect: atLeast('editor') },

  'evidence.create': {
    input: async (w) => ({ sourceId: (await w.newSource()).id, start: 0, end: 6, claimId: (await w.newClaim()).id, relation: 'support' }),
    expect: atLeast('editor'),
  },
  'evidence.update': { input: async (w) => ({ id: (await w.newEvidence()).id, note: 'A note' }), expect: atLeast('editor') },
  'evidence.delete': { input: async (w) => ({ id: (await w.newEvidence()).id }), expect: atLeast('editor') },
  'evidence.restore': { input: async (w) => ({ id: (await w.newEvidence({ isDeleted: true })).id }), expect: atLeast('editor') },

  'vote.cast': { input: async (w) => ({ claimId: (await w.newClaim()).id, value: 3 }), expect: atLeast('voter') },
  'vote.retract': { input: async (w) => ({ claimId: (await w.newClaim()).id }), expect: atLeast('voter') },

  'share.create': { input: (w) => ({ mapId: w.mapId, role: 'voter' }), expect: atLeast('owner') },
  'share.list': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'share.revoke': { input: async (w) => ({ id: (await w.newShareLink()).id }), expect: atLeast('owner') },
  // Holding a valid link is the permission, whatever map it leads to.
  'share.preview': { input: async (w) => ({ token: (await w.newShareLink()).token }), expect: anyone },
  'share.join': { input: async (w) => ({ code: (await w.newShareLink()).code }), expect: signedIn },

  'member.list': { input: (w) => ({ mapId: w.mapId }), expect: readable('viewer') },
  'member.invite': {
    input: async (w) => {
      const invitee = await createUser();
      const { email } = await getDb().user.findUniqueOrThrow({ where: { id: invitee.id }, select: { email: true } });
      return { mapId: w.mapId, email, role: 'viewer' };
    },
    expect: atLeast('owner'),
  },
  'member.setRole': { input: async (w) => ({ memberId: (await w.newMember('viewer')).memberId, role: 'voter' }), expect: atLeast('owner') },
  'member.remove': { input: async (w) => ({ memberId: (await w.newMember()).memberId }), expect: atLeast('owner') },
  // Asking is open to anyone signed in, on any map (or none): the answer does not reveal which exists.
  'member.requestAccess': { input: (w) => ({ mapId: w.mapId }), expect: signedIn },
  'member.requestStatus': { input: (w) => ({ mapId: w.mapId }), expect: signedIn },
  'member.listRequests': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'member.approveRequest': {
    input: async (w) => ({ requestId: await newAccessRequest(w.mapId), role: 'voter' }),
    expect: atLeast('owner'),
  },
  'member.declineRequest': { input: async (w) => ({ requestId: await newAccessRequest(w.mapId) }), expect: atLeast('owner') },
  'member.transferOwnership': { input: async (w) => ({ memberId: (await w.newMember('editor')).memberId }), expect: atLeast('owner') },

  'events.onMapEvent': { input: (w) => ({ mapId: w.mapId, lastEventId: '0' }), expect: readable('viewer') },
  'events.list': { input: (w) => ({ mapId: w.mapId }), expect: readable('viewer') },
  'presence.update': { input: (w) => ({ mapId: w.mapId, selectedNodeId: null }), expect: atLeast('viewer') },
  'presence.leave': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('viewer') },
  'presence.onPresence': { input: (w) => ({ mapId: w.mapId }), expect: readable('viewer') },

  'comment.list': { input: async (w) => ({ target: { kind: 'claim', id: (await w.newClaim()).id } }), expect: readable('viewer') },
  'comment.create': { input: (w) => ({ target: { kind: 'map', id: w.mapId }, text: 'A comment' }), expect: atLeast('voter') },
  'comment.update': { input: async (w) => ({ id: (await w.newComment()).id, text: 'Edited' }), expect: atLeast('voter') },
  'comment.delete': { input: async (w) => ({ id: (await w.newComment()).id }), expect: atLeast('voter') },
  'comment.resolve': { input: async (w) => ({ id: (await w.newComment()).id }), expect: atLeast('voter') },
  'comment.hide': { input: async (w) => ({ id: (await w.newComment()).id }), expect: atLeast('owner') },
  'snapshot.create': { input: (w) => ({ mapId: w.mapId, name: 'End of period 2' }), expect: atLeast('owner') },
  'snapshot.list': { input: (w) => ({ mapId: w.mapId }), expect: readable('viewer') },
  'snapshot.get': { input: async (w) => ({ id: (await w.newSnapshot()).id }), expect: readable('viewer') },
  'snapshot.compare': { input: async (w) => ({ fromId: (await w.newSnapshot()).id }), expect: readable('viewer') },
  // Moderators: the owner, and editors the owner marked (the matrix's editor is not marked).
  'moderation.queue': { input: (w) => ({ mapId: w.mapId }), expect: atLeast('owner') },
  'moderation.decide': {
    input: async (w) => ({ kind: 'claim', id: (await w.newProposal()).id, decision: 'reject', reason: 'Off topic' }),
    expect: atLeast('owner'),
  },
  'moderation.approveMany': {
    input: async (w) => ({ mapId: w.mapId, items: [{ kind: 'claim', id: (await w.newProposal()).id }] }),
    expect: atLeast('owner'),
  },
  'member.setModerator': {
    input: async (w) => ({ memberId: (await w.newMember('editor')).memberId, isModerator: true }),
    expect: atLeast('owner'),
  },

  // The caller's own notifications, whatever map they are about.
  'notification.list': { input: () => undefined, expect: signedIn },
  'notification.markRead': { input: () => ({}), expect: signedIn },

  'user.signUp': { input: () => ({ email: `matrix-${unique()}@example.test`, password: 'a long password' }), expect: anyone },
  'user.me': { input: () => undefined, expect: anyone },
  'user.signOutEverywhere': { input: () => undefined, expect: signedIn },
  'user.changePassword': {
    input: () => ({ currentPassword: 'not the password', newPassword: 'a new long password' }),
    // Test users have no password (createUser): the account has none to change, for everyone signed in.
    expect: sameEverywhere((kind) => (kind === 'anonymous' ? 'UNAUTHORIZED' : 'BAD_REQUEST')),
  },
  'user.upgradeGuest': {
    input: () => ({ email: `kept-${unique()}@example.test`, password: 'a long password' }),
    // Only a guest has something to upgrade; everyone else is told the account already has credentials.
    expect: sameEverywhere((kind) => (kind === 'anonymous' ? 'UNAUTHORIZED' : kind === 'guest' ? 'ok' : 'BAD_REQUEST')),
  },
};

interface Cast {
  actors: Record<ActorKind, Actor | null>;
  maps: Record<Target, string>;
}

/** Fresh users and maps, so a destructive call (delete, transfer) harms nothing else. */
async function setUp(): Promise<Cast> {
  const db = getDb();
  const [outsider, guest, viewer, voter, editor, owner, stranger] = await Promise.all([
    createUser({ displayName: 'Outsider' }),
    createUser({ displayName: 'Guest', isGuest: true }),
    createUser({ displayName: 'Viewer' }),
    createUser({ displayName: 'Voter' }),
    createUser({ displayName: 'Editor' }),
    createUser({ displayName: 'Owner' }),
    createUser({ displayName: 'Stranger' }),
  ]);
  const makeMap = async (ownerId: string, members: { userId: string; role: MapRoleName }[]) => {
    const map = await db.map.create({
      data: { title: 'Matrix claim map', ownerId, members: { create: [{ userId: ownerId, role: 'owner' }, ...members] } },
      select: { id: true },
    });
    return map.id;
  };
  const own = await makeMap(owner.id, [
    { userId: guest.id, role: 'viewer' },
    { userId: viewer.id, role: 'viewer' },
    { userId: voter.id, role: 'voter' },
    { userId: editor.id, role: 'editor' },
  ]);
  const other = await makeMap(stranger.id, []);
  return { actors: { anonymous: null, outsider, guest, viewer, voter, editor, owner }, maps: { own, other } };
}

function worldFor(mapId: string, actor: Actor | null, kind: ActorKind): World {
  const db = getDb();
  const newClaim = async (options: { isDeleted?: boolean } = {}) =>
    db.claim.create({
      data: { mapId, text: `A claim ${unique()}`, deletedAt: options.isDeleted ? new Date() : null },
      select: { id: true },
    });
  const newSource = async () =>
    db.source.create({
      data: { mapId, title: 'A source', text: 'Quoted words live here.', contentHash: unique() },
      select: { id: true },
    });
  return {
    mapId,
    actor,
    kind,
    newClaim,
    newSource,
    async newLink() {
      const [from, to] = [await newClaim(), await newClaim()];
      return db.link.create({ data: { mapId, fromClaimId: from.id, toClaimId: to.id, relation: 'support' }, select: { id: true } });
    },
    async newEvidence(options: { isDeleted?: boolean } = {}) {
      const source = await newSource();
      return db.evidence.create({
        data: {
          mapId,
          sourceId: source.id,
          exact: 'Quoted',
          suffix: ' words',
          start: 0,
          end: 6,
          deletedAt: options.isDeleted ? new Date() : null,
        },
        select: { id: true, sourceId: true },
      });
    },
    async newShareLink() {
      const owner = await db.map.findUniqueOrThrow({ where: { id: mapId }, select: { ownerId: true } });
      await db.map.update({ where: { id: mapId }, data: { visibility: 'link' } });
      return db.shareLink.create({
        data: { mapId, token: generateShareToken(), code: generateJoinCode(), role: 'viewer', createdById: owner.ownerId },
        select: { id: true, token: true, code: true },
      });
    },
    async newMember(role: Exclude<MapRoleName, 'owner'> = 'viewer') {
      const user = await createUser();
      const member = await db.mapMember.create({ data: { mapId, userId: user.id, role }, select: { id: true } });
      return { memberId: member.id };
    },
    async newComment() {
      const claim = await newClaim();
      return db.comment.create({
        data: { mapId, targetKind: 'claim', targetId: claim.id, authorId: actor?.id ?? null, text: `A comment ${unique()}` },
        select: { id: true },
      });
    },
    async newProposal() {
      return db.claim.create({ data: { mapId, text: `A proposal ${unique()}`, awaitingApproval: true }, select: { id: true } });
    },
    async newSnapshot() {
      return db.mapSnapshot.create({ data: { mapId, name: 'A snapshot', seq: 0 }, select: { id: true } });
    },
  };
}

/** The tRPC error code, or a description of an error that is not a tRPC one (always a mismatch). */
function outcomeOf(error: unknown): string {
  if (error instanceof TRPCError) return error.code;
  return `unexpected ${(error as Error)?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/**
 * Calls one procedure by its path. A subscription counts as 'ok' when it starts and then yields a
 * first item (or stays open without failing for a moment); its refusals come at the start.
 */
async function run(path: string, actor: Actor | null, input: unknown): Promise<{ outcome: string; message?: string }> {
  const abort = new AbortController();
  const caller = createCaller({ db: getDb(), actor, ip: `matrix-${unique()}` }, { signal: abort.signal });
  const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    const result = await procedure(input);
    if (isAsyncIterable(result)) {
      const iterator = result[Symbol.asyncIterator]();
      try {
        await Promise.race([iterator.next(), new Promise((resolve) => setTimeout(resolve, 500))]);
      } finally {
        abort.abort();
        void iterator.return?.(undefined)?.catch(() => {});
      }
    }
    return { outcome: 'ok' };
  } catch (error) {
    abort.abort();
    return { outcome: outcomeOf(error), message: (error as Error)?.message };
  }
}

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;
const paths = Object.keys(procedures).sort();

describe('authorization matrix', () => {
  it('finds every kind of procedure in the router and has an entry for each one', () => {
    const types = new Set(Object.values(procedures).map((procedure) => procedure._def.type));
    expect(types).toEqual(new Set(['query', 'mutation', 'subscription']));
    const missing = paths.filter((path) => !(path in MATRIX));
    expect(missing, `Add these procedures to MATRIX in ${import.meta.filename}`).toEqual([]);
    const stale = Object.keys(MATRIX).filter((path) => !(path in procedures));
    expect(stale, 'These MATRIX entries name procedures that no longer exist').toEqual([]);
  });

  it.concurrent.for(paths.filter((path) => path in MATRIX))('%s', async (path, { expect }) => {
    const entry = MATRIX[path]!;
    const mismatches: string[] = [];
    for (const target of TARGETS) {
      // A fresh cast per target: a call on the first may change an account (upgradeGuest) or a map.
      const cast = await setUp();
      // The owner goes last: its calls may delete or give away the map.
      for (const kind of ACTORS) {
        const actor = cast.actors[kind];
        const input = await entry.input(worldFor(cast.maps[target], actor, kind));
        const { outcome, message } = await run(path, actor, input);
        const expected = entry.expect[target][kind];
        if (outcome !== expected)
          mismatches.push(`${target} map, ${kind}: expected ${expected}, got ${outcome}${message ? ` (${message})` : ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('sessions and transport', () => {
  interface CallResult {
    status: number;
    setCookies: string[];
    body: unknown;
  }

  /** next-auth's own handler (the Pages API form, which needs no Next request scope). */
  async function authCall(action: string, request: { method: string; host: string; cookies?: Record<string, string>; body?: unknown }) {
    const headers = new Map<string, string | string[]>();
    const result: CallResult = { status: 200, setCookies: [], body: undefined };
    const response = {
      status(code: number) {
        result.status = code;
        return response;
      },
      setHeader(key: string, value: string | string[]) {
        headers.set(key.toLowerCase(), value);
        return response;
      },
      getHeader: (key: string) => headers.get(key.toLowerCase()),
      end: () => undefined,
      json: (body: unknown) => void (result.body = body),
      send: (body: unknown) => void (result.body = body),
    };
    const [name, providerId] = action.split('/');
    await NextAuth(
      {
        method: request.method,
        query: { nextauth: providerId ? [name, providerId] : [name] },
        headers: { host: request.host, 'x-forwarded-for': `cookie-${unique()}` },
        cookies: request.cookies ?? {},
        body: request.body,
      } as never,
      response as never,
      authOptions,
    );
    const cookies = headers.get('set-cookie') ?? [];
    result.setCookies = Array.isArray(cookies) ? cookies : [cookies];
    return result;
  }

  const cookieNamed = (cookies: string[], part: string) => cookies.find((cookie) => cookie.split('=')[0]!.includes(part));

  async function signInAsGuest(origin: string) {
    const host = new URL(origin).host;
    const csrf = await authCall('csrf', { method: 'GET', host });
    const csrfCookie = cookieNamed(csrf.setCookies, 'csrf-token')!;
    const [csrfName, csrfValue] = csrfCookie.split(';')[0]!.split('=') as [string, string];
    const { csrfToken } = csrf.body as { csrfToken: string };
    const signIn = await authCall('callback/guest', {
      method: 'POST',
      host,
      cookies: { [csrfName]: decodeURIComponent(csrfValue) },
      body: { csrfToken, displayName: 'Cookie tester', json: 'true' },
    });
    return { csrfCookie, session: cookieNamed(signIn.setCookies, 'session-token') };
  }

  it('issues httpOnly, SameSite=Lax session cookies, Secure with a __Secure- prefix when NEXTAUTH_URL is https', async () => {
    const previous = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = 'http://localhost:3000';
      const plain = await signInAsGuest(process.env.NEXTAUTH_URL);
      expect(plain.session).toMatch(/^next-auth\.session-token=[^;]+;/);
      expect(plain.session).toMatch(/; HttpOnly(;|$)/);
      expect(plain.session).toMatch(/; SameSite=Lax(;|$)/);
      expect(plain.session).not.toMatch(/; Secure(;|$)/);
      expect(plain.csrfCookie).toMatch(/; HttpOnly.*; SameSite=Lax/);

      process.env.NEXTAUTH_URL = 'https://crux.example';
      const secure = await signInAsGuest(process.env.NEXTAUTH_URL);
      expect(secure.session).toMatch(/^__Secure-next-auth\.session-token=/);
      expect(secure.session).toMatch(/; HttpOnly(;|$)/);
      expect(secure.session).toMatch(/; SameSite=Lax(;|$)/);
      expect(secure.session).toMatch(/; Secure(;|$)/);
      expect(secure.csrfCookie).toMatch(/^__Host-next-auth\.csrf-token=/);
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previous;
    }
    // Nothing in the configuration weakens next-auth's defaults.
    expect(authOptions.cookies).toBeUndefined();
    expect(authOptions.useSecureCookies).toBeUndefined();
  });

  it('ends the session on sign-out: the session cookie is cleared', async () => {
    const host = 'localhost:3000';
    const { session } = await signInAsGuest(`http://${host}`);
    const [name, value] = session!.split(';')[0]!.split('=') as [string, string];
    const csrf = await authCall('csrf', { method: 'GET', host, cookies: { [name]: value } });
    const csrfCookie = cookieNamed(csrf.setCookies, 'csrf-token')!;
    const [csrfName, csrfValue] = csrfCookie.split(';')[0]!.split('=') as [string, string];
    const signOut = await authCall('signout', {
      method: 'POST',
      host,
      cookies: { [name]: value, [csrfName]: decodeURIComponent(csrfValue) },
      body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, json: 'true' },
    });
    const cleared = cookieNamed(signOut.setCookies, 'session-token');
    expect(cleared).toMatch(/^next-auth\.session-token=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
  });

  it('refuses a mutation over GET, and a form-encoded POST, without changing anything', async () => {
    const { GET, POST } = await import('@/app/api/trpc/[trpc]/route');
    // Counted by title: other test files create maps at the same time.
    const madeByThem = () => getDb().map.count({ where: { title: { in: ['Made by a GET', 'Made by a form'] } } });
    const input = encodeURIComponent(JSON.stringify({ json: { title: 'Made by a GET' } }));
    const viaGet = await GET(new Request(`http://localhost/api/trpc/map.create?input=${input}`));
    expect(viaGet.status).toBe(405);
    const viaForm = await POST(
      new Request('http://localhost/api/trpc/map.create', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'title=Made+by+a+form',
      }),
    );
    expect(viaForm.status).toBeGreaterThanOrEqual(400);
    expect(await madeByThem()).toBe(0);
  });

  it('sends a nonce-based CSP on pages, a strict one on the API, Referrer-Policy, nosniff and X-Frame-Options', async () => {
    const { default: nextConfig } = (await import(pathToFileURL(path.resolve('next.config.js')).href)) as { default: NextConfig };
    const rules = await nextConfig.headers!();
    const all = new Map(rules.find((rule) => rule.source === '/:path*')!.headers.map((header) => [header.key.toLowerCase(), header.value]));
    expect(all.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(all.get('x-content-type-options')).toBe('nosniff');
    expect(all.get('x-frame-options')).toBe('DENY');
    const api = rules.find((rule) => rule.source === '/api/:path*')!.headers.find((header) => header.key === 'Content-Security-Policy');
    expect(api?.value).toBe("default-src 'none'; frame-ancestors 'none'");

    const { proxy } = await import('@/proxy');
    const { NextRequest } = await import('next/server');
    const policies = [1, 2].map(() => proxy(new NextRequest('http://localhost/maps/abc')).headers.get('content-security-policy')!);
    for (const policy of policies) {
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("default-src 'self'");
    }
    // A fresh nonce per request.
    expect(policies[0]).not.toBe(policies[1]);
  });
});
