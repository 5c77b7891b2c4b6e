/**
 * The Node server answers a single mutation on its own path, without a web Request or tRPC's resolver
 * (src/server/api/single-mutation.ts). Whatever a client sends, it must get exactly what the general
 * path (the one Next's route and every other request take) would have answered: here the same requests go
 * to a server with the direct path and to one without it, and the answers are compared byte for byte.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/access/actor';
import { answerSingleMutation, handleTrpcRequest } from '@/server/api/trpc-http-handler';
import { createCruxServer } from '@/server/infra/http-server';
import { apiHeadersFrom, isTrpcRequest, serveTrpc } from '@/server/infra/trpc-node';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sessionCookieFor } from './http-harness';

const servers: ReturnType<typeof createCruxServer>[] = [];
let directAnswers = 0;

async function serve(isDirect: boolean): Promise<string> {
  const { default: nextConfig } = (await import(pathToFileURL(path.resolve('next.config.js')).href)) as { default: NextConfig };
  const apiHeaders = apiHeadersFrom(await nextConfig.headers!());
  const counted = async (request: Parameters<typeof answerSingleMutation>[0]) => {
    const answer = await answerSingleMutation(request);
    if (answer) directAnswers += 1;
    return answer;
  };
  const server = createCruxServer({
    trustProxyHops: 0,
    handle: (req, res) =>
      isTrpcRequest(req)
        ? serveTrpc(req, res, handleTrpcRequest, apiHeaders, 'http://localhost', isDirect ? counted : undefined)
        : res.end('next'),
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let general: string;
let direct: string;
let owner: Actor;
let ownerCookie: string;
let viewerCookie: string;
let mapId: string;

beforeAll(async () => {
  [general, direct] = await Promise.all([serve(false), serve(true)]);
  owner = await createUser();
  const viewer = await createUser();
  mapId = (await createMapWith(owner, [{ actor: viewer, role: 'viewer' }])).id;
  ownerCookie = (await sessionCookieFor(owner)).cookie;
  viewerCookie = (await sessionCookieFor(viewer)).cookie;
});

afterAll(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface Sent {
  path: string;
  body: string | Uint8Array<ArrayBuffer>;
  cookie?: string;
  contentType?: string;
}

async function send(base: string, sent: Sent) {
  const response = await fetch(`${base}/api/trpc/${sent.path}`, {
    method: 'POST',
    headers: { 'content-type': sent.contentType ?? 'application/json', ...(sent.cookie ? { cookie: sent.cookie } : {}) },
    body: sent.body,
  });
  const headers = [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name));
  return { status: response.status, headers, body: await response.text() };
}

/** Sends the same request to both servers and expects the same answer, byte for byte; returns it. */
async function expectSameAnswer(sent: Sent) {
  const before = directAnswers;
  const [fromGeneral, fromDirect] = [await send(general, sent), await send(direct, sent)];
  expect(fromDirect).toEqual(fromGeneral);
  return { ...fromDirect, wasDirect: directAnswers > before };
}

const envelope = (input: unknown) => JSON.stringify(superjson.serialize(input));
const batchOfOne = (input: unknown) => JSON.stringify({ 0: superjson.serialize(input) });

/** Two claims in the same state, one edited through each server. */
async function twinClaims(text: string) {
  const caller = callerFor(owner);
  const first = await caller.claim.create({ mapId, text });
  const second = await caller.claim.create({ mapId, text });
  return [first.claim.id, second.claim.id] as const;
}

/** A successful answer, with the values that differ between two writes (ids, times, seqs) reduced to their types. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]));
  return typeof value;
}

describe('a single mutation on the Node server’s direct path', () => {
  it('edits a claim exactly as the general path does, unbatched and as a batch of one', async () => {
    for (const [path, wrap] of [
      ['claim.update', envelope],
      ['claim.update?batch=1', batchOfOne],
    ] as const) {
      const [viaGeneral, viaDirect] = await twinClaims('The claim before');
      const input = (id: string) => wrap({ id, text: 'The claim after', expectedVersion: 1 });
      const before = directAnswers;
      const fromGeneral = await send(general, { path, body: input(viaGeneral), cookie: ownerCookie });
      const fromDirect = await send(direct, { path, body: input(viaDirect), cookie: ownerCookie });
      expect(directAnswers).toBe(before + 1);
      expect(fromDirect.status).toBe(200);
      expect(fromDirect.headers).toEqual(fromGeneral.headers);
      expect(shapeOf(JSON.parse(fromDirect.body))).toEqual(shapeOf(JSON.parse(fromGeneral.body)));
      const data = (body: string) => {
        const parsed = JSON.parse(body) as unknown;
        const item = (Array.isArray(parsed) ? parsed[0] : parsed) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
        return superjson.deserialize<{ claim: { text: string; version: number } }>(item.result.data).claim;
      };
      expect(data(fromDirect.body)).toMatchObject({ text: 'The claim after', version: 2 });
      expect(data(fromGeneral.body)).toMatchObject({ text: 'The claim after', version: 2 });
      const stored = await db().claim.findMany({ where: { id: { in: [viaGeneral, viaDirect] } }, select: { text: true } });
      expect(stored.map((claim) => claim.text)).toEqual(['The claim after', 'The claim after']);
    }
  });

  it('refuses what the general path refuses, with the same status, headers and body, changing nothing', async () => {
    const [claimId] = await twinClaims('Unchanged claim');
    const update = { id: claimId, text: 'Changed', expectedVersion: 1 };
    const refusals: (Sent & { status: number; isDirect: boolean })[] = [
      // Not signed in, a viewer, a stale version, a schema failure, hostile text.
      { path: 'claim.update', body: envelope(update), status: 401, isDirect: true },
      { path: 'claim.update?batch=1', body: batchOfOne(update), cookie: viewerCookie, status: 403, isDirect: true },
      { path: 'claim.update', body: envelope({ ...update, expectedVersion: 7 }), cookie: ownerCookie, status: 409, isDirect: true },
      { path: 'claim.update?batch=1', body: batchOfOne({ id: claimId, text: 5 }), cookie: ownerCookie, status: 400, isDirect: true },
      { path: 'claim.update', body: envelope({ ...update, text: 'a\u0000b' }), cookie: ownerCookie, status: 400, isDirect: true },
      // Bodies that are not the input: not JSON, not an object for a batch, no body, not UTF-8, not sent as JSON.
      { path: 'claim.update', body: '{"json":', cookie: ownerCookie, status: 400, isDirect: true },
      { path: 'claim.update?batch=1', body: '"text"', cookie: ownerCookie, status: 400, isDirect: true },
      { path: 'claim.update', body: '', cookie: ownerCookie, status: 400, isDirect: true },
      { path: 'claim.update', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), cookie: ownerCookie, status: 400, isDirect: true },
      { path: 'claim.update', body: envelope(update), cookie: ownerCookie, contentType: 'text/plain', status: 415, isDirect: true },
      // Left to the general path: a query, an unknown procedure, two calls in one batch.
      { path: 'map.get?batch=1', body: batchOfOne({ mapId }), cookie: ownerCookie, status: 405, isDirect: false },
      { path: 'claim.nothing', body: envelope({}), cookie: ownerCookie, status: 404, isDirect: false },
      {
        path: 'claim.update,claim.update?batch=1',
        body: JSON.stringify({ 0: superjson.serialize(update), 1: superjson.serialize(update) }),
        cookie: viewerCookie,
        status: 403,
        isDirect: false,
      },
    ];
    for (const refusal of refusals) {
      const answer = await expectSameAnswer(refusal);
      expect({ path: refusal.path, status: answer.status, wasDirect: answer.wasDirect }).toEqual({
        path: refusal.path,
        status: refusal.status,
        wasDirect: refusal.isDirect,
      });
    }
    expect((await db().claim.findUniqueOrThrow({ where: { id: claimId } })).text).toBe('Unchanged claim');
  });
});
