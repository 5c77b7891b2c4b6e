import { z } from 'zod';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { DomainError } from '@/server/domain/errors';
import { ZId } from '@/shared/schemas/map';
import { abortableIterable, Wakeup } from './async-tools';
import { getEventHub, type EventHub } from './event-hub';
import { peerColor, pseudonymOf } from './peer-color';
import { PRESENCE_CHANNEL, type PresenceEntry, type PresenceMessage } from './presence-room';
import { loadRecipient, type Recipient } from './redact-event';
import { ACCESS_EVENTS, lostAccessError } from './stream-map-events';
import { shouldHideIdentities } from './redaction-rules';

const ZClientId = z.string().min(1).max(64);

export const ZPresenceUpdateInput = z.object({
  mapId: ZId,
  /** One per browser tab; defaults to the user id (one presence per user). */
  clientId: ZClientId.optional(),
  selectedNodeId: ZId.nullable().default(null),
  editingNodeId: ZId.nullable().default(null),
});
export const ZPresenceLeaveInput = z.object({ mapId: ZId, clientId: ZClientId.optional() });
export const ZOnPresenceInput = z.object({ mapId: ZId, clientId: ZClientId.optional() });

/** Another person on the map, as `presence.onPresence` yields them (the caller is never listed). */
export interface PresencePeer {
  userId: string;
  name: string;
  color: string;
  selectedNodeId: string | null;
  editingNodeId: string | null;
}

const RATE_WINDOW_MS = 10_000;
const RATE_MAX = 100;
const rateWindows = new Map<string, { start: number; count: number }>();

/**
 * A light per-process limit on presence updates (they are ephemeral and cheap, but each one is a
 * NOTIFY every instance handles). The client sends at most a few per second while clicking around.
 */
export function checkPresenceRate(userId: string, now = Date.now()): void {
  const window = rateWindows.get(userId);
  if (!window || now - window.start >= RATE_WINDOW_MS) {
    rateWindows.set(userId, { start: now, count: 1 });
    if (rateWindows.size > 10_000) {
      for (const [key, value] of rateWindows) if (now - value.start >= RATE_WINDOW_MS) rateWindows.delete(key);
    }
    return;
  }
  window.count += 1;
  if (window.count > RATE_MAX) throw new DomainError('LIMIT', 'Too many presence updates; slow down for a few seconds.');
}

export async function publishPresence(db: Db, message: PresenceMessage): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(message)})`;
}

export function presenceMessage(
  actor: Actor,
  input: { mapId: string; clientId?: string; selectedNodeId?: string | null; editingNodeId?: string | null },
  kind: 'state' | 'leave',
): PresenceMessage {
  return {
    kind,
    mapId: input.mapId,
    userId: actor.id,
    clientId: input.clientId ?? actor.id,
    name: actor.displayName.slice(0, 120),
    selectedNodeId: input.selectedNodeId ?? null,
    editingNodeId: input.editingNodeId ?? null,
    at: Date.now(),
  };
}

/** Peers as one recipient sees them: without themselves, one entry per person, pseudonymous on anonymous maps. */
export function peersFor(recipient: Recipient, mapId: string, entries: PresenceEntry[]): PresencePeer[] {
  const hide = shouldHideIdentities(recipient);
  const seen = new Set<string>();
  const peers: PresencePeer[] = [];
  for (const entry of entries) {
    if (entry.userId === recipient.userId || seen.has(entry.userId)) continue;
    seen.add(entry.userId);
    const userId = hide ? pseudonymOf(mapId, entry.userId) : entry.userId;
    peers.push({
      userId,
      name: hide ? `Participant ${userId.slice(5, 9)}` : entry.name,
      color: peerColor(userId),
      selectedNodeId: entry.selectedNodeId,
      editingNodeId: entry.editingNodeId,
    });
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

export interface StreamPresenceOptions {
  db: Db;
  actor: Actor | null;
  mapId: string;
  clientId?: string;
  signal?: AbortSignal;
  hub?: EventHub;
  recheckMs?: number;
}

/**
 * The peers on a map, yielded whenever they change (first at once). When the stream ends — the
 * tab closed, the network dropped — the caller's own presence is withdrawn for everyone.
 */
export function streamPresence(options: StreamPresenceOptions): AsyncIterable<PresencePeer[]> {
  return abortableIterable((signal) => runPresence(options, signal), options.signal);
}

async function* runPresence(options: StreamPresenceOptions, signal: AbortSignal): AsyncGenerator<PresencePeer[], void, unknown> {
  const { db, actor, mapId } = options;
  const hub = options.hub ?? getEventHub();
  const recheckMs = options.recheckMs ?? 15_000;
  const wakeup = new Wakeup();
  const { room, leave } = hub.joinPresence(mapId, () => wakeup.notify());
  // The map's event feed too (shared with the tab's event stream): a member.removed or another access
  // event ends this stream as promptly as the event stream, not at the next periodic re-check.
  const { feed, leave: leaveFeed } = hub.joinMap(mapId, () => wakeup.notify());
  try {
    try {
      await feed.ready(signal);
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    let recipient = await loadRecipient(db, actor, mapId);
    if (!recipient) throw lostAccessError();
    let cursor = feed.head;
    let nextRecheck = Date.now() + recheckMs;
    let last = '';
    while (!signal.aborted) {
      if (feed.head > cursor) {
        const events = feed.eventsAfter(cursor);
        cursor = feed.head;
        if (!events || events.some((event) => ACCESS_EVENTS.has(event.type))) nextRecheck = 0;
      }
      const now = Date.now();
      if (now >= nextRecheck) {
        recipient = await loadRecipient(db, actor, mapId);
        if (!recipient) throw lostAccessError();
        nextRecheck = now + recheckMs;
      }
      const peers = peersFor(recipient, mapId, room.list());
      const key = JSON.stringify(peers);
      if (key !== last) {
        last = key;
        yield peers;
      }
      await wakeup.wait(Math.max(0, nextRecheck - Date.now()), signal);
    }
  } finally {
    wakeup.dispose();
    leave();
    leaveFeed();
    if (actor) {
      publishPresence(db, presenceMessage(actor, { mapId, clientId: options.clientId }, 'leave')).catch(() => {});
    }
  }
}
