import { TRPCError, tracked, type TrackedEnvelope } from '@trpc/server';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { DomainError } from '@/server/domain/errors';
import { MAP_EVENT_PROTOCOL_VERSION as v, MIN_SUPPORTED_PROTOCOL_VERSION, type MapEventType } from '@/shared/events';
import { abortableIterable, Wakeup } from './async-tools';
import { getEventHub, type EventHub } from './event-hub';
import { MAX_REPLAY_EVENTS, type MapStreamItem, type StoredMapEvent } from './event-types';
import { hiddenCommentIdsIn } from './hidden-comments';
import { readEventsAfter } from './read-events';
import { loadRecipient, redactionClassKey, redactionOf, redactWith, trackOwnVote, type Recipient } from './redact-event';

/** Events after which the recipient's access and the map's redaction settings are re-read. */
export const ACCESS_EVENTS: ReadonlySet<MapEventType> = new Set([
  'member.changed',
  'member.removed',
  'map.updated',
  'share.changed',
  'results.revealed',
]);

const BACKLOG_BATCH = 200;
export const ACCESS_RECHECK_MS = 15_000;

export interface StreamMapEventsOptions {
  db: Db;
  actor: Actor | null;
  mapId: string;
  /** The seq the client already has; absent: only events from now on. */
  lastEventId?: string | null;
  signal?: AbortSignal;
  hub?: EventHub;
  /** How often an idle stream re-checks access and re-reads the log as a safety net. */
  recheckMs?: number;
  /** The transport's own writer, for live events handed over as they are read (see LiveDelivery). */
  direct?: LiveDelivery;
}

/**
 * A transport that can take a caught-up stream's live events synchronously, in the feed's turn, as the
 * feed reads them: a map's fan-out is then one loop of writes, with no wake-up and no generator step per
 * subscriber. Whatever is not handed over this way goes through the stream's loop as before.
 */
export interface LiveDelivery {
  /** Whether a write now would go out (the transport is running and its client's buffer has room). */
  isReady(): boolean;
  deliver(entries: StreamEntry[]): void;
}

export function lostAccessError(): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'You no longer have access to this map: it was deleted or your membership ended.',
  });
}

export interface UnsupportedProtocolDetails {
  kind: 'protocol-unsupported';
  clientVersion: number;
  minimum: number;
  current: number;
}

/** A client speaking a protocol this server no longer supports: BAD_REQUEST with a typed reason in `data.details`. */
export function unsupportedProtocolError(clientVersion: number): DomainError<UnsupportedProtocolDetails> {
  return new DomainError(
    'INVALID',
    `This page is out of date (event protocol ${clientVersion}; the server needs ${MIN_SUPPORTED_PROTOCOL_VERSION} or newer). Reload ` +
      `the page.`,
    { kind: 'protocol-unsupported', clientVersion, minimum: MIN_SUPPORTED_PROTOCOL_VERSION, current: v },
  );
}

export function parseSeq(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const seq = Number(value);
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
}

/**
 * One item of a map's stream, ready for either transport: its SSE id (the seq), the item, and — for an
 * event held in the process's feed memory, which every subscriber of the map shares — a cache of its
 * serialised form per redaction class, so the raw SSE fan-out (sse-response.ts) serialises each event
 * once per class rather than once per subscriber.
 */
export interface StreamEntry {
  id: string;
  item: MapStreamItem;
  /** Null for items no other stream can share (resyncs, events read from the database for this stream). */
  shared: { frames: Map<string, Uint8Array>; classKey: string } | null;
}

/** Frames of events in feed memory, per redaction class; lives as long as the event object does. */
const sharedFrames = new WeakMap<StoredMapEvent, Map<string, Uint8Array>>();

function sharedFramesOf(event: StoredMapEvent): Map<string, Uint8Array> {
  let frames = sharedFrames.get(event);
  if (!frames) sharedFrames.set(event, (frames = new Map()));
  return frames;
}

/**
 * The live event stream of one map for one recipient. Joins the process's hub first, then
 * replays the backlog after `lastEventId` from the database, then follows live events — each
 * once, in seq order, redacted for the recipient and wrapped in `tracked(String(seq), …)` so an
 * EventSource resumes exactly after the last one it received. The caller checked the role.
 */
export function streamMapEvents(options: StreamMapEventsOptions): AsyncIterable<TrackedEnvelope<MapStreamItem>> {
  return abortableIterable(async function* (signal) {
    for await (const batch of run(options, signal)) {
      for (const entry of batch) yield tracked(entry.id, entry.item);
    }
  }, options.signal);
}

/**
 * The same stream as batches: every item that was ready at once (a burst, a backlog page) in one
 * array, so a transport can write them in one go.
 */
export function streamMapEntries(options: StreamMapEventsOptions): AsyncIterable<StreamEntry[]> {
  return abortableIterable((signal) => run(options, signal), options.signal);
}

/** The stream's entry for one event, redacted for the recipient (whose own votes it tracks). */
function entryOf(
  recipient: Recipient,
  event: StoredMapEvent,
  hiddenComments: ReadonlySet<string> | undefined,
  isShared: boolean,
): StreamEntry {
  trackOwnVote(recipient, event);
  const redaction = redactionOf(recipient, event, hiddenComments);
  return {
    id: String(event.seq),
    // Built only when read: a transport that already has this class's bytes never needs it.
    get item() {
      return { kind: 'event' as const, v, ...redactWith(redaction, event) };
    },
    shared: isShared ? { frames: sharedFramesOf(event), classKey: redactionClassKey(redaction) } : null,
  };
}

/** Whether live events can be handed over without the loop: in order after `cursor`, and nothing needing a read first. */
function canHandOver(events: readonly StoredMapEvent[], cursor: number, recipient: Recipient): boolean {
  let expected = cursor + 1;
  for (const event of events) {
    if (event.seq !== expected || ACCESS_EVENTS.has(event.type)) return false;
    // Comment text may have been hidden since: the loop reads which (hiddenCommentIdsIn).
    if (recipient.role !== 'owner' && (event.type === 'comment.created' || event.type === 'comment.updated')) return false;
    expected += 1;
  }
  return events.length > 0;
}

async function* run(options: StreamMapEventsOptions, signal: AbortSignal): AsyncGenerator<StreamEntry[], void, unknown> {
  const { db, actor, mapId, direct } = options;
  const hub = options.hub ?? getEventHub();
  const recheckMs = options.recheckMs ?? ACCESS_RECHECK_MS;
  const wakeup = new Wakeup();
  let recipient: Recipient | null = null;
  let cursor = 0;
  // True only while the loop waits with nothing left to send: then the transport may take live events itself.
  let isCaughtUp = false;
  const handOver = direct
    ? (events: readonly StoredMapEvent[]): boolean => {
        if (!isCaughtUp || !recipient || signal.aborted || !direct.isReady() || !canHandOver(events, cursor, recipient)) return false;
        const taker = recipient;
        direct.deliver(events.map((event) => entryOf(taker, event, undefined, true)));
        cursor = events.at(-1)!.seq;
        return true;
      }
    : undefined;
  // Subscribe before reading anything, so an event committed meanwhile is never missed.
  const { feed, leave } = hub.joinMap(mapId, () => wakeup.notify(), handOver);
  try {
    try {
      await feed.ready(signal);
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    recipient = await loadRecipient(db, actor, mapId);
    if (!recipient) throw lostAccessError();

    const head = feed.head;
    cursor = parseSeq(options.lastEventId) ?? head;
    if (cursor > head || head - cursor > MAX_REPLAY_EVENTS) {
      const reason = cursor > head ? 'ahead-of-log' : 'too-far-behind';
      yield [{ id: String(head), item: { kind: 'resync', v, seq: head, reason }, shared: null }];
      cursor = head;
    }

    let nextRecheck = Date.now() + recheckMs;
    let mustRead = false;
    while (!signal.aborted) {
      let batch = mustRead ? null : feed.eventsAfter(cursor);
      const isShared = batch !== null;
      if (batch === null) batch = await readEventsAfter(db, mapId, cursor, BACKLOG_BATCH);
      mustRead = false;
      let entries: StreamEntry[] = [];
      // A backlog can hold comments the owner has hidden since; only the owner may read their text.
      const hiddenComments = recipient.role === 'owner' ? undefined : await hiddenCommentIdsIn(db, mapId, batch);
      for (const event of batch) {
        if (event.seq <= cursor) continue;
        if (ACCESS_EVENTS.has(event.type)) {
          // What came before the access change was shown under the old standing: send it first.
          if (entries.length) yield entries;
          entries = [];
          if (signal.aborted) return;
          recipient = await loadRecipient(db, actor, mapId);
          if (!recipient) throw lostAccessError();
          nextRecheck = Date.now() + recheckMs;
        }
        entries.push(entryOf(recipient, event, hiddenComments, isShared));
        cursor = event.seq;
      }
      if (entries.length) yield entries;
      if (signal.aborted) return;
      if (batch.length) continue;

      const now = Date.now();
      if (now >= nextRecheck) {
        recipient = await loadRecipient(db, actor, mapId);
        if (!recipient) throw lostAccessError();
        nextRecheck = now + recheckMs;
        // Also a safety net should a notification ever be lost: read the log directly once.
        mustRead = true;
        continue;
      }
      isCaughtUp = true;
      await wakeup.wait(nextRecheck - now, signal);
      isCaughtUp = false;
    }
  } finally {
    wakeup.dispose();
    leave();
  }
}
