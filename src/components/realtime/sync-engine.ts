/**
 * The client half of the sync protocol, without React: applies streamed events to the cached map
 * in seq order, exactly once, fetches a missing range when one shows up, and replays recent
 * events over a freshly fetched map so a refetch never rolls back what the stream already showed.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { readStreamItem, type MapEventView, type MapStreamItem } from '@/shared/events';
import { needsRefetch } from './apply-event';

export interface SyncEngineDeps {
  /** The confirmed view (without the client's predictions), if one is loaded. */
  readMap: () => MapView | undefined;
  /** Applies one confirmed event, in seq order, through `applyEvent` (see map-view-store.ts). */
  applyEvent: (event: MapEventView) => void;
  /** Refetch the whole map (for events that change what this viewer may see, and after a resync). */
  invalidateMap: (options: { immediate: boolean }) => void;
  /** Events with seq > afterSeq, oldest first (events.list). */
  fetchEvents: (afterSeq: number, limit: number) => Promise<MapEventView[]>;
  /** Called for each event applied, in order. `isReplay`: an event the initial map already held. */
  onApplied?: (event: MapEventView, info: { isReplay: boolean; subjectText: string | null }) => void;
}

/** A gap bigger than this is not filled event by event: the map is refetched instead. */
const MAX_GAP = 1000;
const GAP_PAGE = 500;
/** Recent events kept to replay over a refetched map. */
const BUFFER_SIZE = 500;

export class MapSyncEngine {
  appliedSeq: number;
  private readonly pending = new Map<number, MapEventView>();
  private buffer: MapEventView[] = [];
  private isFillingGap = false;
  private isDisposed = false;

  /**
   * @param startSeq the seq the stream resumes after (events ≤ startSeq are ignored)
   * @param replayUntil events ≤ this were already in the initial map: applied silently
   */
  constructor(
    private readonly deps: SyncEngineDeps,
    startSeq: number,
    private readonly replayUntil: number,
  ) {
    this.appliedSeq = startSeq;
  }

  receive(raw: MapStreamItem): void {
    if (this.isDisposed) return;
    // Another protocol version or an unknown event type: do not guess, take the whole map again.
    const item: MapStreamItem = readStreamItem(raw) ?? {
      kind: 'resync',
      v: raw.v,
      seq: Math.max(this.appliedSeq, seqOf(raw)),
      reason: 'unreadable-event',
    };
    if (item.kind === 'resync') {
      this.appliedSeq = item.seq;
      this.pending.clear();
      this.buffer = [];
      this.deps.invalidateMap({ immediate: true });
      return;
    }
    const event: MapEventView = stripKind(item);
    if (event.seq <= this.appliedSeq) return;
    if (event.seq === this.appliedSeq + 1) {
      this.apply(event);
      this.drain();
      return;
    }
    this.pending.set(event.seq, event);
    void this.fillGap();
  }

  /**
   * The confirmed view was replaced by a fetched map.get (one snapshot, exactly at its lastSeq):
   * re-apply what the stream delivered after it.
   */
  onFetchedMap(map: MapView): void {
    for (const event of this.buffer) if (event.seq > map.map.lastSeq) this.deps.applyEvent(event);
  }

  /** Stops applying anything (the map was closed); `activate` undoes it. */
  dispose(): void {
    this.isDisposed = true;
  }

  activate(): void {
    this.isDisposed = false;
  }

  private apply(event: MapEventView): void {
    this.appliedSeq = event.seq;
    this.buffer.push(event);
    if (this.buffer.length > BUFFER_SIZE) this.buffer = this.buffer.slice(-BUFFER_SIZE);
    const before = this.deps.readMap();
    let subjectText: string | null = null;
    if (event.type === 'claim.deleted') {
      const claimId = event.payload.claimId;
      subjectText = before?.claims.find((claim) => claim.id === claimId)?.text ?? null;
    }
    const mustRefetch = needsRefetch(before, event);
    this.deps.applyEvent(event);
    if (mustRefetch) this.deps.invalidateMap({ immediate: false });
    this.deps.onApplied?.(event, { isReplay: event.seq <= this.replayUntil, subjectText });
  }

  private drain(): void {
    for (;;) {
      const next = this.pending.get(this.appliedSeq + 1);
      if (!next) break;
      this.pending.delete(next.seq);
      this.apply(next);
    }
    for (const seq of this.pending.keys()) if (seq <= this.appliedSeq) this.pending.delete(seq);
  }

  private async fillGap(): Promise<void> {
    if (this.isFillingGap) return;
    this.isFillingGap = true;
    try {
      for (let attempt = 0; attempt < 5 && this.pending.size && !this.isDisposed; attempt += 1) {
        const firstPending = Math.min(...this.pending.keys());
        if (firstPending - this.appliedSeq > MAX_GAP) {
          // Too far to replay: take the whole map again and continue from just before what we hold.
          this.appliedSeq = firstPending - 1;
          this.buffer = [];
          this.deps.invalidateMap({ immediate: true });
          this.drain();
          continue;
        }
        const events = await this.deps.fetchEvents(this.appliedSeq, Math.min(GAP_PAGE, firstPending - this.appliedSeq - 1));
        for (const event of events) {
          if (event.seq === this.appliedSeq + 1) this.apply(event);
          else if (event.seq > this.appliedSeq + 1) {
            // A hole in the log as this server reads it (an event it cannot parse): take the map again.
            this.appliedSeq = event.seq - 1;
            this.buffer = [];
            this.deps.invalidateMap({ immediate: true });
            this.apply(event);
          }
        }
        this.drain();
      }
    } catch {
      // The next event or reconnect tries again.
    } finally {
      this.isFillingGap = false;
    }
  }
}

function stripKind(item: Extract<MapStreamItem, { kind: 'event' }>): MapEventView {
  const { kind: _kind, v: _v, ...event } = item;
  return event;
}

function seqOf(item: MapStreamItem): number {
  return typeof item.seq === 'number' ? item.seq : 0;
}
