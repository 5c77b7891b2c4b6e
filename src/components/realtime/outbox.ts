/**
 * The durable outbox of one map for one user: every editor write (claims, links, moves, votes) is
 * kept, in order, until the server has answered it. Entries are stored (IndexedDB in the browser,
 * see outbox-storage.ts) before they are sent, so they survive closing the tab, a reload and a
 * browser restart, and are sent when the map is next opened with its stream live. The server
 * applies each clientMutationId at most once, so resending an entry whose answer was lost is safe.
 *
 * Sending waits for this map's stream only: another map going offline pauses nothing here.
 */
import { parseMapEventBody } from '@/shared/events';
import type { MapViewStore, PredictedEvent } from './map-view-store';
import type { TRelation } from '@/shared/schemas/claim';

/** The writes the outbox carries, with the input each procedure takes (clientMutationId added when sent). */
export type OutboxCall =
  | {
      procedure: 'claim.create';
      input: { mapId: string; text: string; parentId?: string; relation?: TRelation; x?: number; y?: number };
    }
  | { procedure: 'claim.update'; input: { id: string; text: string; expectedVersion: number } }
  | { procedure: 'claim.move'; input: { moves: { id: string; kind: 'claim' | 'evidence'; x: number; y: number }[] } }
  | { procedure: 'claim.delete'; input: { id: string } }
  | { procedure: 'claim.restore'; input: { id: string } }
  | {
      procedure: 'link.create';
      input: { fromClaimId?: string; fromEvidenceId?: string; toClaimId: string; relation: TRelation };
    }
  | { procedure: 'link.update'; input: { id: string; relation: TRelation } }
  | { procedure: 'link.delete'; input: { id: string } }
  | { procedure: 'vote.cast'; input: { claimId?: string; evidenceId?: string; value: number } }
  | { procedure: 'vote.retract'; input: { claimId?: string; evidenceId?: string } };

export type OutboxEntry = OutboxCall & {
  clientMutationId: string;
  /** What the write is expected to do, shown until the server answers (and again after a reload). */
  predicted: PredictedEvent[];
  createdAt: Date;
};

/** Sends one entry; resolves with the procedure's result (which always carries `seq`). */
export type OutboxTransport = (entry: OutboxEntry) => Promise<{ seq: number | null }>;

export interface OutboxStorage {
  load(key: string): Promise<OutboxEntry[]>;
  save(key: string, entries: OutboxEntry[]): Promise<void>;
}

/** A refusal from the server (it answered with an error code), as opposed to not reaching it. */
export function isServerRefusal(error: unknown): boolean {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === 'string';
}

/**
 * The events a write's answer confirms (replacing its prediction until the stream catches up),
 * checked against the event contract like any other event.
 */
export function confirmedEvents(entry: OutboxEntry, answer: object): PredictedEvent[] | undefined {
  const result = answer as Record<string, unknown>;
  const body = ((): [string, unknown] | null => {
    switch (entry.procedure) {
      case 'claim.create':
        return ['claim.created', { claim: result.claim, link: result.link }];
      case 'claim.restore':
        return ['claim.restored', { claim: result.claim, links: result.links }];
      case 'claim.update': {
        const claim = result.claim as { text?: unknown; version?: unknown } | undefined;
        return ['claim.updated', { claimId: entry.input.id, text: claim?.text, version: claim?.version, previousText: null }];
      }
      case 'link.create':
        return ['link.created', { link: result.link }];
      case 'vote.cast':
      case 'vote.retract':
        return [
          'vote.changed',
          { targetKind: result.targetKind, targetId: result.targetId, voterId: null, value: result.myVote, summary: result.votes },
        ];
      default:
        return null;
    }
  })();
  const parsed = body ? parseMapEventBody(body[0], body[1]) : null;
  return parsed ? [parsed] : undefined;
}

const RETRY_MS = 2_000;

export class MapOutbox {
  private entries: OutboxEntry[] = [];
  private readonly waiters = new Map<string, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private isLive = false;
  private isFlushing = false;
  private loaded: Promise<void> | null = null;
  private fromLastVisit = new Set<string>();
  private sentFromLastVisit = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly key: string,
    private readonly store: MapViewStore,
    private readonly storage: OutboxStorage,
    private readonly transport: OutboxTransport,
    /** Told once every write left over from the last visit has been sent: "3 changes … were sent". */
    private readonly onRestoredSent: (count: number) => void = () => {},
  ) {}

  /** Writes not yet answered (including those restored from the last visit). */
  get size(): number {
    return this.entries.length;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads what the last visit left unsent, shows it again as predictions, and sends it when live. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      let stored: OutboxEntry[] = [];
      try {
        stored = await this.storage.load(this.key);
      } catch {
        // No storage (private mode, a test): the outbox still works, in memory.
      }
      const known = new Set(this.entries.map((entry) => entry.clientMutationId));
      const restored = stored.filter((entry) => !known.has(entry.clientMutationId));
      for (const entry of restored) {
        this.fromLastVisit.add(entry.clientMutationId);
        this.store.predict(entry.clientMutationId, entry.predicted);
      }
      this.entries = [...restored, ...this.entries];
      this.changed();
    })();
    return this.loaded;
  }

  /** This map's stream is live (true) or not: writes are sent only while it is. */
  setLive(isLive: boolean): void {
    this.isLive = isLive;
    if (isLive) void this.flush();
  }

  /**
   * Adds a write: shown at once (its prediction), stored, then sent in order. Resolves with the
   * server's answer — possibly much later, after reconnecting — and rejects if the server refuses it.
   */
  enqueue<R = unknown>(call: OutboxCall, predicted: PredictedEvent[], clientMutationId: string = crypto.randomUUID()): Promise<R> {
    const entry = { ...call, clientMutationId, predicted, createdAt: new Date() };
    if (predicted.length) this.store.predict(clientMutationId, predicted);
    this.entries.push(entry);
    const answered = new Promise<R>((resolve, reject) => {
      this.waiters.set(clientMutationId, { resolve: resolve as (value: unknown) => void, reject });
    });
    void this.persist().then(() => this.flush());
    this.changed();
    return answered;
  }

  private async persist(): Promise<void> {
    await this.loaded;
    try {
      await this.storage.save(this.key, this.entries);
    } catch {
      // Storage full or unavailable: the write is still sent from memory.
    }
  }

  private async flush(): Promise<void> {
    if (this.isFlushing || !this.isLive) return;
    this.isFlushing = true;
    try {
      await this.loaded;
      while (this.isLive && this.entries.length) {
        const entry = this.entries[0]!;
        let result: { seq: number | null };
        try {
          result = await this.transport(entry);
        } catch (error) {
          if (!isServerRefusal(error)) {
            // Not reached (offline, server restarting): keep it, try again shortly or when live again.
            this.scheduleRetry();
            return;
          }
          this.finish(entry);
          this.store.settle(entry.clientMutationId, { ok: false });
          this.waiters.get(entry.clientMutationId)?.reject(error);
          this.waiters.delete(entry.clientMutationId);
          continue;
        }
        this.finish(entry);
        const events = confirmedEvents(entry, result);
        this.store.settle(entry.clientMutationId, { ok: true, seq: result.seq, ...(events ? { events } : {}) });
        if (this.fromLastVisit.delete(entry.clientMutationId)) this.sentFromLastVisit += 1;
        this.waiters.get(entry.clientMutationId)?.resolve(result);
        this.waiters.delete(entry.clientMutationId);
      }
    } finally {
      this.isFlushing = false;
    }
    if (this.fromLastVisit.size === 0 && this.sentFromLastVisit > 0) {
      const count = this.sentFromLastVisit;
      this.sentFromLastVisit = 0;
      this.onRestoredSent(count);
    }
  }

  private finish(entry: OutboxEntry): void {
    this.entries = this.entries.filter((item) => item !== entry);
    void this.persist();
    this.changed();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, RETRY_MS);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
