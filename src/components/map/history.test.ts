import { describe, expect, it } from 'vitest';
import { describeChange, inverseOf, UndoHistory, type Change } from './history';
import { link } from './test-map';

describe('inverseOf', () => {
  it('undoes a creation with a deletion and a deletion with a restore', () => {
    expect(inverseOf({ type: 'claimCreated', claimId: 'a' })).toEqual({ type: 'deleteClaim', claimId: 'a' });
    expect(inverseOf({ type: 'claimDeleted', claimId: 'a' })).toEqual({ type: 'restoreClaim', claimId: 'a' });
    expect(inverseOf({ type: 'claimRestored', claimId: 'a' })).toEqual({ type: 'deleteClaim', claimId: 'a' });
  });

  it('undoes an edit against the version the edit produced', () => {
    expect(inverseOf({ type: 'claimEdited', claimId: 'a', text: 'new', previousText: 'old', version: 3 })).toEqual({
      type: 'editClaim',
      claimId: 'a',
      text: 'old',
      previousText: 'new',
      expectedVersion: 3,
    });
  });

  it('recreates a deleted link from its ends and deletes a created one', () => {
    const created = link('b', 'a', 'oppose', 'l1');
    expect(inverseOf({ type: 'linkCreated', link: created })).toEqual({ type: 'deleteLink', link: created });
    expect(inverseOf({ type: 'linkDeleted', link: created })).toEqual({
      type: 'createLink',
      ends: { fromClaimId: 'b' },
      toClaimId: 'a',
      relation: 'oppose',
    });
    expect(inverseOf({ type: 'linkDeleted', link: link('e1', 'a', 'support', 'l2') })).toMatchObject({ ends: { fromEvidenceId: 'e1' } });
  });

  it('swaps moves and relations, and reverses a sequence', () => {
    const moves = [{ id: 'a', kind: 'claim' as const, x: 5, y: 5 }];
    const previous = [{ id: 'a', kind: 'claim' as const, x: 0, y: 0 }];
    expect(inverseOf({ type: 'nodesMoved', moves, previous })).toEqual({ type: 'moveNodes', moves: previous, previous: moves });
    expect(inverseOf({ type: 'linkUpdated', linkId: 'l', relation: 'oppose', previous: 'support' })).toEqual({
      type: 'updateLink',
      linkId: 'l',
      relation: 'support',
      previous: 'oppose',
    });
    const sequence: Change = {
      type: 'sequence',
      changes: [
        { type: 'linkCreated', link: link('c', 'b', 'support', 'new') },
        { type: 'linkDeleted', link: link('c', 'a', 'support', 'old') },
      ],
    };
    const inverse = inverseOf(sequence);
    expect(inverse.type === 'sequence' && inverse.ops.map((op) => op.type)).toEqual(['createLink', 'deleteLink']);
    expect(describeChange(sequence)).toBe('moving a claim in the outline');
  });
});

describe('UndoHistory', () => {
  it('moves entries between the stacks and clears redo on a new change', () => {
    const history = new UndoHistory();
    const a: Change = { type: 'claimCreated', claimId: 'a' };
    const b: Change = { type: 'claimCreated', claimId: 'b' };
    history.record(a);
    history.record(b);
    expect(history.peekUndo()).toBe(b);
    const undone: Change = { type: 'claimDeleted', claimId: 'b' };
    history.completeUndo(undone);
    expect(history.peekUndo()).toBe(a);
    expect(history.peekRedo()).toBe(undone);
    const redone: Change = { type: 'claimRestored', claimId: 'b' };
    history.completeRedo(redone);
    expect(history.peekUndo()).toBe(redone);
    expect(history.canRedo).toBe(false);
    history.completeUndo(undone);
    history.record({ type: 'claimCreated', claimId: 'c' });
    expect(history.canRedo).toBe(false);
  });

  it('removes a specific entry and keeps a bounded stack', () => {
    const history = new UndoHistory(2);
    const entries: Change[] = ['a', 'b', 'c'].map((claimId) => ({ type: 'claimCreated', claimId }));
    for (const entry of entries) history.record(entry);
    history.remove(entries[2]!);
    expect(history.peekUndo()).toBe(entries[1]);
    history.dropUndo();
    expect(history.canUndo).toBe(false);
  });
});
