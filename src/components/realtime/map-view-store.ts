/**
 * The client's map state, one writer: the last confirmed view (map.get plus confirmed events, in
 * seq order) and the predictions of writes still in flight. What components see is always
 * `predictions applied over confirmed` (tldraw's rebase): a confirmed event updates the confirmed
 * view and the predictions are re-applied over it; a rejected write just drops its prediction.
 * No command writes the cache by hand, and none needs a hand-written rollback.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import type { MapEventBody } from '@/shared/events';
import { applyEvent, type AppliedEvent } from './apply-event';

export interface Prediction {
  clientMutationId: string;
  events: AppliedEvent[];
  /** Set when the server accepted the write: the prediction goes once the view reaches this seq. */
  confirmedSeq: number | null;
}

export class MapViewStore {
  private confirmed: MapView | undefined;
  private predictions: Prediction[] = [];

  /**
   * @param publish receives the view to show after every change
   * @param readShown what is shown now (the initial confirmed view when nothing was set yet)
   */
  constructor(
    private readonly publish: (view: MapView) => void,
    private readonly readShown: () => MapView | undefined = () => undefined,
  ) {}

  /** The confirmed view (no predictions). */
  get confirmedView(): MapView | undefined {
    this.confirmed ??= this.predictions.length === 0 ? this.readShown() : undefined;
    return this.confirmed;
  }

  /** Takes what is shown as the confirmed view if none was set and nothing is predicted yet. */
  private loadConfirmed(): void {
    void this.confirmedView;
  }

  get pendingCount(): number {
    return this.predictions.length;
  }

  /** A fetched map.get: the new confirmed view (the caller replays newer confirmed events after it). */
  setConfirmed(view: MapView): void {
    this.confirmed = view;
    this.dropReached();
    this.show();
  }

  /** A confirmed event, in seq order. */
  applyConfirmed(event: AppliedEvent): void {
    const base = this.confirmedView;
    if (!base) return;
    this.confirmed = applyEvent(base, event);
    this.predictions = this.predictions.filter((prediction) => prediction.clientMutationId !== event.clientMutationId);
    this.dropReached();
    this.show();
  }

  /** Shows a write's predicted events at once; `settle` ends the prediction. */
  predict(clientMutationId: string, events: PredictedEvent[]): void {
    this.loadConfirmed();
    this.predictions.push({ clientMutationId, events: events.map((event) => asPrediction(clientMutationId, event)), confirmedSeq: null });
    this.show();
  }

  /**
   * The server answered. Rejected: the prediction is dropped (the view rolls back to confirmed plus
   * the other predictions). Accepted: the prediction takes the server's answer (`events`, e.g. the
   * real id of a created claim) and stays until the confirmed view reaches `seq`.
   */
  settle(clientMutationId: string, outcome: { ok: false } | { ok: true; seq: number | null; events?: PredictedEvent[] }): void {
    this.loadConfirmed();
    const prediction = this.predictions.find((item) => item.clientMutationId === clientMutationId);
    if (!prediction && !(outcome.ok && outcome.events?.length)) return;
    if (!outcome.ok || outcome.seq === null) {
      this.predictions = this.predictions.filter((item) => item !== prediction);
    } else {
      const settled: Prediction = prediction ?? { clientMutationId, events: [], confirmedSeq: null };
      settled.confirmedSeq = outcome.seq;
      if (outcome.events) settled.events = outcome.events.map((event) => asPrediction(clientMutationId, event));
      if (!prediction) this.predictions.push(settled);
      this.dropReached();
    }
    this.show();
  }

  private dropReached(): void {
    const seq = this.confirmed?.map.lastSeq ?? 0;
    this.predictions = this.predictions.filter((item) => item.confirmedSeq === null || item.confirmedSeq > seq);
  }

  /** Confirmed view with every prediction re-applied over it, in the order the writes were made. */
  view(): MapView | undefined {
    const base = this.confirmedView;
    if (!base) return undefined;
    return this.predictions.reduce((view, prediction) => prediction.events.reduce(applyEvent, view), base);
  }

  private show(): void {
    const view = this.view();
    if (view) this.publish(view);
  }
}

/** A predicted event as a command writes it: the body; the store adds the rest. */
export type PredictedEvent = MapEventBody & { createdAt?: Date };

function asPrediction(clientMutationId: string, event: PredictedEvent): AppliedEvent {
  return { ...event, seq: null, isOwn: true, clientMutationId, createdAt: event.createdAt ?? new Date() };
}

/**
 * One write through the store: show its predicted events, call the server, then let the prediction
 * take the server's answer (`confirmed(result)`) or drop it when the write is refused.
 */
export async function runPredicted<R extends { seq: number | null }>(
  store: MapViewStore,
  clientMutationId: string,
  predicted: PredictedEvent[],
  call: () => Promise<R>,
  confirmed?: (result: R) => PredictedEvent[],
): Promise<R> {
  if (predicted.length) store.predict(clientMutationId, predicted);
  let result: R;
  try {
    result = await call();
  } catch (error) {
    store.settle(clientMutationId, { ok: false });
    throw error;
  }
  store.settle(clientMutationId, { ok: true, seq: result.seq, ...(confirmed ? { events: confirmed(result) } : {}) });
  return result;
}
