'use client';

/**
 * Every write the editor makes, in one place: the event it predicts (shown at once through the
 * map's one reducer, see map-view-store.ts), the tRPC mutation, and the undo stack. After the
 * last of a burst of writes settles, map.get is refetched once when the stream is not live.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Actor } from '@/server/access/actor';
import { errorMessage, useTRPC } from '@/trpc/client';
import { describeChange, inverseOf, UndoStack, type Change, type Op } from './undo-stack';
import { pendingClaimId, pendingLinkId } from '@/components/realtime/apply-event';
import type { PredictedEvent } from '@/components/realtime/map-view-store';
import type { OutboxCall } from '@/components/realtime/outbox';
import { outboxOf } from '@/components/realtime/use-map-outbox';
import type { AppRouter } from '@/server/api/root';
import type { NodeMove } from './map-cache';
import { LAYOUT_SLICE } from './layout-apply';
import type { Relation } from './outline';

type Outputs = inferRouterOutputs<AppRouter>;

export interface ClaimConflict {
  claimId: string;
  mine: string;
  theirs: string;
  theirVersion: number;
}

/** The CONFLICT a stale `claim.update` gets, with the text and version it would overwrite. */
export function claimConflictOf(error: unknown): ClaimConflict | null {
  const data = (error as { data?: { code?: string; details?: unknown } } | null)?.data;
  const details = data?.details as { kind?: string; claimId?: string; currentText?: string; currentVersion?: number } | null | undefined;
  if (data?.code !== 'CONFLICT' || details?.kind !== 'claim-conflict') return null;
  return { claimId: details.claimId ?? '', mine: '', theirs: details.currentText ?? '', theirVersion: details.currentVersion ?? 0 };
}

export function errorCodeOf(error: unknown): string | null {
  return (error as { data?: { code?: string } } | null)?.data?.code ?? null;
}

export interface NewClaim {
  text: string;
  parentId: string | null;
  relation: Relation | null;
  x?: number;
  y?: number;
}

export interface MapCommands {
  createClaim(input: NewClaim, options?: { onPending?: (pendingId: string) => void }): Promise<string>;
  /** Performs an operation and records it for undo. Throws the server's error after rolling back. */
  run(op: Op, options?: { record?: boolean }): Promise<Change>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Undoes one specific change (a toast's Undo), whether or not it is on top of the stack. */
  undoChange(change: Change): Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  isBusy: boolean;
}

interface Options {
  mapId: string;
  viewer: Actor | null;
  notify: (message: string, kind?: 'info' | 'error') => void;
  /** False while the real-time stream keeps the cache current: then a refetch after writes is wasted. */
  shouldRefetch: () => boolean;
  /** Called when a change was undone (e.g. to dismiss the toast that offered its Undo). */
  onUndone?: (change: Change) => void;
  /**
   * Undoing or redoing a layout moves every node: the editor shows those moves first, a slice per
   * frame (layout-apply.ts), and gets back a function that ends the showing once the write settled.
   */
  showMoves?: (moves: NodeMove[]) => Promise<() => void>;
}

export function useMapCommands({ mapId, viewer, notify, shouldRefetch, onUndone, showMoves }: Options): MapCommands {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.map.get.queryKey({ mapId });

  const undoStackRef = useRef<UndoStack | null>(null);
  undoStackRef.current ??= new UndoStack();
  const [undoStackVersion, setUndoStackVersion] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const inFlight = useRef(0);
  /** Writes not yet answered: an undo pressed right after an edit waits for the edit to be recorded. */
  const unsettled = useRef(new Set<Promise<unknown>>());
  const track = useCallback(<T>(promise: Promise<T>): Promise<T> => {
    unsettled.current.add(promise);
    const forget = () => unsettled.current.delete(promise);
    promise.then(forget, forget);
    return promise;
  }, []);
  const settle = () => Promise.allSettled([...unsettled.current]);

  const latest = useRef({ queryKey, viewer, notify, shouldRefetch, onUndone, showMoves });
  latest.current = { queryKey, viewer, notify, shouldRefetch, onUndone, showMoves };

  /** Every write goes through the map's durable outbox: predicted at once, stored, sent in order while the stream is live. */
  const send = useCallback(
    <R>(call: OutboxCall, predicted: PredictedEvent[], clientMutationId?: string): Promise<R> => {
      const outbox = outboxOf(queryClient, mapId);
      if (!outbox) return Promise.reject(new Error('Sign in to change this map.'));
      return outbox.enqueue<R>(call, predicted, clientMutationId);
    },
    [queryClient, mapId],
  );

  /** Wraps one write: refetches after the last of a burst when the stream is not keeping the view current. */
  const write = useCallback(
    async <T>(body: () => Promise<T>, options: { refetch?: boolean } = {}): Promise<T> => {
      inFlight.current += 1;
      try {
        return await body();
      } finally {
        inFlight.current -= 1;
        if (inFlight.current === 0 && options.refetch !== false && latest.current.shouldRefetch()) {
          void queryClient.invalidateQueries({ queryKey: latest.current.queryKey });
        }
      }
    },
    [queryClient],
  );

  // Each write predicts the event it will cause; the store shows it at once, replaces it with the
  // server's answer, and drops it if the write is refused (no hand-written rollbacks).
  const perform = useCallback(
    async (op: Op): Promise<Change> => {
      switch (op.type) {
        case 'deleteClaim':
          return write(async () => {
            await send({ procedure: 'claim.delete', input: { id: op.claimId } }, [
              { type: 'claim.deleted', payload: { claimId: op.claimId, linkIds: [] } },
            ]);
            return { type: 'claimDeleted', claimId: op.claimId };
          });
        case 'restoreClaim':
          return write(async () => {
            await send({ procedure: 'claim.restore', input: { id: op.claimId } }, []);
            return { type: 'claimRestored', claimId: op.claimId };
          });
        case 'editClaim':
          return write(async () => {
            try {
              const result = await send<Outputs['claim']['update']>(
                { procedure: 'claim.update', input: { id: op.claimId, text: op.text, expectedVersion: op.expectedVersion } },
                [
                  {
                    type: 'claim.updated',
                    payload: { claimId: op.claimId, text: op.text, version: op.expectedVersion + 1, previousText: op.previousText },
                  },
                ],
              );
              return {
                type: 'claimEdited',
                claimId: op.claimId,
                text: result.claim.text,
                previousText: op.previousText,
                version: result.claim.version,
              };
            } catch (error) {
              // Someone else's newer text is the truth to show while the user decides: fetch it now.
              if (claimConflictOf(error)) void queryClient.invalidateQueries({ queryKey: latest.current.queryKey });
              throw error;
            }
          });
        case 'moveNodes':
          return write(
            async () => {
              await send({ procedure: 'claim.move', input: { moves: op.moves } }, [{ type: 'claim.moved', payload: { moves: op.moves } }]);
              return { type: 'nodesMoved', moves: op.moves, previous: op.previous };
            },
            { refetch: false },
          );
        case 'createLink':
          return write(async () => {
            const result = await send<Outputs['link']['create']>(
              { procedure: 'link.create', input: { ...op.ends, toClaimId: op.toClaimId, relation: op.relation } },
              [],
            );
            return { type: 'linkCreated', link: result.link };
          });
        case 'deleteLink':
          return write(async () => {
            await send({ procedure: 'link.delete', input: { id: op.link.id } }, [
              { type: 'link.deleted', payload: { linkId: op.link.id, link: op.link } },
            ]);
            return { type: 'linkDeleted', link: op.link };
          });
        case 'updateLink':
          return write(async () => {
            await send({ procedure: 'link.update', input: { id: op.linkId, relation: op.relation } }, [
              { type: 'link.updated', payload: { linkId: op.linkId, relation: op.relation } },
            ]);
            return { type: 'linkUpdated', linkId: op.linkId, relation: op.relation, previous: op.previous };
          });
        case 'sequence': {
          const changes: Change[] = [];
          try {
            for (const step of op.ops) changes.push(await perform(step));
          } catch (error) {
            // Keep what did happen undoable, then report the failure.
            if (changes.length > 0) undoStackRef.current!.record({ type: 'sequence', changes });
            throw error;
          }
          return { type: 'sequence', changes };
        }
      }
    },
    [queryClient, send, write],
  );

  const bump = () => setUndoStackVersion((n) => n + 1);

  const run = useCallback(
    (op: Op, options: { record?: boolean } = {}) =>
      track(
        (async () => {
          try {
            const change = await perform(op);
            if (options.record !== false) undoStackRef.current!.record(change);
            return change;
          } finally {
            bump();
          }
        })(),
      ),
    [perform, track],
  );

  const createClaimCommand = useCallback(
    async (input: NewClaim, options: { onPending?: (pendingId: string) => void } = {}) => {
      const clientMutationId = crypto.randomUUID();
      const pendingId = pendingClaimId(clientMutationId);
      const now = new Date();
      const actor = latest.current.viewer;
      const hasParent = Boolean(input.parentId && input.relation);
      const predicted: PredictedEvent = {
        type: 'claim.created',
        payload: {
          claim: {
            id: pendingId,
            title: null,
            text: input.text,
            x: input.x ?? null,
            y: input.y ?? null,
            version: 1,
            authorId: actor?.id ?? null,
            authorName: actor?.displayName ?? null,
            createdAt: now,
            updatedAt: now,
          },
          link:
            input.parentId && input.relation
              ? {
                  id: pendingLinkId(clientMutationId),
                  fromClaimId: pendingId,
                  fromEvidenceId: null,
                  toClaimId: input.parentId,
                  relation: input.relation,
                }
              : null,
        },
      };
      return track(
        write(async () => {
          const answer = send<Outputs['claim']['create']>(
            {
              procedure: 'claim.create',
              input: {
                mapId,
                text: input.text,
                ...(hasParent && input.parentId && input.relation ? { parentId: input.parentId, relation: input.relation } : {}),
                ...(input.x !== undefined && input.y !== undefined ? { x: input.x, y: input.y } : {}),
              },
            },
            [predicted],
            clientMutationId,
          );
          options.onPending?.(pendingId);
          const result = await answer;
          undoStackRef.current!.record({ type: 'claimCreated', claimId: result.claim.id });
          bump();
          return result.claim.id;
        }),
      );
    },
    [mapId, send, write, track],
  );

  // Undo and redo run one after another, each after the writes before it were answered, so
  // pressing Ctrl+Z twice quickly (or right after an edit) does what the user expects.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const queued = useRef(0);
  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      queued.current += 1;
      setIsBusy(true);
      const next = chain.current.then(async () => {
        await settle();
        const history = undoStackRef.current!;
        const entry = direction === 'undo' ? history.peekUndo() : history.peekRedo();
        if (!entry) return;
        const inverse = inverseOf(entry);
        const endShowing =
          inverse.type === 'moveNodes' && inverse.moves.length > LAYOUT_SLICE ? await latest.current.showMoves?.(inverse.moves) : undefined;
        try {
          const done = await perform(inverse);
          if (direction === 'undo') {
            history.completeUndo(done);
            latest.current.onUndone?.(entry);
          } else history.completeRedo(done);
          latest.current.notify(direction === 'undo' ? `Undid ${describeChange(entry)}.` : `Redid ${describeChange(done)}.`);
        } catch (error) {
          if (direction === 'undo') history.dropUndo();
          else history.dropRedo();
          latest.current.notify(undoFailure(direction, entry, error), 'error');
        } finally {
          endShowing?.();
        }
      });
      chain.current = next.finally(() => {
        queued.current -= 1;
        if (queued.current === 0) setIsBusy(false);
        bump();
      });
      return chain.current;
    },
    [perform],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  const undoChange = useCallback(
    async (change: Change) => {
      const history = undoStackRef.current!;
      if (history.peekUndo() === change) return undo();
      history.remove(change);
      try {
        await perform(inverseOf(change));
        latest.current.onUndone?.(change);
        latest.current.notify(`Undid ${describeChange(change)}.`);
      } catch (error) {
        latest.current.notify(undoFailure('undo', change, error), 'error');
      } finally {
        bump();
      }
    },
    [perform, undo],
  );

  const history = undoStackRef.current;
  return useMemo(
    () => ({
      createClaim: createClaimCommand,
      run,
      undo,
      redo,
      undoChange,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
      undoLabel: history.peekUndo() ? `Undo ${describeChange(history.peekUndo()!)}` : null,
      redoLabel: history.peekRedo() ? `Redo ${describeChange(history.peekRedo()!)}` : null,
      isBusy,
    }),
    // undoStackVersion: the stacks are mutable; this re-reads them after each change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [createClaimCommand, run, undo, redo, undoChange, isBusy, undoStackVersion, history],
  );
}

function undoFailure(verb: 'undo' | 'redo', change: Change, error: unknown): string {
  const what = describeChange(change);
  if (claimConflictOf(error)) return `Can't ${verb} ${what}: someone else changed this claim since. Their text is kept.`;
  if (errorCodeOf(error) === 'NOT_FOUND') return `Can't ${verb} ${what}: it was changed or removed by someone else.`;
  return `Can't ${verb} ${what}: ${errorMessage(error)}`;
}

export type { NodeMove };
