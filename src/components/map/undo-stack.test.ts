import { describe, expect, it } from 'vitest';
import { describeChange, inverseOf, UndoStack, type Change } from './undo-stack';
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

describe('UndoStack', () => {
  it('moves entries between the stacks and clears redo on a new change', () => {
    const stack = new UndoStack();
    const a: Change = { type: 'claimCreated', claimId: 'a' };
    const b: Change = { type: 'claimCreated', claimId: 'b' };
    stack.record(a);
    stack.record(b);
    expect(stack.peekUndo()).toBe(b);
    const undone: Change = { type: 'claimDeleted', claimId: 'b' };
    stack.completeUndo(undone);
    expect(stack.peekUndo()).toBe(a);
    expect(stack.peekRedo()).toBe(undone);
    const redone: Change = { type: 'claimRestored', claimId: 'b' };
    stack.completeRedo(redone);
    expect(stack.peekUndo()).toBe(redone);
    expect(stack.canRedo).toBe(false);
    stack.completeUndo(undone);
    stack.record({ type: 'claimCreated', claimId: 'c' });
    expect(stack.canRedo).toBe(false);
  });

  it('removes a specific entry and keeps a bounded stack', () => {
    const stack = new UndoStack(2);
    const entries: Change[] = ['a', 'b', 'c'].map((claimId) => ({ type: 'claimCreated', claimId }));
    for (const entry of entries) stack.record(entry);
    stack.remove(entries[2]!);
    expect(stack.peekUndo()).toBe(entries[1]);
    stack.dropUndo();
    expect(stack.canUndo).toBe(false);
  });
});
