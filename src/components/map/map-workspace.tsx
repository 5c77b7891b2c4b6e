'use client';

import { useQuery } from '@tanstack/react-query';
import type { Viewport } from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { usePresence, type Peer } from '@/components/realtime/use-presence';
import { useMapOutbox } from '@/components/realtime/use-map-outbox';
import { useMapSync, type ConnectionState } from '@/components/realtime/use-map-sync';
import { ShareButton } from '@/components/sharing/share-button';
import { ExportMenu } from '@/components/exchange/export-menu';
import { SourcesDrawer, type SourcesDrawerProps } from '@/components/sources/sources-drawer';
import { MapSearch } from '@/components/sources/map-search';
import { HistoryPanel } from '@/components/realtime/history-panel';
import { useStrengths } from '@/components/votes/use-strengths';
import { VoteDeck } from '@/components/votes/vote-deck';
import { ClassPanel } from '@/components/classroom/class-panel';
import { proposalCount, ReviewPanel, useRejectionNotices } from '@/components/moderation/review-panel';
import { ClassToolbar } from '@/components/classroom/class-toolbar';
import { PresenceBar } from '@/components/classroom/presence-bar';
import type { Actor } from '@/server/access/actor';
import type { MapView } from '@/server/domain/maps/get-map';
import { ROLE_LABEL, roleAtLeast } from '@/shared/roles';
import { errorMessage, useTRPC } from '@/trpc/client';
import { ConfirmDeleteDialog, ConflictDialog, ConnectPopover, ShortcutsDialog, type ConflictState } from './dialogs';
import { DRAFT_NODE_ID, NODE_WIDTH, positionForNewClaim, type Draft, type PeerMark } from './flow-elements';
import type { ConnectRequest, GraphApi } from './map-graph';
import { endsOf, type Change } from './undo-stack';
import { isPendingId, shareMapView, type NodeMove } from './map-cache';
import { movesToSave, showInSlices, withoutIds } from './layout-apply';
import { excerpt, indexMap, rootClaims } from './map-index';
import { MapActionsProvider, type MapActions, type Selection } from './map-actions';
import { MapOutline, type Reparent } from './map-outline';
import type { Relation } from './outline';
import { SidePanel } from './side-panel';
import { useFocusReturn } from './use-focus-return';
import { TagFilter } from './tag-chips';
import { GraphView } from './graph-view';
import { MapFocus } from './map-focus';
import { useFocusView } from './use-focus-view';
import { ToastRegion, useToasts } from './toasts';
import { claimConflictOf, useMapCommands } from './use-map-commands';

interface Props {
  initialMap: MapView;
  viewer: Actor | null;
  /** `?focus=` from the URL: the map opens in the focus view on that claim. */
  initialFocusId?: string | null;
  /** `vote`: open in Vote mode (where /join sends a voter). */
  initialMode?: 'vote' | 'map';
  /** Vote mode opens on this claim (a re-rate nudge), with the reader's earlier vote beside the buttons. */
  initialVoteClaimId?: string | null;
}

type View = 'graph' | 'outline' | 'focus';
type Dialog = { type: 'help' } | { type: 'delete'; claimId: string; childCount: number } | { type: 'conflict'; conflict: ConflictState };

/** What the current visitor can do, in words, when they cannot edit; null when they can. */
function readOnlyReason(map: MapView, viewer: Actor | null): string | null {
  if (!viewer) return 'You can read this public map. Sign in to take part.';
  if (map.map.isLocked && map.role !== 'owner') return 'The owner has locked this map: you can read it until they unlock it.';
  if (map.role === 'voter') return 'You can rate claims: tap one, or open Vote mode.';
  if (map.role === 'viewer') return 'You can read this map. Ask the owner for voter or editor access to take part.';
  return null;
}

/** Why this reader cannot vote in Vote mode; null when they can. */
function voteRefusal(map: MapView, viewer: Actor | null): string | null {
  if (!viewer) return 'Sign in to vote.';
  if (map.role === 'viewer') return 'Viewers cannot vote: ask the owner for voter access.';
  if (map.map.isLocked && map.role !== 'owner') return 'The owner has locked this map, so votes are closed for now.';
  return null;
}

/** Keeps the previous value while a new one is equal by `key`, so memoized consumers do not re-run. */
function useStableByKey<T>(value: T, key: (value: T) => string): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  const nextKey = key(value);
  if (!ref.current || ref.current.key !== nextKey) ref.current = { key: nextKey, value };
  return ref.current.value;
}

/** Keeps the previous record while every value is the same, so a recomputation that changed nothing re-renders nothing. */
function useStableRecord(value: Record<string, number>): Record<string, number> {
  const ref = useRef(value);
  const previous = ref.current;
  if (previous !== value) {
    const keys = Object.keys(value);
    const isSame = keys.length === Object.keys(previous).length && keys.every((key) => previous[key] === value[key]);
    if (!isSame) ref.current = value;
  }
  return ref.current;
}

function peersByNodeOf(peers: Peer[]): Map<string, PeerMark[]> {
  const byNode = new Map<string, PeerMark[]>();
  for (const peer of peers) {
    const nodeId = peer.editingNodeId ?? peer.selectedNodeId;
    if (!nodeId) continue;
    const list = byNode.get(nodeId) ?? [];
    list.push({ userId: peer.userId, name: peer.name, color: peer.color, isEditing: peer.editingNodeId === nodeId });
    byNode.set(nodeId, list);
  }
  return byNode;
}

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — changes are kept and sent when back',
};

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && Boolean(target.closest('input, textarea, select, [contenteditable="true"]'));
}

export function MapWorkspace({ initialMap, viewer, initialFocusId = null, initialMode = 'map', initialVoteClaimId = null }: Props) {
  const trpc = useTRPC();
  const mapId = initialMap.map.id;
  const query = useQuery({
    ...trpc.map.get.queryOptions({ mapId }),
    initialData: initialMap,
    structuralSharing: shareMapView,
  });
  const map = query.data ?? initialMap;
  const index = indexMap(map);

  const reason = readOnlyReason(map, viewer);
  const canEdit = reason === null && roleAtLeast(map.role, 'editor');

  const [view, setView] = useState<View>(initialFocusId ? 'focus' : 'graph');
  const focus = useFocusView(initialFocusId, view === 'focus', setView);
  // A voter who joins comes to rate claims: they land in Vote mode, one card per claim.
  const [isVoteMode, setIsVoteMode] = useState(() => Boolean(viewer) && initialMode === 'vote' && roleAtLeast(initialMap.role, 'voter'));
  const [isClassOpen, setIsClassOpen] = useState(false);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [showStrength, setShowStrength] = useState(false);
  const [sources, setSources] = useState<{ focus: SourcesDrawerProps['focus'] } | null>(null);
  const [isHistoryOpen, setIsHistoryOpen] = useState(false);
  const [isReviewOpen, setIsReviewOpen] = useState(false);
  const isModerator = Boolean(viewer) && (map.isModerator ?? map.role === 'owner');
  const reviewCount = isModerator ? proposalCount(map) : 0;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [connect, setConnect] = useState<ConnectRequest | null>(null);
  const [isArranging, setIsArranging] = useState(false);
  const [localPositions, setLocalPositions] = useState<ReadonlyMap<string, { x: number; y: number }> | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const graphApi = useRef<GraphApi | null>(null);
  const [graphViewport, setGraphViewport] = useState<Viewport | null>(null);
  const editBase = useRef<{ claimId: string; text: string; version: number } | null>(null);
  /** Claims being created, by their optimistic id: resolves to the id the server gave. */
  const pendingClaims = useRef(new Map<string, Promise<string>>());

  const { toasts, show, dismiss } = useToasts();
  const notify = useCallback((message: string, kind: 'info' | 'error' = 'info') => show({ message, kind }), [show]);

  const sync = useMapSync(mapId, initialMap.map.lastSeq);
  // Someone else deleted the claim this user is editing: say so instead of failing on save.
  useEffect(() => {
    if (editingId && sync.deletedClaimIds.has(editingId)) {
      setEditingId(null);
      notify('Someone else deleted the claim you were editing. Restore it from History to keep working on it.', 'error');
    }
  }, [editingId, sync.deletedClaimIds, notify]);
  useMapOutbox({ mapId, viewer, isLive: sync.connection === 'live', notify });
  useRejectionNotices(mapId, isModerator, notify);
  const connectionRef = useRef(sync.connection);
  connectionRef.current = sync.connection;
  const presence = usePresence(mapId, Boolean(viewer));
  // The graph and the strengths follow the map one render behind, as a transition: on a big map that
  // work (a pass over every node) is then split into short slices React can interrupt, instead of one
  // long task per change, while typing, selection and the draft stay immediate.
  const graphMap = useDeferredValue(map);
  const strengthInfo = useStrengths(graphMap);

  /** The layout being put on screen slice by slice (see layout-apply.ts); a node dragged meanwhile leaves it. */
  const layoutApply = useRef<{ droppedIds: Set<string> } | null>(null);
  /** The toast offering Undo for a change, to dismiss once that change is undone another way. */
  const undoToasts = useRef(new Map<Change, number>());
  const commands = useMapCommands({
    mapId,
    viewer,
    notify,
    shouldRefetch: () => connectionRef.current !== 'live',
    showMoves: async (moves) => {
      await showInSlices({ moves, show: setLocalPositions });
      return () => {
        if (!layoutApply.current) setLocalPositions(undefined);
      };
    },
    onUndone: (change) => {
      const toastId = undoToasts.current.get(change);
      if (toastId !== undefined) dismiss(toastId);
      undoToasts.current.delete(change);
    },
  });
  const offerUndo = (message: string, change: Change) => {
    const toastId = show({ message, kind: 'info', action: { label: 'Undo', run: () => void commands.undoChange(change) } });
    undoToasts.current.set(change, toastId);
  };

  // ——— Presence ———
  const { setSelection: publishSelection, setEditing: publishEditing } = presence;
  useEffect(() => publishSelection(selection && selection.kind !== 'link' ? selection.id : null), [selection, publishSelection]);
  useEffect(() => publishEditing(editingId), [editingId, publishEditing]);
  const peersByNode = useStableByKey(
    useMemo(() => peersByNodeOf(presence.peers), [presence.peers]),
    (value) => JSON.stringify([...value.entries()]),
  );

  const strengths = useStableRecord(strengthInfo.strengths);
  // Only while the focus view shows strengths: a pass over every node on each change otherwise.
  const isFocusStrength = showStrength && view === 'focus';
  const strengthsForFocus = useMemo(() => {
    if (!isFocusStrength) return null;
    const unrated = new Set(strengthInfo.unrated ?? []);
    return Object.fromEntries(Object.entries(strengths).map(([id, value]) => [id, unrated.has(id) ? null : value]));
  }, [isFocusStrength, strengths, strengthInfo.unrated]);
  const recentIds = useStableByKey(sync.recentlyChangedIds, (value) => [...value].sort().join(','));

  // A selection whose node disappeared (deleted here or elsewhere) is dropped.
  const selectionExists =
    !selection ||
    (selection.kind === 'claim' && index.claimById.has(selection.id)) ||
    (selection.kind === 'evidence' && index.evidenceById.has(selection.id)) ||
    (selection.kind === 'link' && index.linkById.has(selection.id));
  const activeSelection = selectionExists ? selection : null;
  const returnFocus = useFocusReturn(activeSelection && activeSelection.kind !== 'link' ? activeSelection.id : null);
  const editingExists = editingId !== null && index.claimById.has(editingId);
  if (editingId !== null && !editingExists) {
    setEditingId(null);
    notify('The claim you were editing was deleted by someone else.', 'error');
  }

  // "unrated" needs the propagation over the whole map, not just what is shown: it comes with the strengths.
  const unratedIds = useMemo(() => new Set(strengthInfo.unrated ?? []), [strengthInfo.unrated]);
  const decorations = useMemo(
    () => ({
      selectedId: activeSelection?.id ?? null,
      editingId,
      canEdit,
      peersByNode,
      strengths: showStrength ? strengths : null,
      unratedIds: showStrength ? unratedIds : null,
      overridePositions: localPositions,
      recentIds,
    }),
    [activeSelection?.id, editingId, canEdit, peersByNode, showStrength, strengths, unratedIds, localPositions, recentIds],
  );

  // ——— Actions ———
  const select = useCallback((next: Selection | null) => {
    setSelection(next);
    setConnect(null);
  }, []);

  const startDraft = useCallback(
    (parentId: string | null, relation: Relation | null) => {
      if (!canEdit) {
        notify(reason ?? 'You cannot edit this map.');
        return;
      }
      setEditingId(null);
      // The focus view has no drafts: a new claim is written in the graph.
      if (view === 'focus') setView('graph');
      const api = graphApi.current;
      const sizeOf = api ? (id: string) => api.sizeOf(id) : undefined;
      const center = !parentId && view === 'graph' ? graphApi.current?.viewportCenter() : null;
      // Never on top of an existing node: the nearest free spot (flow-elements' freeSpot).
      const position = positionForNewClaim(
        map,
        parentId,
        sizeOf,
        center ? { x: Math.round(center.x - NODE_WIDTH / 2), y: Math.round(center.y - 60) } : undefined,
      );
      setDraft({ parentId, relation, ...position });
      if (view === 'graph') requestAnimationFrame(() => requestAnimationFrame(() => graphApi.current?.reveal(DRAFT_NODE_ID)));
    },
    [canEdit, map, notify, reason, view],
  );

  const actions: MapActions = {
    select,
    startEdit: (claimId) => {
      const claim = index.claimById.get(claimId);
      if (!canEdit || !claim || isPendingId(claimId)) return;
      setDraft(null);
      editBase.current = { claimId, text: claim.text, version: claim.version };
      setSelection({ kind: 'claim', id: claimId });
      setEditingId(claimId);
    },
    saveEdit: (claimId, text) => {
      setEditingId(null);
      returnFocus(claimId);
      const base = editBase.current?.claimId === claimId ? editBase.current : null;
      editBase.current = null;
      const claim = index.claimById.get(claimId);
      if (!claim || !base || text === base.text) return;
      commands.run({ type: 'editClaim', claimId, text, previousText: base.text, expectedVersion: base.version }).catch((error: unknown) => {
        const conflict = claimConflictOf(error);
        if (conflict) setDialog({ type: 'conflict', conflict: { ...conflict, claimId, mine: text } });
        else notify(`Your edit was not saved: ${errorMessage(error)}`, 'error');
      });
    },
    cancelEdit: () => {
      returnFocus(editingId);
      setEditingId(null);
      editBase.current = null;
    },
    commitDraft: (text) => {
      const current = draft;
      setDraft(null);
      returnFocus();
      if (!current) return;
      let pendingId: string | null = null;
      // A fast typist can add a child to a claim that is still being saved: wait for its real id.
      const parentPromise =
        current.parentId && isPendingId(current.parentId)
          ? (pendingClaims.current.get(current.parentId) ?? Promise.reject(new Error('its parent was not saved')))
          : Promise.resolve(current.parentId);
      const created = parentPromise.then((parentId) =>
        commands.createClaim(
          { text, parentId, relation: current.relation, x: Math.round(current.x), y: Math.round(current.y) },
          {
            onPending: (id) => {
              pendingId = id;
              setSelection({ kind: 'claim', id });
              pendingClaims.current.set(id, created);
            },
          },
        ),
      );
      created
        .then((claimId) => {
          setSelection((selected) => (selected?.id === pendingId ? { kind: 'claim', id: claimId } : selected));
          setDraft((open) => (open && open.parentId === pendingId ? { ...open, parentId: claimId } : open));
          setAnnouncement(`Added: ${excerpt(text, 100)}`);
        })
        .catch((error: unknown) => notify(`The claim was not added: ${errorMessage(error)}`, 'error'))
        .finally(() => {
          if (pendingId) pendingClaims.current.delete(pendingId);
        });
    },
    cancelDraft: () => {
      returnFocus(draft?.parentId ?? null);
      setDraft(null);
    },
    addChild: (parentId, relation) => startDraft(parentId, relation),
    requestDelete: (claimId) => {
      if (!canEdit || isPendingId(claimId)) return;
      const claim = index.claimById.get(claimId);
      if (!claim) return;
      const childCount = (index.incoming.get(claimId) ?? []).length;
      if (childCount > 0) setDialog({ type: 'delete', claimId, childCount });
      else deleteClaim(claimId);
    },
    setLinkRelation: (linkId, relation) => {
      const link = index.linkById.get(linkId);
      if (!canEdit || !link || link.relation === relation) return;
      commands
        .run({ type: 'updateLink', linkId, relation, previous: link.relation })
        .catch((error: unknown) => notify(`The link was not changed: ${errorMessage(error)}`, 'error'));
    },
    deleteLink: (linkId) => {
      const link = index.linkById.get(linkId);
      if (!canEdit || !link) return;
      setSelection(null);
      returnFocus(link.toClaimId);
      commands
        .run({ type: 'deleteLink', link })
        .then((change) => offerUndo('Link removed', change))
        .catch((error: unknown) => notify(`The link was not removed: ${errorMessage(error)}`, 'error'));
    },
    focusClaim: (claimId) => focus.open(claimId),
    openSource: (sourceId, evidenceId) => {
      setIsHistoryOpen(false);
      setSources({ focus: { sourceId, ...(evidenceId ? { evidenceId } : {}) } });
    },
  };

  function deleteClaim(claimId: string) {
    const parentLink = (index.outgoing.get(claimId) ?? []).find((link) => index.claimById.has(link.toClaimId));
    setSelection(parentLink ? { kind: 'claim', id: parentLink.toClaimId } : null);
    setEditingId(null);
    returnFocus(parentLink?.toClaimId ?? null);
    commands
      .run({ type: 'deleteClaim', claimId })
      .then((change) => offerUndo('Claim deleted', change))
      .catch((error: unknown) => notify(`The claim was not deleted: ${errorMessage(error)}`, 'error'));
  }

  const resolveConflict = (conflict: ConflictState, text: string | null) => {
    setDialog(null);
    returnFocus(conflict.claimId);
    if (text === null) return; // Take theirs: the cache already shows their text.
    commands
      .run({ type: 'editClaim', claimId: conflict.claimId, text, previousText: conflict.theirs, expectedVersion: conflict.theirVersion })
      .catch((error: unknown) => {
        const again = claimConflictOf(error);
        if (again) setDialog({ type: 'conflict', conflict: { ...again, claimId: conflict.claimId, mine: text } });
        else notify(`Your edit was not saved: ${errorMessage(error)}`, 'error');
      });
  };

  const onMoveNodes = useCallback(
    (moves: NodeMove[], previous: NodeMove[]) => {
      // What the user dragged shows where they put it, not where a layout being shown or saved put it.
      for (const move of moves) layoutApply.current?.droppedIds.add(move.id);
      setLocalPositions((positions) => withoutIds(positions, moves));
      commands
        .run({ type: 'moveNodes', moves, previous })
        .catch((error: unknown) => notify(`The new position was not saved: ${errorMessage(error)}`, 'error'));
    },
    [commands, notify],
  );

  const latestMap = useRef(map);
  latestMap.current = map;
  const onLayout = useCallback(
    async (moves: NodeMove[], { isInitial }: { isInitial: boolean }) => {
      if (moves.length === 0) return;
      const applying = { droppedIds: new Set<string>() };
      layoutApply.current = applying;
      // A visitor who may not edit gets the layout on screen only; an editor's is saved once it is shown.
      const shown = await showInSlices({ moves, show: setLocalPositions, isDropped: (id) => applying.droppedIds.has(id) });
      if (layoutApply.current === applying) layoutApply.current = null;
      if (!shown || !canEdit) return;
      const before = indexMap(latestMap.current);
      const save = movesToSave(moves, {
        droppedIds: applying.droppedIds,
        positionOf: (move) => (move.kind === 'claim' ? before.claimById.get(move.id) : before.evidenceById.get(move.id)),
        isPending: isPendingId,
      });
      // The positions stay on screen until the saved map has them (or, refused, they go back).
      const clearShown = () => {
        if (!layoutApply.current) setLocalPositions(undefined);
      };
      if (save.moves.length === 0) {
        clearShown();
        return;
      }
      // The first layout of a map without positions is saved once and is not an undoable step.
      commands
        .run({ type: 'moveNodes', moves: save.moves, previous: save.previous }, { record: !isInitial })
        .catch((error: unknown) => notify(`The layout was not saved: ${errorMessage(error)}`, 'error'))
        .finally(clearShown);
    },
    [canEdit, commands, notify],
  );

  const onReparent = useCallback(
    ({ kind, item, newParentId }: Reparent) => {
      if (item.kind === 'evidence' || !item.linkId || !item.relation) return;
      const link = index.linkById.get(item.linkId);
      if (!link) return;
      const ops = [
        ...(newParentId ? [{ type: 'createLink' as const, ends: endsOf(link), toClaimId: newParentId, relation: item.relation }] : []),
        { type: 'deleteLink' as const, link },
      ];
      commands
        .run({ type: 'sequence', ops })
        .then(() => setAnnouncement(kind === 'indent' ? 'Moved under the claim above.' : 'Moved up a level.'))
        .catch((error: unknown) => notify(`The claim was not moved: ${errorMessage(error)}`, 'error'));
    },
    [commands, index, notify],
  );

  // ——— Keyboard ———
  const navigate = (key: string) => {
    const current = activeSelection && activeSelection.kind !== 'link' ? activeSelection.id : null;
    const xOf = (id: string) => {
      const item = index.claimById.get(id) ?? index.evidenceById.get(id);
      return localPositions?.get(id)?.x ?? item?.x ?? 0;
    };
    const byX = (ids: string[]) => [...new Set(ids)].sort((a, b) => xOf(a) - xOf(b));
    let target: string | undefined;
    if (!current) target = rootClaims(map)[0]?.id;
    else {
      const parentId = (index.outgoing.get(current) ?? []).find((link) => index.claimById.has(link.toClaimId))?.toClaimId;
      if (key === 'ArrowUp') target = parentId;
      else if (key === 'ArrowDown')
        target = byX((index.incoming.get(current) ?? []).map((link) => (link.fromClaimId ?? link.fromEvidenceId)!))[0];
      else {
        const siblings = parentId
          ? byX((index.incoming.get(parentId) ?? []).map((link) => (link.fromClaimId ?? link.fromEvidenceId)!))
          : byX(rootClaims(map).map((claim) => claim.id));
        const at = siblings.indexOf(current);
        target = siblings[at + (key === 'ArrowLeft' ? -1 : 1)];
      }
    }
    if (!target) return;
    const kind = index.evidenceById.has(target) ? 'evidence' : 'claim';
    setSelection({ kind, id: target });
    const text = kind === 'claim' ? index.claimById.get(target)?.text : index.evidenceById.get(target)?.exact;
    setAnnouncement(excerpt(text ?? '', 140));
    requestAnimationFrame(() => graphApi.current?.reveal(target));
  };

  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => {});
  keyHandler.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || dialog || isVoteMode || document.querySelector('dialog[open]')) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const isTyping = isTypingTarget(target);
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key;
    if (mod && !event.altKey && (key.toLowerCase() === 'z' || key.toLowerCase() === 'y')) {
      if (isTyping || !canEdit) return;
      event.preventDefault();
      const undone = key.toLowerCase() === 'y' || event.shiftKey ? commands.redo() : commands.undo();
      void Promise.resolve(undone).finally(() => returnFocus());
      return;
    }
    if (isTyping || mod || event.altKey) return;
    if (target?.closest('.connect-popover')) return;
    const isInTree = Boolean(target?.closest('[role="tree"]'));
    const isOnControl = Boolean(target?.closest('button, a[href], summary, [role="button"], [role="radio"]'));
    const selectedClaim = activeSelection?.kind === 'claim' ? activeSelection.id : null;
    const isSelectionSaved = selectedClaim !== null && !isPendingId(selectedClaim);
    switch (key) {
      case 'n':
      case 'N':
        startDraft(null, null);
        break;
      case 's':
      case 'S':
      case 'o':
      case 'O':
        if (!selectedClaim) return;
        actions.addChild(selectedClaim, key.toLowerCase() === 's' ? 'support' : 'oppose');
        break;
      case 'Enter':
        if (isInTree || isOnControl || !selectedClaim || !isSelectionSaved || view === 'focus') return;
        // Enter opens the focus view for whoever cannot edit (and with Shift for everyone); editors edit in place.
        if (event.shiftKey || !canEdit) focus.open(selectedClaim);
        else actions.startEdit(selectedClaim);
        break;
      case 'Delete':
      case 'Backspace':
        if (isOnControl && !isInTree && !target?.closest('.react-flow')) return;
        if (selectedClaim) {
          if (isSelectionSaved) actions.requestDelete(selectedClaim);
        } else if (activeSelection?.kind === 'link') actions.deleteLink(activeSelection.id);
        else return;
        break;
      case 'ArrowUp':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowRight':
        // From the view switch (just chosen), the arrows enter the outline's tree.
        if (isInTree || (isOnControl && !(view === 'outline' && target?.closest('.map-toolbar .segmented')))) return;
        if (view === 'outline') {
          document.querySelector<HTMLElement>('.outline-tree [role="treeitem"][tabindex="0"]')?.focus();
          break;
        }
        navigate(key);
        break;
      case 'f':
      case 'F':
        if (view !== 'graph') return;
        graphApi.current?.fitView();
        break;
      case 'Escape':
        returnFocus();
        if (connect) setConnect(null);
        else if (activeSelection) setSelection(null);
        else if (sources) setSources(null);
        else return;
        break;
      case '?':
        setDialog({ type: 'help' });
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // ——— Render ———
  const strengthOfSelection =
    showStrength && activeSelection && activeSelection.kind !== 'link' ? (strengths[activeSelection.id] ?? null) : null;
  const isEmpty = map.claims.length === 0 && map.evidence.length === 0;
  const deleteTarget = dialog?.type === 'delete' ? index.claimById.get(dialog.claimId) : undefined;
  const connectFrom = connect
    ? connect.fromKind === 'claim'
      ? index.claimById.get(connect.fromId)?.text
      : `“${index.evidenceById.get(connect.fromId)?.exact ?? ''}”`
    : '';
  const connectTo = connect ? index.claimById.get(connect.toId)?.text : '';

  return (
    <MapActionsProvider actions={actions} canEdit={canEdit}>
      <main className="map-workspace">
        <header className="map-header">
          <div className="map-title">
            <h1>{map.map.title}</h1>
            {map.map.description && <p className="muted small">{map.map.description}</p>}
          </div>
          <div className="map-header-meta">
            <span className="badge role-badge" title="Your role on this map">
              {viewer ? ROLE_LABEL[map.role] : 'Visitor'}
            </span>
            {map.map.isLocked && (
              <span className="badge badge-locked" title="Only the owner can change this map until it is unlocked">
                Locked
              </span>
            )}
            {map.map.isAnonymous && (
              <span className="badge" title="Authors and voters are hidden from everyone but the owner">
                Anonymous
              </span>
            )}
            <PresenceBar peers={presence.peers} isPresent={Boolean(viewer)} />
            <span className={`connection connection-${sync.connection}`} title="Live updates from other people">
              <span className="connection-dot" aria-hidden="true" />
              {CONNECTION_LABEL[sync.connection]}
            </span>
            <MapSearch
              mapId={mapId}
              onOpenSource={(sourceId, start, end) => {
                setIsHistoryOpen(false);
                setSources({ focus: { sourceId, ...(end > start ? { range: { start, end } } : {}) } });
              }}
              onSelectClaim={(claimId) => {
                setView((current) => current);
                setSelection({ kind: 'claim', id: claimId });
                graphApi.current?.reveal(claimId);
              }}
            />
            <ExportMenu mapId={mapId} mapTitle={map.map.title} isGraphVisible={view === 'graph'} />
            {map.role === 'owner' && viewer && <ShareButton mapId={mapId} mapTitle={map.map.title} />}
          </div>
        </header>

        <div className="map-toolbar" role="toolbar" aria-label="Map tools">
          {canEdit && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => startDraft(null, null)} title="Add a claim (N)">
              + Claim <kbd>N</kbd>
            </button>
          )}
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={view === 'graph'} onClick={() => setView('graph')}>
              Graph
            </button>
            <button type="button" aria-pressed={view === 'outline'} onClick={() => setView('outline')}>
              Outline
            </button>
            <button
              type="button"
              aria-pressed={view === 'focus'}
              onClick={() => focus.open(activeSelection?.kind === 'claim' ? activeSelection.id : focus.focusId)}
              title="One claim at a time, with its pros and cons (Shift+Enter on a selected claim)"
            >
              Focus
            </button>
          </div>
          <TagFilter claims={map.claims} />
          {view === 'graph' && (
            <>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void graphApi.current?.layout()}
                disabled={isArranging || isEmpty}
                title={canEdit ? 'Arrange the map automatically (saved, undoable)' : 'Arrange the map on your screen (not saved)'}
              >
                {isArranging ? 'Arranging…' : 'Auto-layout'}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => graphApi.current?.fitView()}
                disabled={isEmpty}
                title="Fit the map in view (F)"
              >
                Fit view
              </button>
            </>
          )}
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={showStrength}
            onClick={() => setShowStrength((value) => !value)}
            title="Colour and size claims by their computed strength"
          >
            Strength
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={sources !== null}
            onClick={() => setSources((current) => (current ? null : { focus: null }))}
          >
            Sources <span className="muted">({map.sources.length})</span>
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={isHistoryOpen}
            onClick={() => {
              setSources(null);
              setIsHistoryOpen((current) => !current);
            }}
          >
            History
          </button>
          <Link className="btn btn-small" href={`/maps/${mapId}/snapshots`}>
            Snapshots
          </Link>
          {canEdit && (
            <div className="toolbar-group" role="group" aria-label="History">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void Promise.resolve(commands.undo()).finally(() => returnFocus())}
                disabled={!commands.canUndo && !commands.isBusy}
                title={commands.undoLabel ? `${commands.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
              >
                Undo
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void Promise.resolve(commands.redo()).finally(() => returnFocus())}
                disabled={!commands.canRedo && !commands.isBusy}
                title={commands.redoLabel ? `${commands.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
              >
                Redo
              </button>
            </div>
          )}
          {viewer && roleAtLeast(map.role, 'voter') && (
            <button type="button" className="btn btn-small" aria-pressed={isVoteMode} onClick={() => setIsVoteMode((on) => !on)}>
              Vote mode
            </button>
          )}
          {isModerator && (map.map.requireApproval || reviewCount > 0) && (
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={isReviewOpen}
              onClick={() => {
                setSources(null);
                setIsHistoryOpen(false);
                setIsClassOpen(false);
                setIsReviewOpen((open) => !open);
              }}
              title="Claims, links and evidence waiting for your approval"
            >
              Review ({reviewCount})
            </button>
          )}
          {map.role === 'owner' && viewer && (
            <ClassToolbar
              map={map}
              isClassOpen={isClassOpen}
              onToggleClass={() => {
                setIsVoteMode(false);
                setSources(null);
                setIsHistoryOpen(false);
                setIsClassOpen((open) => !open);
              }}
              hereCount={presence.peers.length + 1}
              notify={notify}
            />
          )}
          <button
            type="button"
            className="btn btn-small toolbar-help"
            onClick={() => setDialog({ type: 'help' })}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
          >
            ?
          </button>
        </div>

        {reason && !isVoteMode && (
          <p className="readonly-hint" role="note">
            {viewer && map.role === 'voter' && !map.map.isLocked ? (
              <>
                You can rate claims: tap one, or{' '}
                <button type="button" className="btn-link" onClick={() => setIsVoteMode(true)}>
                  open Vote mode
                </button>
                .
              </>
            ) : (
              reason
            )}
            {!viewer && (
              <>
                {' '}
                <Link href={`/signin?callbackUrl=${encodeURIComponent(`/maps/${mapId}`)}`}>Sign in</Link>
              </>
            )}
          </p>
        )}
        {(query.isError || sync.endedReason) && (
          <div className="map-error" role="alert">
            {sync.endedReason ?? `This map could not be refreshed: ${errorMessage(query.error)}`}{' '}
            {!sync.endedReason && (
              <button type="button" className="btn btn-small" onClick={() => void query.refetch()}>
                Try again
              </button>
            )}
          </div>
        )}

        {isVoteMode && (
          <VoteDeck
            map={map}
            startClaimId={initialVoteClaimId}
            refusal={voteRefusal(map, viewer)}
            onLeave={() => setIsVoteMode(false)}
            onOpenSource={(sourceId, evidenceId) => {
              setIsVoteMode(false);
              actions.openSource(sourceId, evidenceId);
            }}
          />
        )}
        <div
          className={[
            'map-main',
            activeSelection ? 'has-panel' : '',
            sources ? 'has-drawer' : '',
            draft || editingId ? 'is-editing' : '',
          ].join(' ')}
          hidden={isVoteMode}
        >
          <section className="map-canvas" aria-label={view === 'graph' ? 'Graph view' : view === 'focus' ? 'Focus view' : 'Outline view'}>
            {isEmpty && !draft && view === 'graph' && (
              <div className="map-empty">
                <p className="map-empty-title">
                  Start with a thesis: press <kbd>N</kbd>
                </p>
                <p className="muted small">
                  {canEdit
                    ? 'Then select it and press S to add a supporting claim or O for an opposing one.'
                    : 'Nothing has been added to this map yet.'}
                </p>
                {canEdit && (
                  <button type="button" className="btn btn-primary" onClick={() => startDraft(null, null)}>
                    + Add the thesis
                  </button>
                )}
              </div>
            )}
            {view === 'focus' ? (
              <MapFocus
                map={map}
                focusId={focus.focusId}
                onFocus={focus.open}
                onSelect={select}
                onOpenSource={(sourceId, evidenceId) => actions.openSource(sourceId, evidenceId)}
                strengths={strengthsForFocus}
              />
            ) : view === 'graph' ? (
              <GraphView
                firstView={<MapFocus map={map} focusId={null} onFocus={focus.open} onSelect={select} isInteractive={false} />}
                map={graphMap}
                decorations={decorations}
                draft={draft}
                canEdit={canEdit}
                apiRef={graphApi}
                onSelect={select}
                onStartEdit={(claimId) => (canEdit ? actions.startEdit(claimId) : focus.open(claimId))}
                onConnectRequest={setConnect}
                onMoveNodes={onMoveNodes}
                onLayout={onLayout}
                onLayoutStateChange={setIsArranging}
                initialViewport={graphViewport}
                onViewportChange={setGraphViewport}
              />
            ) : (
              <MapOutline
                map={map}
                selection={activeSelection}
                editingId={editingId}
                draft={draft}
                canEdit={canEdit}
                peersByNode={peersByNode}
                onReparent={onReparent}
              />
            )}
          </section>
          {activeSelection && (
            <SidePanel
              map={map}
              selection={activeSelection}
              canEdit={canEdit}
              role={map.role}
              strength={strengthOfSelection}
              peers={peersByNode.get(activeSelection.id) ?? []}
              onClose={() => {
                returnFocus(activeSelection.id);
                setSelection(null);
              }}
            />
          )}
          {sources && (
            <div className="map-drawer">
              <SourcesDrawer mapId={mapId} canEdit={canEdit} focus={sources.focus} onClose={() => setSources(null)} />
            </div>
          )}
          {isClassOpen && !sources && !isHistoryOpen && (
            <div className="map-drawer">
              <ClassPanel
                map={map}
                peers={presence.peers}
                onClose={() => setIsClassOpen(false)}
                onSelectClaim={(claimId) => {
                  setSelection({ kind: 'claim', id: claimId });
                  graphApi.current?.reveal(claimId);
                }}
              />
            </div>
          )}
          {isReviewOpen && isModerator && !sources && !isHistoryOpen && (
            <div className="map-drawer">
              <ReviewPanel
                mapId={mapId}
                lastSeq={map.map.lastSeq}
                onClose={() => setIsReviewOpen(false)}
                onSelectClaim={(claimId) => {
                  setSelection({ kind: 'claim', id: claimId });
                  graphApi.current?.reveal(claimId);
                }}
              />
            </div>
          )}
          {isHistoryOpen && !sources && (
            <div className="map-drawer">
              <aside className="history-drawer" aria-label="Map history">
                <div className="row" style={{ justifyContent: 'space-between' }}>
                  <h2 className="panel-title">History</h2>
                  <button type="button" className="btn btn-small" onClick={() => setIsHistoryOpen(false)}>
                    Close
                  </button>
                </div>
                <HistoryPanel
                  mapId={mapId}
                  canRestore={canEdit}
                  onRestoreClaim={(claimId) =>
                    commands
                      .run({ type: 'restoreClaim', claimId })
                      .then(() => notify('Claim restored.'))
                      .catch((error: unknown) => notify(`Could not restore: ${errorMessage(error)}`, 'error'))
                  }
                />
              </aside>
            </div>
          )}
        </div>

        {connect && (
          <ConnectPopover
            fromText={connectFrom ?? ''}
            toText={connectTo ?? ''}
            x={connect.clientX}
            y={connect.clientY}
            onCancel={() => setConnect(null)}
            onChoose={(relation) => {
              const request = connect;
              setConnect(null);
              commands
                .run({
                  type: 'createLink',
                  ends: request.fromKind === 'claim' ? { fromClaimId: request.fromId } : { fromEvidenceId: request.fromId },
                  toClaimId: request.toId,
                  relation,
                })
                .then(() => setAnnouncement(relation === 'support' ? 'Linked: supports.' : 'Linked: opposes.'))
                .catch((error: unknown) => notify(`The link was not created: ${errorMessage(error)}`, 'error'));
            }}
          />
        )}
        {dialog?.type === 'help' && (
          <ShortcutsDialog
            onClose={() => {
              returnFocus();
              setDialog(null);
            }}
          />
        )}
        {dialog?.type === 'delete' && deleteTarget && (
          <ConfirmDeleteDialog
            text={deleteTarget.text}
            childCount={dialog.childCount}
            onCancel={() => {
              returnFocus(dialog.claimId);
              setDialog(null);
            }}
            onConfirm={() => {
              setDialog(null);
              deleteClaim(dialog.claimId);
            }}
          />
        )}
        {dialog?.type === 'conflict' && (
          <ConflictDialog
            conflict={dialog.conflict}
            onKeepMine={() => resolveConflict(dialog.conflict, dialog.conflict.mine)}
            onTakeTheirs={() => resolveConflict(dialog.conflict, null)}
            onMerge={(text) => resolveConflict(dialog.conflict, text)}
          />
        )}
        <div className="sr-only" aria-live="polite">
          {announcement}
        </div>
        <ToastRegion toasts={toasts} onDismiss={dismiss} />
      </main>
    </MapActionsProvider>
  );
}
