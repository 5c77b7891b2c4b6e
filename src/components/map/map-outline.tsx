'use client';

/**
 * The map as a nested, collapsible tree (WAI-ARIA tree pattern: roving tabindex, arrows move,
 * Right/Left expand/collapse, Home/End, Enter edits). Selection follows focus, and the same
 * selection drives the graph and the side panel.
 *
 * Tab and Shift+Tab are deliberately NOT used to re-parent claims: in a tree widget they must
 * move focus into and out of the tree, or keyboard users could never leave it (WCAG 2.1.2, no
 * keyboard trap). The Kialo-style "make it a child of the previous sibling" / "move it up a
 * level" live on Alt+→ and Alt+← instead, and are undoable like every other edit.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import type { Draft, PeerMark } from './flow-elements';
import { InlineEditor } from './inline-editor';
import { isPendingId } from './map-cache';
import { excerpt, indexMap, type MapIndex } from './map-index';
import { useMapActions, type Selection } from './map-actions';
import { PeerChips } from './peer-chips';
import { TagChips } from './tag-chips';
import { ancestorKeys, buildOutline, visibleItems, type ClaimItem, type Outline, type OutlineItem } from './outline';
import { VoteSummaryMini } from './vote-summary';
import type { TRelation } from '@/shared/schemas/claim';

/** Above this many items the outline opens with only the first two levels expanded. */
const LARGE_OUTLINE = 400;

export type Reparent = { kind: 'indent' | 'outdent'; item: OutlineItem; newParentId: string | null };

interface Props {
  map: MapView;
  selection: Selection | null;
  editingId: string | null;
  draft: Draft | null;
  canEdit: boolean;
  peersByNode: ReadonlyMap<string, readonly PeerMark[]>;
  onReparent: (request: Reparent) => void;
}

export function itemLabel(item: OutlineItem, index: MapIndex): string {
  const prefix = item.relation === null ? (item.level === 1 ? 'Thesis' : 'Claim') : item.relation === 'support' ? 'Supports' : 'Opposes';
  if (item.kind === 'evidence') {
    const passage = index.evidenceById.get(item.evidenceId);
    const source = passage ? index.sourceById.get(passage.sourceId)?.title : undefined;
    const relation = item.relation === null ? 'Evidence' : `Evidence ${item.relation === 'support' ? 'supporting' : 'opposing'}`;
    return `${relation}: “${excerpt(passage?.exact ?? '', 120)}”${source ? ` — ${source}` : ''}`;
  }
  const text = excerpt(index.claimById.get(item.claimId)?.text ?? '', 160);
  if (item.kind === 'ref') return `${prefix}: ${text} (${item.reason === 'cycle' ? 'circular, see above' : 'shown elsewhere'})`;
  return `${prefix}: ${text}`;
}

export function MapOutline({ map, selection, editingId, draft, canEdit, peersByNode, onReparent }: Props) {
  const actions = useMapActions();
  const index = indexMap(map);
  const outline = useMemo(() => buildOutline(map), [map]);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isLarge = outline.size > LARGE_OUTLINE;
  const isExpanded = useCallback((item: ClaimItem) => overrides.get(item.key) ?? (!isLarge || item.level < 2), [overrides, isLarge]);
  const allItems = useMemo(() => [...outline.roots, ...outline.unlinked], [outline]);
  const visible = useMemo(() => visibleItems(allItems, isExpanded), [allItems, isExpanded]);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);

  const selectedKey = selectionKey(selection, outline);
  const activeKey = visible.some((item) => item.key === focusKey) ? focusKey : (selectedKey ?? visible[0]?.key ?? null);
  // Each tree is one tab stop (WAI-ARIA tree pattern): the Unlinked tree gets its own when focus is elsewhere.
  const unlinkedKeys = useMemo(() => new Set(visibleItems(outline.unlinked, isExpanded).map((item) => item.key)), [outline, isExpanded]);
  const isActiveInUnlinked = activeKey !== null && unlinkedKeys.has(activeKey);
  const mainActiveKey = isActiveInUnlinked ? (outline.roots[0]?.key ?? null) : activeKey;
  const unlinkedActiveKey = isActiveInUnlinked ? activeKey : (outline.unlinked[0]?.key ?? null);

  // Reveal the selected item (expand its ancestors) when the selection comes from elsewhere.
  useEffect(() => {
    if (!selectedKey) return;
    const keys = ancestorKeys(outline, selectedKey);
    if (keys.some((key) => overrides.get(key) === false || (overrides.get(key) === undefined && isLarge))) {
      setOverrides((current) => {
        const next = new Map(current);
        for (const key of keys) next.set(key, true);
        return next;
      });
    }
  }, [selectedKey, outline, overrides, isLarge]);

  const focusItem = useCallback((key: string) => {
    setFocusKey(key);
    requestAnimationFrame(() => {
      const element = treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
      element?.focus({ preventScroll: false });
    });
  }, []);

  // When an editor closes, focus falls to <body>; put it back on the selected item.
  const wasEditing = useRef(false);
  useEffect(() => {
    const isEditing = Boolean(editingId || draft);
    if (wasEditing.current && !isEditing && selectedKey) {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) focusItem(selectedKey);
    }
    wasEditing.current = isEditing;
  }, [editingId, draft, selectedKey, focusItem]);

  const selectItem = useCallback(
    (item: OutlineItem) => {
      if (item.kind === 'evidence') actions.select({ kind: 'evidence', id: item.evidenceId });
      else actions.select({ kind: 'claim', id: item.claimId });
    },
    [actions],
  );

  const setExpanded = (key: string, value: boolean) =>
    setOverrides((current) => {
      const next = new Map(current);
      next.set(key, value);
      return next;
    });

  const parentKeyOf = (item: OutlineItem) => ancestorKeys(outline, item.key).at(-1) ?? null;

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!target || (event.target as HTMLElement).closest('textarea, input, button')) return;
    const key = target.dataset.key;
    const at = visible.findIndex((item) => item.key === key);
    const item = visible[at];
    if (!item) return;
    const move = (to: OutlineItem | undefined) => {
      if (!to) return;
      focusItem(to.key);
      if (to.kind !== 'ref') selectItem(to);
    };
    let isHandled = true;
    if (event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      if (canEdit) requestReparent(event.key === 'ArrowRight' ? 'indent' : 'outdent', item);
    } else if (event.altKey || event.ctrlKey || event.metaKey) {
      isHandled = false;
    } else if (event.key === 'ArrowDown') move(visible[at + 1]);
    else if (event.key === 'ArrowUp') move(visible[at - 1]);
    else if (event.key === 'Home') move(visible[0]);
    else if (event.key === 'End') move(visible.at(-1));
    else if (event.key === 'ArrowRight') {
      if (item.kind === 'claim' && item.children.length > 0) {
        if (!isExpanded(item)) setExpanded(item.key, true);
        else move(item.children[0]);
      }
    } else if (event.key === 'ArrowLeft') {
      if (item.kind === 'claim' && item.children.length > 0 && isExpanded(item)) setExpanded(item.key, false);
      else {
        const parentKey = parentKeyOf(item);
        move(visible.find((candidate) => candidate.key === parentKey));
      }
    } else if (event.key === 'Enter') {
      if (item.kind === 'claim' && canEdit && !isPendingId(item.claimId)) actions.startEdit(item.claimId);
      else if (item.kind === 'ref') jumpTo(item.claimId);
      else if (item.kind === 'evidence') {
        const passage = index.evidenceById.get(item.evidenceId);
        if (passage) actions.openSource(passage.sourceId, passage.id);
      }
    } else isHandled = false;
    if (isHandled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  function requestReparent(kind: 'indent' | 'outdent', item: OutlineItem) {
    if (item.kind === 'evidence' || !item.linkId || !item.parentClaimId) return;
    const parentKey = parentKeyOf(item);
    if (kind === 'indent') {
      const parent = allItemsByKey(outline).get(parentKey ?? '');
      if (!parent || parent.kind !== 'claim') return;
      const at = parent.children.findIndex((child) => child.key === item.key);
      const previous = parent.children
        .slice(0, at)
        .reverse()
        .find((child) => child.kind !== 'evidence');
      if (!previous) return;
      onReparent({ kind, item, newParentId: previous.claimId });
    } else {
      const parent = allItemsByKey(outline).get(parentKey ?? '');
      onReparent({ kind, item, newParentId: parent?.parentClaimId ?? null });
    }
  }

  function jumpTo(claimId: string) {
    const key = outline.keyOfClaim.get(claimId);
    if (!key) return;
    actions.select({ kind: 'claim', id: claimId });
    focusItem(key);
  }

  const isShown = (item: ClaimItem) => isExpanded(item) || draft?.parentId === item.claimId;
  const rowProps = {
    index,
    selection,
    editingId,
    draft,
    canEdit,
    peersByNode,
    isExpanded,
    onToggle: (item: ClaimItem) => setExpanded(item.key, !isExpanded(item)),
    onSelectItem: (item: OutlineItem) => {
      setFocusKey(item.key);
      if (item.kind === 'ref') jumpTo(item.claimId);
      else selectItem(item);
    },
  };

  // Each tree has its own tab stop, so the rows of each are told which of their items holds it.
  const renderRows = (items: OutlineItem[], treeActiveKey: string | null) =>
    flatRows(items, isShown, draft).map((row) =>
      row.kind === 'draft' ? (
        <DraftRow key="draft" level={row.level} relation={row.relation} />
      ) : (
        <OutlineRow
          key={row.item.key}
          item={row.item}
          setSize={row.setSize}
          position={row.position}
          {...rowProps}
          activeKey={treeActiveKey}
        />
      ),
    );

  const isEmpty = outline.roots.length === 0 && outline.unlinked.length === 0;

  return (
    <div className="map-outline">
      {isEmpty && !draft && (
        <div className="empty-state">
          <p>
            <strong>Start with a thesis:</strong> press <kbd>N</kbd>
            {canEdit ? '' : ' (editors only)'}
          </p>
        </div>
      )}
      <ul ref={treeRef} role="tree" aria-label="Argument outline" className="outline-tree" onKeyDown={onKeyDown}>
        {renderRows(outline.roots, mainActiveKey)}
        {draft && draft.parentId === null && <DraftRow level={1} />}
      </ul>
      {outline.unlinked.length > 0 && (
        <section className="outline-unlinked" aria-labelledby="outline-unlinked-title">
          <h2 id="outline-unlinked-title">Unlinked</h2>
          <p className="muted small">Claims and passages not connected to any thesis above (for example, a circle of claims).</p>
          <ul role="tree" aria-labelledby="outline-unlinked-title" className="outline-tree" onKeyDown={onKeyDown}>
            {renderRows(outline.unlinked, unlinkedActiveKey)}
          </ul>
        </section>
      )}
    </div>
  );
}

const itemsByKeyCache = new WeakMap<Outline, Map<string, OutlineItem>>();
function allItemsByKey(outline: Outline): Map<string, OutlineItem> {
  const cached = itemsByKeyCache.get(outline);
  if (cached) return cached;
  const byKey = new Map<string, OutlineItem>();
  const stack: OutlineItem[] = [...outline.roots, ...outline.unlinked];
  while (stack.length > 0) {
    const item = stack.pop()!;
    byKey.set(item.key, item);
    if (item.kind === 'claim') stack.push(...item.children);
  }
  itemsByKeyCache.set(outline, byKey);
  return byKey;
}

type FlatRow =
  | { kind: 'item'; item: OutlineItem; level: number; setSize: number; position: number }
  | { kind: 'draft'; level: number; relation: TRelation | null };

/**
 * The tree as one flat list of rows (WAI-ARIA's flat tree: aria-level, aria-setsize, aria-posinset),
 * so each item's accessible name is its own row and not its descendants' text. A draft child
 * comes after its parent's last shown descendant.
 */
function flatRows(items: OutlineItem[], isShown: (item: ClaimItem) => boolean, draft: Draft | null): FlatRow[] {
  const rows: FlatRow[] = [];
  const walk = (siblings: OutlineItem[]) => {
    siblings.forEach((item, at) => {
      rows.push({ kind: 'item', item, level: item.level, setSize: siblings.length, position: at + 1 });
      if (item.kind !== 'claim') return;
      const isOpen = item.children.length > 0 ? isShown(item) : false;
      if (isOpen) walk(item.children);
      if (draft?.parentId === item.claimId) rows.push({ kind: 'draft', level: item.level + 1, relation: draft.relation });
    });
  };
  walk(items);
  return rows;
}

function selectionKey(selection: Selection | null, outline: Outline): string | null {
  if (!selection) return null;
  if (selection.kind === 'claim') return outline.keyOfClaim.get(selection.id) ?? null;
  if (selection.kind === 'evidence') {
    for (const item of allItemsByKey(outline).values()) {
      if (item.kind === 'evidence' && item.evidenceId === selection.id) return item.key;
    }
  }
  return null;
}

/** A row sees the outline's own selection, editing and presence state, and its place in its tree. */
interface RowProps extends Pick<Props, 'selection' | 'editingId' | 'draft' | 'canEdit' | 'peersByNode'> {
  item: OutlineItem;
  setSize: number;
  position: number;
  index: MapIndex;
  activeKey: string | null;
  isExpanded: (item: ClaimItem) => boolean;
  onToggle: (item: ClaimItem) => void;
  onSelectItem: (item: OutlineItem) => void;
}

const OutlineRow = memo(function OutlineRow(props: RowProps) {
  const { item, setSize, position, index, activeKey, selection, editingId, draft, peersByNode, isExpanded, onToggle, onSelectItem } = props;
  const actions = useMapActions();
  const label = itemLabel(item, index);
  const metaId = useId();
  const nodeId = item.kind === 'evidence' ? item.evidenceId : item.claimId;
  const isSelected =
    item.kind !== 'ref' &&
    selection !== null &&
    selection.id === nodeId &&
    selection.kind === (item.kind === 'evidence' ? 'evidence' : 'claim');
  const hasChildren = item.kind === 'claim' && (item.children.length > 0 || draft?.parentId === item.claimId);
  const expanded = item.kind === 'claim' && hasChildren ? isExpanded(item) || draft?.parentId === item.claimId : undefined;
  const isEditing = item.kind === 'claim' && editingId === item.claimId;
  const peers = peersByNode.get(nodeId) ?? [];
  const claim = item.kind === 'evidence' ? null : index.claimById.get(item.claimId);
  const passage = item.kind === 'evidence' ? index.evidenceById.get(item.evidenceId) : null;

  return (
    <li
      role="treeitem"
      aria-level={item.level}
      aria-expanded={expanded}
      aria-selected={isSelected}
      aria-setsize={setSize}
      aria-posinset={position}
      aria-describedby={item.kind === 'claim' && !isEditing ? metaId : undefined}
      tabIndex={activeKey === item.key ? 0 : -1}
      data-key={item.key}
      data-node-id={item.kind === 'ref' ? undefined : nodeId}
      className={`outline-item ${item.kind} ${item.relation ?? 'root'}`}
      style={{ marginLeft: `${(item.level - 1) * 1.7}rem` }}
    >
      {/* The name, from content: the label once; the visible row is for the eye (its details describe the item). */}
      <span className="sr-only">{label}</span>
      <div
        className={`outline-row ${isSelected ? 'is-selected' : ''}`}
        onClick={(event) => {
          event.stopPropagation();
          onSelectItem(item);
        }}
        onDoubleClick={() => item.kind === 'claim' && props.canEdit && actions.startEdit(item.claimId)}
      >
        <span
          className={`outline-toggle ${hasChildren ? '' : 'is-leaf'}`}
          aria-hidden="true"
          onClick={(event) => {
            if (item.kind !== 'claim' || !hasChildren) return;
            event.stopPropagation();
            onToggle(item);
          }}
        >
          {hasChildren ? (expanded ? '▾' : '▸') : ''}
        </span>
        {item.relation && (
          <span className={`outline-sign ${item.relation}`} aria-hidden="true">
            {item.relation === 'support' ? '+' : '−'}
          </span>
        )}
        <div className="outline-content" aria-hidden={isEditing ? undefined : true}>
          {item.kind === 'evidence' ? (
            <>
              <q className="outline-quote">{excerpt(passage?.exact ?? '', 300)}</q>
              <span className="outline-meta">
                — <cite>{passage ? index.sourceById.get(passage.sourceId)?.title : ''}</cite>{' '}
                {passage && (
                  <button
                    type="button"
                    className="btn-link small"
                    tabIndex={-1}
                    onClick={(event) => {
                      event.stopPropagation();
                      actions.openSource(passage.sourceId, passage.id);
                    }}
                  >
                    Open in source
                  </button>
                )}
              </span>
            </>
          ) : item.kind === 'ref' ? (
            <span className="outline-ref">
              {excerpt(claim?.text ?? '', 120)}{' '}
              <span className="muted">{item.reason === 'cycle' ? '↻ see above' : '↗ shown elsewhere'}</span>
            </span>
          ) : isEditing ? (
            <InlineEditor
              initialText={claim?.text ?? ''}
              label="Claim text"
              onSave={(text) => actions.saveEdit(item.claimId, text)}
              onCancel={() => actions.cancelEdit()}
            />
          ) : (
            <>
              <span className="outline-text">{claim?.text}</span>
              <TagChips tags={claim?.tags} />
              {claim?.awaitingApproval && <span className="badge badge-awaiting">Waiting for approval</span>}
              <span className="outline-meta" id={metaId}>
                {claim?.authorName ?? 'Anonymous'} · <VoteSummaryMini votes={claim?.votes ?? null} />
              </span>
            </>
          )}
          <PeerChips peers={peers} isInline />
        </div>
      </div>
    </li>
  );
});

function DraftRow({ level, relation = null }: { level: number; relation?: TRelation | null }) {
  const actions = useMapActions();
  const label = relation === 'support' ? 'New supporting claim' : relation === 'oppose' ? 'New opposing claim' : 'New claim';
  return (
    <li role="treeitem" aria-level={level} aria-selected={false} aria-label={label} className={`outline-item draft ${relation ?? 'root'}`}>
      <div className="outline-row is-draft">
        <span className="outline-toggle is-leaf" aria-hidden="true" />
        {relation && (
          <span className={`outline-sign ${relation}`} aria-hidden="true">
            {relation === 'support' ? '+' : '−'}
          </span>
        )}
        <div className="outline-content">
          <InlineEditor
            initialText=""
            label={label}
            placeholder={relation ? 'Why? State it as a claim…' : 'State a thesis or claim…'}
            onSave={(text) => actions.commitDraft(text)}
            onCancel={() => actions.cancelDraft()}
          />
        </div>
      </div>
    </li>
  );
}
