'use client';

import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import type { Relation } from './outline';

export type Selection = { kind: 'claim' | 'evidence' | 'link'; id: string };

/**
 * What nodes, edges, outline rows and the side panel can ask the workspace to do. The object
 * handed down is created once and forwards to the latest implementation, so passing it never
 * re-renders a memoized node.
 */
export interface MapActions {
  select(selection: Selection | null): void;
  startEdit(claimId: string): void;
  saveEdit(claimId: string, text: string): void;
  cancelEdit(): void;
  commitDraft(text: string): void;
  cancelDraft(): void;
  addChild(parentId: string, relation: Relation): void;
  requestDelete(claimId: string): void;
  setLinkRelation(linkId: string, relation: Relation): void;
  deleteLink(linkId: string): void;
  openSource(sourceId: string, evidenceId?: string): void;
  /** Opens the focus view on a claim. */
  focusClaim(claimId: string): void;
}

const ActionsContext = createContext<MapActions | null>(null);
const CanEditContext = createContext(false);

export function MapActionsProvider({ actions, canEdit, children }: { actions: MapActions; canEdit: boolean; children: ReactNode }) {
  const latest = useRef(actions);
  latest.current = actions;
  const stable = useMemo<MapActions>(
    () => ({
      select: (selection) => latest.current.select(selection),
      startEdit: (id) => latest.current.startEdit(id),
      saveEdit: (id, text) => latest.current.saveEdit(id, text),
      cancelEdit: () => latest.current.cancelEdit(),
      commitDraft: (text) => latest.current.commitDraft(text),
      cancelDraft: () => latest.current.cancelDraft(),
      addChild: (parentId, relation) => latest.current.addChild(parentId, relation),
      requestDelete: (id) => latest.current.requestDelete(id),
      setLinkRelation: (id, relation) => latest.current.setLinkRelation(id, relation),
      deleteLink: (id) => latest.current.deleteLink(id),
      openSource: (sourceId, evidenceId) => latest.current.openSource(sourceId, evidenceId),
      focusClaim: (claimId) => latest.current.focusClaim(claimId),
    }),
    [],
  );
  return (
    <ActionsContext.Provider value={stable}>
      <CanEditContext.Provider value={canEdit}>{children}</CanEditContext.Provider>
    </ActionsContext.Provider>
  );
}

export function useMapActions(): MapActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useMapActions must be used inside MapActionsProvider');
  return actions;
}

export function useCanEdit(): boolean {
  return useContext(CanEditContext);
}
