/**
 * The hardening attacks of issue 14, each written as the attack: a forged client address, guessing,
 * oversized and hostile requests, a burst from one account, copied cookies, hostile text, probing
 * for ids, timing, presence hijack and a failing database. Requests go over real sockets through
 * Crux's HTTP server front (http-harness.ts) wherever the transport is part of the attack.
 */
import crypto from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import NextAuth from 'next-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@/server/api/root';
import { clientAddressFromHeaders } from '@/server/api/client-address';
import { trpcResponseMeta } from '@/server/api/request-limits';
import { authOptions } from '@/server/auth/options';
import { createPrismaClient, type Db } from '@/server/db';
import { NOT_FOUND_OR_NO_ACCESS } from '@/server/domain/errors';
import { consumeRateLimit, effectiveLimit, RATE_LIMITS, resetRateLimit } from '@/server/domain/rate-limit/rate-limit';
import { signInWithPassword, signUp } from '@/server/domain/users/accounts';
import { clientAddressOf } from '@/server/infra/http-server';
import { getEventHub } from '@/server/sync/event-hub';
import type { PresencePeer } from '@/server/sync/presence';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sessionCookieFor, startHarness, trpcHttp, type Harness } from './http-harness';
import { StreamReader, streamingCallerFor } from './realtime-stream';

const unique = () => crypto.randomBytes(5).toString('hex');

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<unknown>;
const authorizeOf = (id: string) =>
  (authOptions.providers.find((provider) => provider.options?.id === id) as unknown as { options: { authorize: Authorize } }).options
    .authorize;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    routes: {
      // What the app sees as the client's address.
      '/whoami': async (request) => Response.json({ address: clientAddressFromHeaders(request.headers) }),
      // next-auth's credentials check, as the sign-in route runs it (headers as next-auth passes them).
      '/sign-in': async (request) => {
        const credentials = (await request.json()) as Record<string, string>;
        try {
          const user = await authorizeOf('credentials')(credentials, { headers: Object.fromEntries(request.headers) });
          return Response.json({ ok: Boolean(user) });
        } catch (error) {
          return Response.json({ ok: false, error: (error as Error).message });
        }
      },
    },
  });
});

afterAll(async () => {
  await harness.close();
  await getEventHub().close();
  delete (globalThis as { cruxEventHub?: unknown }).cruxEventHub;
});

describe('attack 1: a forged client address', () => {
  it('takes the address from the socket: forged X-Forwarded-For and x-crux-client-address headers change nothing', async () => {
    const forgeries: Record<string, string>[] = [
      { 'x-forwarded-for': '198.51.100.7' },
      { 'x-forwarded-for': '203.0.113.1, 10.0.0.1' },
      { 'x-crux-client-address': '192.0.2.55' },
      { 'x-real-ip': '192.0.2.56', forwarded: 'for=192.0.2.57' },
    ];
    for (const headers of forgeries) {
      const response = await fetch(`${harness.url}/whoami`, { headers });
      expect(await response.json()).toEqual({ address: '127.0.0.1' });
    }
  });

  it('believes exactly CRUX_TRUST_PROXY hops of X-Forwarded-For, never the entries a client wrote to their left', () => {
    expect(clientAddressOf('10.0.0.2', '198.51.100.7', 0)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', 'forged, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.2', '1.1.1.1, 203.0.113.9, 10.0.0.1', 2)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', 'not-an-address', 1)).toBe('10.0.0.2');
  });

  it('does not reset the per-account back-off when every guess comes with a new forged X-Forwarded-For', async () => {
    const email = `victim-${unique()}@example.test`;
    await signUp(db(), { email, password: 'the right password' });
    const attempt = (password: string, forged: string) =>
      fetch(`${harness.url}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forged, 'x-crux-client-address': forged },
        body: JSON.stringify({ email, password }),
      }).then((response) => response.json() as Promise<{ ok: boolean; error?: string }>);
    for (let index = 0; index < 10; index += 1) expect((await attempt('wrong guess', `198.51.${index}.7`)).ok).toBe(false);
    const rotated = [];
    for (let index = 0; index < 25; index += 1) rotated.push(await attempt(`wrong guess ${index}`, `203.0.${index}.${index}`));
    expect(rotated.filter((result) => result.error?.startsWith('Too many attempts')).length).toBeGreaterThanOrEqual(20);
    // The right password with yet another fresh address is still refused: the account is backing off.
    expect(await attempt('the right password', '192.0.2.200')).toEqual({ ok: false, error: expect.stringMatching(/^Too many attempts/) });
  });

  it('does not reset the per-address sign-up limit either', async () => {
    const key = '127.0.0.1';
    await consumeRateLimit(db(), RATE_LIMITS.signUpPerIp, key, effectiveLimit(RATE_LIMITS.signUpPerIp) - 1);
    try {
      const signUpWith = (forged: string) =>
        trpcHttp(
          harness.url,
          'user.signUp',
          { email: `rotating-${unique()}@example.test`, password: 'long enough password' },
          {
            headers: { 'x-forwarded-for': forged },
          },
        );
      expect((await signUpWith('198.51.100.1')).status).toBe(200);
      const refused = await signUpWith('198.51.100.2');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await resetRateLimit(db(), RATE_LIMITS.signUpPerIp, key);
    }
  });
});

/** A body stream that records how many bytes the server pulled from it. */
function countingBody(totalBytes: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

describe('attack 3: memory exhaustion by huge requests', () => {
  it('refuses a 10 MB body with 413 before reading it (declared length), and stops reading an undeclared one at the cap', async () => {
    const { POST } = await import('@/app/api/trpc/[trpc]/route');
    const declared = countingBody(10 * 1024 * 1024);
    const response = await POST(
      new Request('http://localhost/api/trpc/user.signUp?batch=1', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
        body: declared.stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    // Nothing beyond the one chunk a ReadableStream prefetches by itself when the Request is built.
    expect(declared.pulled()).toBeLessThanOrEqual(64 * 1024);

    const undeclared = countingBody(10 * 1024 * 1024);
    const streamed = await POST(
      new Request('http://localhost/api/trpc/user.signUp?batch=1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: undeclared.stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(undeclared.pulled()).toBeLessThanOrEqual(1024 * 1024 + 2 * 64 * 1024);
  });

  it('answers a 10 MB sign-up over HTTP with 413 and a message, and refuses a 100,000-character email', async () => {
    const huge = await fetch(`${harness.url}/api/trpc/user.signUp?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 0: { json: { email: `${'a'.repeat(10 * 1024 * 1024)}@example.test`, password: 'long enough password' } } }),
    });
    expect(huge.status).toBe(413);
    expect(JSON.stringify(await huge.json())).toContain('larger than 1 MB');

    const email = `${'b'.repeat(100_000)}@example.test`;
    const long = await trpcHttp(harness.url, 'user.signUp', { email, password: 'long enough password' });
    expect(long.status).toBe(400);
    expect(long.message).toMatch(/^email: An email address can be at most 254 characters\./);
    expect(await db().user.count({ where: { email: { startsWith: 'bbbbbbbbbb' } } })).toBe(0);
  });
});

describe('attack 10: quota burn from the same site', () => {
  it('answers form and text posts with 415 and changes nothing', async () => {
    const owner = await createUser();
    const { cookie } = await sessionCookieFor(owner);
    const before = await db().map.count({ where: { ownerId: owner.id } });
    const form = new FormData();
    form.set('0', JSON.stringify({ json: { title: 'From a form' } }));
    const multipart = await fetch(`${harness.url}/api/trpc/map.create?batch=1`, { method: 'POST', headers: { cookie }, body: form });
    expect(multipart.status).toBe(415);
    const text = await fetch(`${harness.url}/api/trpc/map.create?batch=1`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: JSON.stringify({ 0: { json: { title: 'From text' } } }),
    });
    expect(text.status).toBe(415);
    expect(await db().map.count({ where: { ownerId: owner.id } })).toBe(before);
  });

  it('charges the write quota only after the input is valid: 300 invalid posts leave real writes untouched', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { cookie } = await sessionCookieFor(owner);
    for (let round = 0; round < 30; round += 1) {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => trpcHttp(harness.url, 'claim.create', { mapId: map.id }, { cookie })),
      );
      expect(results.every((result) => result.status === 400)).toBe(true);
    }
    const real = await trpcHttp(harness.url, 'claim.create', { mapId: map.id, text: 'A real claim' }, { cookie });
    expect(real.status).toBe(200);
    const spent = await consumeRateLimit(db(), RATE_LIMITS.writesPerUser, owner.id, 0);
    expect(spent.consumed).toBeLessThanOrEqual(2);
  });
});

describe('attack 4: one account bursting writes', () => {
  it('refuses a 290-call batch outright', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { cookie } = await sessionCookieFor(owner);
    const paths = Array.from({ length: 290 }, () => 'claim.create').join(',');
    const inputs = Object.fromEntries(
      Array.from({ length: 290 }, (_, index) => [index, { json: { mapId: map.id, text: `Claim ${index}` } }]),
    );
    const response = await fetch(`${harness.url}/api/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(inputs),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('at most 50 calls');
    expect(await db().claim.count({ where: { mapId: map.id } })).toBe(0);
  });

  it('serves six concurrent 48-call batches without a single 500, while another user writes on another map', async () => {
    const guest = await createUser({ isGuest: true });
    const owner = await createUser();
    const map = await createMapWith(owner, [{ actor: guest, role: 'editor' }]);
    const { cookie } = await sessionCookieFor(guest);
    const other = await createUser();
    const otherMap = await createMapWith(other);
    const { cookie: otherCookie } = await sessionCookieFor(other);
    const batch = (round: number) => {
      const paths = Array.from({ length: 48 }, () => 'claim.create').join(',');
      const inputs = Object.fromEntries(
        Array.from({ length: 48 }, (_, index) => [index, { json: { mapId: map.id, text: `Burst ${round}.${index}` } }]),
      );
      return fetch(`${harness.url}/api/trpc/${paths}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(inputs),
      }).then(async (response) => ({
        status: response.status,
        items: (await response.json()) as { error?: { json: { data: { httpStatus: number } } } }[],
      }));
    };
    const burst = Promise.all(Array.from({ length: 6 }, (_, round) => batch(round)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const bystander = await trpcHttp(
      harness.url,
      'claim.create',
      { mapId: otherMap.id, text: 'Meanwhile, elsewhere' },
      { cookie: otherCookie },
    );
    const bystanderMs = Date.now() - started;
    const results = await burst;
    expect(bystander.status).toBe(200);
    expect(bystanderMs).toBeLessThan(5_000);
    const statuses = results.flatMap((result) => result.items.map((item) => item.error?.json.data.httpStatus ?? 200));
    expect(statuses).toHaveLength(288);
    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(200);
  });
});

/** next-auth's own handler (the Pages API form, which needs no Next request scope). */
async function authCall(action: string, request: { method: string; cookies?: Record<string, string>; body?: unknown }) {
  const headers = new Map<string, string | string[]>();
  const result = { status: 200, setCookies: [] as string[], body: undefined as unknown };
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
      headers: { host: 'localhost:3000', 'x-crux-client-address': `198.51.100.${crypto.randomInt(250)}` },
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

const cookiePair = (cookies: string[], part: string) => {
  const found = cookies.find((cookie) => cookie.split('=')[0]!.includes(part))!;
  const [name, value] = found.split(';')[0]!.split('=') as [string, string];
  return { name, value: decodeURIComponent(value) };
};

async function csrf(cookies: Record<string, string> = {}) {
  const response = await authCall('csrf', { method: 'GET', cookies });
  return { cookie: cookiePair(response.setCookies, 'csrf-token'), token: (response.body as { csrfToken: string }).csrfToken };
}

describe('attack 5: sessions that outlive sign-out', () => {
  it('refuses a copied session cookie after sign-out: user.me is anonymous and map.create is 401', async () => {
    const first = await csrf();
    const signIn = await authCall('callback/guest', {
      method: 'POST',
      cookies: { [first.cookie.name]: first.cookie.value },
      body: { csrfToken: first.token, displayName: 'Copied cookie', json: 'true' },
    });
    const session = cookiePair(signIn.setCookies, 'session-token');
    const copied = `${session.name}=${session.value}`;
    expect((await trpcHttp(harness.url, 'user.me', undefined, { cookie: copied, kind: 'query' })).data).toMatchObject({
      displayName: 'Copied cookie',
    });

    const second = await csrf({ [session.name]: session.value });
    await authCall('signout', {
      method: 'POST',
      cookies: { [session.name]: session.value, [second.cookie.name]: second.cookie.value },
      body: { csrfToken: second.token, json: 'true' },
    });
    expect((await trpcHttp(harness.url, 'user.me', undefined, { cookie: copied, kind: 'query' })).data).toBeNull();
    const create = await trpcHttp(harness.url, 'map.create', { title: 'After sign-out' }, { cookie: copied });
    expect(create.status).toBe(401);
    // next-auth's own session refresh refuses it too (and so clears the cookie).
    const refreshed = await authCall('session', { method: 'GET', cookies: { [session.name]: session.value } });
    expect(refreshed.body).toEqual({});
  });

  it('"Sign out everywhere" and "Change password" end every other session, keeping the caller\'s', async () => {
    const email = `moving-${unique()}@example.test`;
    const user = await signUp(db(), { email, password: 'old password here' });
    const laptop = await sessionCookieFor(user);
    const phone = await sessionCookieFor(user);
    const me = (cookie: string) => trpcHttp(harness.url, 'user.me', undefined, { cookie, kind: 'query' }).then((result) => result.data);

    expect((await trpcHttp(harness.url, 'user.signOutEverywhere', undefined, { cookie: phone.cookie })).data).toEqual({ endedSessions: 1 });
    expect(await me(laptop.cookie)).toBeNull();
    expect(await me(phone.cookie)).toMatchObject({ id: user.id });

    const tablet = await sessionCookieFor(user);
    const wrong = await trpcHttp(
      harness.url,
      'user.changePassword',
      { currentPassword: 'not it', newPassword: 'new password here' },
      {
        cookie: phone.cookie,
      },
    );
    expect(wrong).toMatchObject({ status: 400, message: 'Your current password is not correct.' });
    const changed = await trpcHttp(
      harness.url,
      'user.changePassword',
      { currentPassword: 'old password here', newPassword: 'new password here' },
      {
        cookie: phone.cookie,
      },
    );
    expect(changed.data).toEqual({ endedSessions: 1 });
    expect(await me(tablet.cookie)).toBeNull();
    expect(await me(phone.cookie)).toMatchObject({ id: user.id });
    expect(await signInWithPassword(db(), email, 'old password here')).toEqual({ kind: 'wrong' });
    expect(await signInWithPassword(db(), email, 'new password here')).toMatchObject({ kind: 'ok' });
  });

  it('lets a guest end their other sessions too', async () => {
    const guest = await createUser({ isGuest: true });
    const tabA = await sessionCookieFor(guest);
    const tabB = await sessionCookieFor(guest);
    expect((await trpcHttp(harness.url, 'user.signOutEverywhere', undefined, { cookie: tabA.cookie })).data).toEqual({ endedSessions: 1 });
    expect((await trpcHttp(harness.url, 'user.me', undefined, { cookie: tabB.cookie, kind: 'query' })).data).toBeNull();
  });
});

describe('attack 6: database internals reaching clients', () => {
  it('answers NUL and lone surrogates in text with a 400 that names the field, for every kind of text', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { cookie } = await sessionCookieFor(owner);
    const cases: [string, unknown, 'query' | 'mutation', RegExp][] = [
      ['claim.create', { mapId: map.id, text: 'Claim\u0000text' }, 'mutation', /^text: contains a NUL character/],
      ['map.create', { title: 'Title \uD800 broken' }, 'mutation', /^title: contains an unpaired surrogate/],
      ['map.update', { mapId: map.id, description: 'Notes\u0000' }, 'mutation', /^description: contains a NUL/],
      ['map.search', { mapId: map.id, query: 'find\u0000me' }, 'query', /^query: contains a NUL/],
      ['share.preview', { token: `${'t'.repeat(20)}\u0000` }, 'query', /^token: contains a NUL/],
      [
        'user.signUp',
        { email: `nul-${unique()}@example.test`, password: 'long enough password', displayName: 'Na\u0000me' },
        'mutation',
        /^displayName: /,
      ],
    ];
    for (const [path, input, kind, message] of cases) {
      const result = await trpcHttp(harness.url, path, input, { cookie, kind });
      expect({ path, status: result.status, message: result.message }).toEqual({
        path,
        status: 400,
        message: expect.stringMatching(message),
      });
    }
  });

  it('refuses a body that is not valid UTF-8 instead of rewriting it to U+FFFD', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { cookie } = await sessionCookieFor(owner);
    const prefix = Buffer.from(JSON.stringify({ 0: { json: { mapId: map.id, text: 'Broken ' } } }).replace('Broken ', 'Broken \u0001'));
    const body = Buffer.from(prefix.toString('utf8').replace('\u0001', '')).toString('latin1');
    const bytes = Buffer.concat([
      Buffer.from(body.slice(0, body.indexOf('Broken ') + 7), 'latin1'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(body.slice(body.indexOf('Broken ') + 7), 'latin1'),
    ]);
    const response = await fetch(`${harness.url}/api/trpc/claim.create?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: bytes,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('not valid UTF-8');
    expect(await db().claim.count({ where: { mapId: map.id } })).toBe(0);
  });

  async function callWith(database: Db, path: string, input: unknown) {
    const superjson = (await import('superjson')).default;
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`),
      router: appRouter,
      createContext: () => ({ db: database, actor: null, ip: 'test' }),
      responseMeta: trpcResponseMeta,
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it('shows an unexpected error as "Something went wrong (reference …)", the detail only in the log', async () => {
    const leaky = new Proxy({} as Db, {
      get: () =>
        new Proxy(() => {}, {
          get: () => () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00 at db.internal:5432')),
          apply: () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00 at db.internal:5432')),
        }),
    });
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const result = await callWith(leaky, 'map.get', { mapId: 'some-map' });
      expect(result.status).toBe(500);
      expect(result.text).toMatch(/"message":"Something went wrong \(reference [0-9A-F]{8}\)\."/);
      expect(result.text).not.toContain('db.internal');
      expect(result.text).not.toContain('0x00');
      const reference = /reference ([0-9A-F]{8})/.exec(result.text)![1]!;
      expect(logged.some((args) => String(args[0]).includes(reference) && String(args[1]).includes('db.internal'))).toBe(true);
    } finally {
      console.error = original;
    }
  });

  it('answers a database outage with 503 and Retry-After, naming no host or port', async () => {
    const unreachable = createPrismaClient('postgresql://crux:secret@127.0.0.1:9/crux');
    const original = console.error;
    console.error = () => {};
    try {
      const result = await callWith(unreachable, 'map.get', { mapId: 'some-map' });
      expect(result.status).toBe(503);
      expect(result.headers.get('retry-after')).toBe('2');
      expect(result.text).toContain('try again in a few seconds');
      expect(result.text).not.toMatch(/127\.0\.0\.1|:9\b|secret/);
    } finally {
      console.error = original;
      await unreachable.$disconnect();
    }
  });
});

describe('attack 7: existence leaking through messages', () => {
  it("gives the same code and message for a made-up id and somebody else's object, for every id kind", async () => {
    const stranger = await createUser();
    const strangersMap = await createMapWith(stranger);
    const strangers = callerFor(stranger);
    const claim = (await strangers.claim.create({ mapId: strangersMap.id, text: 'Private claim' })).claim;
    const other = (await strangers.claim.create({ mapId: strangersMap.id, text: 'Another', parentId: claim.id, relation: 'support' }))
      .link!;
    const source = (await strangers.source.create({ mapId: strangersMap.id, title: 'Private source', text: `Secret words ${unique()}.` }))
      .source;
    const evidence = (await strangers.evidence.create({ sourceId: source.id, start: 0, end: 6, claimId: claim.id, relation: 'support' }))
      .evidence;
    const { link: shareLink } = await strangers.share.create({ mapId: strangersMap.id, role: 'viewer' });
    const memberUser = await createUser();
    const member = await db().mapMember.create({
      data: { mapId: strangersMap.id, userId: memberUser.id, role: 'viewer' },
      select: { id: true },
    });

    const prober = await createUser();
    const probe = callerFor(prober);
    const anonymous = callerFor(null);
    const fake = () => `c${unique()}${unique()}`;
    const calls: [string, (id: string) => Promise<unknown>, string][] = [
      ['map (get)', (id) => probe.map.get({ mapId: id }), strangersMap.id],
      ['map (anonymous get)', (id) => anonymous.map.get({ mapId: id }), strangersMap.id],
      ['claim', (id) => probe.claim.update({ id, text: 'Mine now', expectedVersion: 1 }), claim.id],
      ['link', (id) => probe.link.update({ id, relation: 'oppose' }), other.id],
      ['source', (id) => probe.source.get({ id }), source.id],
      ['evidence', (id) => probe.evidence.update({ id, note: 'Hi' }), evidence.id],
      ['share link', (id) => probe.share.revoke({ id }), shareLink.id],
      ['member', (id) => probe.member.setRole({ memberId: id, role: 'editor' }), member.id],
      ['vote target', (id) => probe.vote.cast({ claimId: id, value: 2 }), claim.id],
    ];
    for (const [kind, call, realId] of calls) {
      const [missing, notYours] = await Promise.all([
        call(fake()).catch((error: unknown) => error),
        call(realId).catch((error: unknown) => error),
      ]);
      const describe = (error: unknown) => ({ code: (error as { code?: string }).code, message: (error as Error).message });
      expect({ kind, ...describe(notYours) }).toEqual({ kind, ...describe(missing) });
      expect(describe(missing)).toEqual({ code: 'NOT_FOUND', message: NOT_FOUND_OR_NO_ACCESS });
    }

    // A reference to another map's claim from one's own map is answered like a missing claim.
    const mine = await createMapWith(prober);
    const [missingParent, foreignParent] = await Promise.all(
      [fake(), claim.id].map((parentId) =>
        probe.claim.create({ mapId: mine.id, text: 'Child', parentId, relation: 'support' }).catch((error: unknown) => error as Error),
      ),
    );
    expect({ code: (foreignParent as { code?: string }).code, message: (foreignParent as Error).message }).toEqual({
      code: (missingParent as { code?: string }).code,
      message: (missingParent as Error).message,
    });
  });

  it('answers the export of a private map exactly like the export of a missing one, signed in or not', async () => {
    const stranger = await createUser();
    const strangersMap = await createMapWith(stranger);
    const prober = await createUser();
    const { cookie } = await sessionCookieFor(prober);
    const callers: Record<string, string>[] = [{}, { cookie }];
    for (const headers of callers) {
      const get = (id: string) =>
        fetch(`${harness.url}/api/maps/${id}/export?format=json`, { headers }).then(async (response) => ({
          status: response.status,
          body: await response.text(),
        }));
      const [missing, notYours] = await Promise.all([get(`c${unique()}`), get(strangersMap.id)]);
      expect(notYours).toEqual(missing);
      expect(missing.status).toBe(404);
    }
    const withNul = await fetch(`${harness.url}/api/maps/${encodeURIComponent('bad\u0000id')}/export?format=json`);
    expect(withNul.status).toBe(404);
  });
});

describe('attack 8: account enumeration by timing', () => {
  it('takes about as long for an unknown email as for an existing one (argon2 runs either way)', async () => {
    const existing = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const email = `timed-${unique()}@example.test`;
        await signUp(db(), { email, password: 'the real password' });
        return email;
      }),
    );
    const time = async (email: string) => {
      const started = performance.now();
      expect(await signInWithPassword(db(), email, 'a wrong password')).toEqual({ kind: 'wrong' });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (const email of existing) {
      known.push(await time(email));
      unknown.push(await time(`nobody-${unique()}@example.test`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // Without the dummy hash an unknown email answered in a few ms against hundreds for a real one.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('attack 9: presence hijack', () => {
  it("ignores another user's update or leave sent with a victim's clientId", async () => {
    const owner = await createUser({ displayName: 'Owner' });
    const victim = await createUser({ displayName: 'Victim' });
    const attacker = await createUser({ displayName: 'Attacker' });
    const map = await createMapWith(owner, [
      { actor: victim, role: 'editor' },
      { actor: attacker, role: 'viewer' },
    ]);
    const watch = new AbortController();
    const ownerView = new StreamReader<PresencePeer[]>(await streamingCallerFor(owner, watch).presence.onPresence({ mapId: map.id }));
    await ownerView.waitFor((items) => items.length >= 1);
    await callerFor(victim).presence.update({ mapId: map.id, clientId: 'victim-tab', selectedNodeId: 'claim-1', editingNodeId: null });
    await ownerView.waitFor((items) => items.at(-1)?.some((peer) => peer.userId === victim.id) ?? false);

    await callerFor(attacker).presence.leave({ mapId: map.id, clientId: 'victim-tab' });
    await callerFor(attacker).presence.update({
      mapId: map.id,
      clientId: 'victim-tab',
      selectedNodeId: 'claim-9',
      editingNodeId: 'claim-9',
    });
    await ownerView.waitFor((items) => items.at(-1)?.some((peer) => peer.userId === attacker.id) ?? false);
    const peers = ownerView.items.at(-1)!;
    // The victim is still there, unchanged; the attacker only shows as themselves.
    expect(peers.find((peer) => peer.userId === victim.id)).toMatchObject({
      name: 'Victim',
      selectedNodeId: 'claim-1',
      editingNodeId: null,
    });
    expect(peers.find((peer) => peer.userId === attacker.id)).toMatchObject({ name: 'Attacker', selectedNodeId: 'claim-9' });
    watch.abort();
  });

  it("ends a removed member's presence stream with the removal, not at the next periodic check", async () => {
    const owner = await createUser();
    const student = await createUser();
    const map = await createMapWith(owner, [{ actor: student, role: 'editor' }]);
    const tab = new AbortController();
    const stream = new StreamReader<PresencePeer[]>(
      await streamingCallerFor(student, tab).presence.onPresence({ mapId: map.id, clientId: 'tab' }),
    );
    await stream.waitFor((items) => items.length >= 1);
    const { id: memberId } = await db().mapMember.findFirstOrThrow({ where: { mapId: map.id, userId: student.id }, select: { id: true } });
    const removedAt = Date.now();
    await callerFor(owner).member.remove({ memberId });
    await stream.waitForEnd();
    expect(Date.now() - removedAt).toBeLessThan(5_000);
    expect(stream.error).toMatchObject({ code: 'FORBIDDEN' });
    tab.abort();
  });
});

describe('attack 12: caching of private responses', () => {
  it('sends Cache-Control: private, no-store on tRPC responses', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { cookie } = await sessionCookieFor(owner);
    const result = await trpcHttp(harness.url, 'map.get', { mapId: map.id }, { cookie, kind: 'query' });
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('attack 12: transport security', () => {
  it('sends HSTS on every response when the public URL is https, and not over plain http', async () => {
    const { createCruxServer } = await import('@/server/infra/http-server');
    for (const isHttps of [true, false]) {
      const server = createCruxServer({ trustProxyHops: 0, isHttps, handle: (_req, res) => res.end('ok') });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/anything`);
      expect(response.headers.get('strict-transport-security')).toBe(isHttps ? 'max-age=63072000; includeSubDomains' : null);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
