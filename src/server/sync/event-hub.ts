import pg from 'pg';
import type { Db } from '@/server/db';
import { getDb } from '@/server/db';
import { MAP_EVENTS_CHANNEL, type StoredMapEvent } from './event-types';
import { PRESENCE_CHANNEL, PresenceRoom, parsePresenceMessage } from './presence-room';
import { eventOfNotification, readEventsAfter, readHeadSeq } from './read-events';

/**
 * One LISTEN connection per process fans the map event log out to every subscriber in it.
 *
 * Notifications carry `mapId:seq` and, when it fits, the event itself; a commit made by this process is
 * announced to its hub at once (`announceCommitted`), and Postgres's copy then finds it delivered. What
 * a notification does not carry is read from MapEvent, once per map per burst (a MapFeed), and handed
 * to every local subscriber of that map.
 * A subscriber that is behind the feed's memory reads its backlog itself. After the LISTEN
 * connection is lost and comes back, every feed re-reads from its head, so nothing committed in
 * between is missed; Postgres may coalesce notifications, which is harmless for the same reason.
 */

const FEED_MEMORY = 512;
const READ_BATCH = 500;
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;
const PING_INTERVAL_MS = 20_000;

type Wake = () => void;
/** Takes new events for a subscriber at once; false to be woken instead (see LiveDelivery). */
export type HandOver = (events: readonly StoredMapEvent[]) => boolean;

export class MapFeed {
  /** Highest seq read into memory; -1 until the feed has read the map's head once. */
  head = -1;
  private recent: StoredMapEvent[] = [];
  private readonly subscribers = new Map<Wake, HandOver | undefined>();
  private isPulling = false;
  private isDirty = false;
  private readyPromise: Promise<void> | null = null;
  private isGone = false;
  /** A commit was announced while the first head read ran; that read may predate it. */
  private isNotifiedBeforeReady = false;

  constructor(
    readonly mapId: string,
    private readonly hub: EventHub,
  ) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** The map was deleted: subscribers should end. */
  get gone(): boolean {
    return this.isGone;
  }

  add(wake: Wake, handOver?: HandOver): void {
    this.subscribers.set(wake, handOver);
  }

  remove(wake: Wake): void {
    this.subscribers.delete(wake);
  }

  /** Resolves once LISTEN is active and the head was read after it, so no commit can slip between. */
  ready(signal?: AbortSignal): Promise<void> {
    this.readyPromise ??= (async () => {
      await this.hub.listening(signal);
      const head = await readHeadSeq(this.hub.db, this.mapId);
      if (head === null) this.isGone = true;
      this.head = Math.max(this.head, head ?? 0);
      if (this.isNotifiedBeforeReady) void this.pull();
    })().catch((error: unknown) => {
      this.readyPromise = null;
      throw error;
    });
    return this.readyPromise;
  }

  /** Events after `cursor` from memory, or null when memory does not reach back that far. */
  eventsAfter(cursor: number): StoredMapEvent[] | null {
    if (cursor >= this.head) return [];
    const first = this.recent[0];
    if (!first || first.seq > cursor + 1) return null;
    // Memory holds consecutive seqs (a hole empties it), so the position follows from the seq.
    return this.recent.slice(cursor + 1 - first.seq);
  }

  /**
   * A notification (or a reconnect, with `seq` null): read whatever is new. The event it carries, when it
   * is the next one and no read is running, is taken as is: notifications arrive in commit order, which
   * for one map is seq order (the Map row lock), so nothing can be skipped; any gap is read from the log.
   */
  notify(seq: number | null, event: StoredMapEvent | null = null): void {
    if (this.head < 0) {
      // Not ready yet: the first head read covers this commit unless it began before it; then a read after it does.
      this.isNotifiedBeforeReady = true;
      return;
    }
    if (seq !== null && seq <= this.head) return;
    if (event && event.seq === this.head + 1 && !this.isPulling) {
      this.remember([event]);
      this.handOver([event]);
      return;
    }
    void this.pull();
  }

  private remember(events: readonly StoredMapEvent[]): void {
    for (const event of events) {
      if (event.seq !== this.head + 1 && this.recent.length) this.recent = []; // never keep a hole in memory
      this.recent.push(event);
      this.head = event.seq;
    }
    if (this.recent.length > FEED_MEMORY) this.recent = this.recent.slice(-FEED_MEMORY);
  }

  private async pull(): Promise<void> {
    if (this.isPulling) {
      this.isDirty = true;
      return;
    }
    this.isPulling = true;
    try {
      let isFull: boolean;
      do {
        this.isDirty = false;
        const events = await readEventsAfter(this.hub.db, this.mapId, this.head, READ_BATCH);
        this.remember(events);
        isFull = events.length === READ_BATCH;
        if (events.length) this.handOver(events);
      } while (this.isDirty || isFull);
    } catch (error) {
      console.error(`event hub: reading events of map ${this.mapId} failed:`, error);
      // Subscribers fall back to their own reads on their periodic tick.
      this.wakeAll();
    } finally {
      this.isPulling = false;
    }
  }

  wakeAll(): void {
    for (const wake of this.subscribers.keys()) wake();
  }

  /** New events: straight to every subscriber that takes them now, a wake-up for the rest. */
  private handOver(events: readonly StoredMapEvent[]): void {
    for (const [wake, handOver] of this.subscribers) {
      let isTaken = false;
      try {
        isTaken = handOver?.(events) ?? false;
      } catch (error) {
        console.error(`event hub: handing events of map ${this.mapId} to a stream failed:`, error);
      }
      if (!isTaken) wake();
    }
  }
}

const LOSS_REPORT_AFTER_MS = 5_000;

export class EventHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private backoffMs = BACKOFF_MIN_MS;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly feeds = new Map<string, MapFeed>();
  private readonly rooms = new Map<string, PresenceRoom>();
  private waiters = new Set<() => void>();
  private isClosed = false;
  /** When the LISTEN connection was lost, and whether that was reported (a restart or a Ctrl-C is not worth a warning). */
  private lostAt: number | null = null;
  private isLossReported = false;
  /** Times the LISTEN connection was (re)established; tests watch it. */
  connections = 0;

  constructor(
    private readonly databaseUrl: string,
    readonly db: Db,
  ) {}

  /** The backend pid of the LISTEN connection (tests terminate it to simulate a network cut). */
  get listenerPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  get isListening(): boolean {
    return this.client !== null;
  }

  /** Resolves when the LISTEN connection is up (starting it on first use). */
  async listening(signal?: AbortSignal): Promise<void> {
    if (this.client) return;
    this.start();
    await new Promise<void>((resolve, reject) => {
      if (this.client) return resolve();
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(done);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private start(): void {
    if (this.client || this.connecting || this.reconnectTimer || this.isClosed) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true, application_name: 'crux-event-hub' });
    let isDead = false;
    const onLost = (error?: Error) => {
      if (isDead) return;
      isDead = true;
      this.noteLoss(error);
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => this.onNotification(message.channel, message.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN ${MAP_EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (isDead || this.isClosed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.connections += 1;
    if (this.isLossReported) console.warn('event hub: LISTEN connection restored');
    this.lostAt = null;
    this.isLossReported = false;
    this.backoffMs = BACKOFF_MIN_MS;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve();
    // Anything committed while we were not listening: every feed re-reads from its head.
    for (const feed of this.feeds.values()) feed.notify(null);
    this.startPing(client);
  }

  private startPing(client: pg.Client): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (this.client !== client) return;
      // A half-open TCP connection never errors by itself: a query that fails does.
      client.query('SELECT 1').catch((error: unknown) => client.emit('error', error as Error));
    }, PING_INTERVAL_MS);
    this.pingTimer.unref?.();
  }

  /**
   * A database that stops for a moment (the launcher's Ctrl-C, a supervised restart) comes back or
   * takes the app down with it within seconds; only a loss that lasts is reported, once.
   */
  private noteLoss(error: Error | undefined): void {
    this.lostAt ??= Date.now();
    if (this.isLossReported || this.isClosed || Date.now() - this.lostAt < LOSS_REPORT_AFTER_MS) return;
    this.isLossReported = true;
    console.warn(
      `event hub: LISTEN connection lost ${Math.round((Date.now() - this.lostAt) / 1000)} s ago` +
        `${error ? ` (${error.message})` : ''}; still reconnecting`,
    );
  }

  private scheduleReconnect(): void {
    if (this.isClosed || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private onNotification(channel: string, payload: string): void {
    if (channel === MAP_EVENTS_CHANNEL) {
      // `mapId:seq`, and after a newline the event itself when it fits (noticeCte).
      const newline = payload.indexOf('\n');
      const head = newline < 0 ? payload : payload.slice(0, newline);
      const at = head.lastIndexOf(':');
      const feed = this.feeds.get(head.slice(0, at));
      if (!feed) return;
      const seq = Number(head.slice(at + 1));
      if (!Number.isSafeInteger(seq)) return feed.notify(null);
      feed.notify(seq, newline < 0 ? null : eventOfNotification(seq, payload.slice(newline + 1)));
    } else if (channel === PRESENCE_CHANNEL) {
      const message = parsePresenceMessage(payload);
      if (message) this.rooms.get(message.mapId)?.receive(message);
    }
  }

  /**
   * A commit this process made, announced by the write with the text its notification carries: handled now
   * as the notification will be, which then finds it delivered (seq at or below the head).
   */
  announceCommitted(notice: string): void {
    this.onNotification(MAP_EVENTS_CHANNEL, notice);
  }

  /** Registers a subscriber of a map; call the returned function to leave. */
  joinMap(mapId: string, wake: Wake, handOver?: HandOver): { feed: MapFeed; leave: () => void } {
    let feed = this.feeds.get(mapId);
    if (!feed) {
      feed = new MapFeed(mapId, this);
      this.feeds.set(mapId, feed);
    }
    feed.add(wake, handOver);
    this.start();
    const joined = feed;
    return {
      feed: joined,
      leave: () => {
        joined.remove(wake);
        if (joined.subscriberCount === 0 && this.feeds.get(mapId) === joined) this.feeds.delete(mapId);
      },
    };
  }

  /** Registers a presence listener of a map; call the returned function to leave. */
  joinPresence(mapId: string, onChange: () => void): { room: PresenceRoom; leave: () => void } {
    let room = this.rooms.get(mapId);
    if (!room) {
      room = new PresenceRoom(mapId);
      this.rooms.set(mapId, room);
    }
    room.add(onChange);
    this.start();
    const joined = room;
    return {
      room: joined,
      leave: () => {
        joined.remove(onChange);
        if (joined.listenerCount === 0 && this.rooms.get(mapId) === joined) {
          joined.close();
          this.rooms.delete(mapId);
        }
      },
    };
  }

  /** Drops the LISTEN connection as if the network failed (tests); the hub reconnects by itself. */
  simulateConnectionLoss(): void {
    this.client?.emit('error', new Error('simulated connection loss'));
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

const globalForHub = globalThis as unknown as { cruxEventHub?: EventHub };

/** The process-wide hub (one LISTEN connection), created on first use. */
export function getEventHub(): EventHub {
  if (!globalForHub.cruxEventHub) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: the real-time hub needs it to LISTEN.');
    globalForHub.cruxEventHub = new EventHub(url, getDb());
  }
  return globalForHub.cruxEventHub;
}

/**
 * Hands a commit's notice to this process's hub, if one runs (a process with no subscriber has none, and
 * this does not start one): its subscribers get the event without waiting for Postgres to relay the NOTIFY.
 */
export function announceCommitted(notice: string | null | undefined): void {
  if (notice) globalForHub.cruxEventHub?.announceCommitted(notice);
}
