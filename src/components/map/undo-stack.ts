/**
 * Undo and redo of the user's own changes, as new writes (never by rewinding the log: others may
 * have written since). Each entry is a `Change` — what a write did — and undoing it performs the
 * inverse operation, whose own Change goes on the redo stack. Inverses carry what a later write
 * needs: a restored link's new id, a claim's version after an edit, so an undo of an edit fails
 * with a clear message instead of overwriting someone else's newer text.
 */
import type { LinkView } from '@/server/domain/maps/get-map';
import type { NodeMove } from './map-cache';
import type { Relation } from './outline';

export type LinkEnds = { fromClaimId: string; fromEvidenceId?: undefined } | { fromEvidenceId: string; fromClaimId?: undefined };

export type Op =
  | { type: 'deleteClaim'; claimId: string }
  | { type: 'restoreClaim'; claimId: string }
  | { type: 'editClaim'; claimId: string; text: string; previousText: string; expectedVersion: number }
  | { type: 'moveNodes'; moves: NodeMove[]; previous: NodeMove[] }
  | { type: 'createLink'; ends: LinkEnds; toClaimId: string; relation: Relation }
  | { type: 'deleteLink'; link: LinkView }
  | { type: 'updateLink'; linkId: string; relation: Relation; previous: Relation }
  | { type: 'sequence'; ops: Op[] };

export type Change =
  | { type: 'claimCreated'; claimId: string }
  | { type: 'claimDeleted'; claimId: string }
  | { type: 'claimRestored'; claimId: string }
  | { type: 'claimEdited'; claimId: string; text: string; previousText: string; version: number }
  | { type: 'nodesMoved'; moves: NodeMove[]; previous: NodeMove[] }
  | { type: 'linkCreated'; link: LinkView }
  | { type: 'linkDeleted'; link: LinkView }
  | { type: 'linkUpdated'; linkId: string; relation: Relation; previous: Relation }
  | { type: 'sequence'; changes: Change[] };

export function endsOf(link: LinkView): LinkEnds {
  return link.fromClaimId ? { fromClaimId: link.fromClaimId } : { fromEvidenceId: link.fromEvidenceId! };
}

export function inverseOf(change: Change): Op {
  switch (change.type) {
    case 'claimCreated':
    case 'claimRestored':
      return { type: 'deleteClaim', claimId: change.claimId };
    case 'claimDeleted':
      return { type: 'restoreClaim', claimId: change.claimId };
    case 'claimEdited':
      return {
        type: 'editClaim',
        claimId: change.claimId,
        text: change.previousText,
        previousText: change.text,
        expectedVersion: change.version,
      };
    case 'nodesMoved':
      return { type: 'moveNodes', moves: change.previous, previous: change.moves };
    case 'linkCreated':
      return { type: 'deleteLink', link: change.link };
    case 'linkDeleted':
      return { type: 'createLink', ends: endsOf(change.link), toClaimId: change.link.toClaimId, relation: change.link.relation };
    case 'linkUpdated':
      return { type: 'updateLink', linkId: change.linkId, relation: change.previous, previous: change.relation };
    case 'sequence':
      return { type: 'sequence', ops: change.changes.map(inverseOf).reverse() };
  }
}

/** A short description for "Undid …" messages and button titles. */
export function describeChange(change: Change): string {
  switch (change.type) {
    case 'claimCreated':
      return 'adding a claim';
    case 'claimDeleted':
      return 'deleting a claim';
    case 'claimRestored':
      return 'restoring a claim';
    case 'claimEdited':
      return 'editing a claim';
    case 'nodesMoved':
      return change.moves.length > 1 ? 'arranging the map' : 'moving a node';
    case 'linkCreated':
      return 'linking two claims';
    case 'linkDeleted':
      return 'removing a link';
    case 'linkUpdated':
      return 'changing a link';
    case 'sequence':
      return change.changes.length === 1 ? describeChange(change.changes[0]!) : 'moving a claim in the outline';
  }
}

/** The two stacks. A new change clears the redo stack, as in every editor. */
export class UndoStack {
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];

  constructor(private readonly limit = 100) {}

  record(change: Change) {
    this.undoStack.push(change);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
  }

  peekUndo(): Change | undefined {
    return this.undoStack.at(-1);
  }

  peekRedo(): Change | undefined {
    return this.redoStack.at(-1);
  }

  /** After the inverse of the top undo entry was performed: `done` is what that inverse did. */
  completeUndo(done: Change) {
    this.undoStack.pop();
    this.redoStack.push(done);
  }

  completeRedo(done: Change) {
    this.redoStack.pop();
    this.undoStack.push(done);
  }

  /** The top entry can no longer be applied (e.g. someone else deleted the claim): drop it. */
  dropUndo() {
    this.undoStack.pop();
  }

  dropRedo() {
    this.redoStack.pop();
  }

  /** Removes one specific entry, e.g. when a toast's Undo restored a deletion that is not on top. */
  remove(change: Change) {
    this.undoStack = this.undoStack.filter((entry) => entry !== change);
    this.redoStack = this.redoStack.filter((entry) => entry !== change);
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }
}
