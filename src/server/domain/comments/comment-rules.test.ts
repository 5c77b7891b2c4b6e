import { describe, expect, it } from 'vitest';
import { commentAbilities, commentBlockReason, mentionedMembers } from './comment-rules';

const open = { isCommentingRestricted: false };
const restricted = { isCommentingRestricted: true };

describe('commentBlockReason', () => {
  it('lets voters and up comment, not viewers', () => {
    expect(commentBlockReason('viewer', open)).toMatch(/voter/);
    expect(commentBlockReason(null, open)).toMatch(/voter/);
    expect(commentBlockReason('voter', open)).toBeNull();
    expect(commentBlockReason('owner', open)).toBeNull();
  });

  it('keeps voters out when the owner restricts commenting to editors', () => {
    expect(commentBlockReason('voter', restricted)).toMatch(/only editors/);
    expect(commentBlockReason('editor', restricted)).toBeNull();
  });
});

describe('commentAbilities', () => {
  const mine = { authorId: 'u1', parentId: null, isHidden: false, isDeleted: false };

  it('lets the author edit and delete, and editors resolve, only the owner hide', () => {
    expect(commentAbilities(mine, 'u1', 'voter', open)).toEqual({ canEdit: true, canDelete: true, canResolve: true, canHide: false });
    expect(commentAbilities(mine, 'u2', 'voter', open)).toEqual({ canEdit: false, canDelete: false, canResolve: false, canHide: false });
    expect(commentAbilities(mine, 'u2', 'editor', open).canResolve).toBe(true);
    expect(commentAbilities(mine, 'u2', 'owner', open)).toMatchObject({ canEdit: false, canHide: true });
  });

  it('resolves threads, not replies; a hidden comment cannot be edited; a deleted one allows nothing', () => {
    expect(commentAbilities({ ...mine, parentId: 'p' }, 'u1', 'owner', open).canResolve).toBe(false);
    expect(commentAbilities({ ...mine, isHidden: true }, 'u1', 'voter', open)).toMatchObject({ canEdit: false, canDelete: true });
    expect(commentAbilities({ ...mine, isDeleted: true }, 'u1', 'owner', open)).toEqual({
      canEdit: false,
      canDelete: false,
      canResolve: false,
      canHide: false,
    });
  });

  it('stops a voter editing once commenting is restricted to editors', () => {
    expect(commentAbilities(mine, 'u1', 'voter', restricted).canEdit).toBe(false);
  });
});

describe('mentionedMembers', () => {
  const members = [
    { userId: 'a', displayName: 'Ada Lovelace' },
    { userId: 'b', displayName: 'Bo' },
    { userId: 'me', displayName: 'Me' },
  ];

  it('keeps picked members whose @name is still in the text, never the author', () => {
    expect(mentionedMembers('Thanks @ada lovelace and @Me', ['a', 'b', 'me'], members, 'me')).toEqual(['a']);
  });

  it('ignores ids that are not members of the map', () => {
    expect(mentionedMembers('@Bo @Zed', ['b', 'zed'], members, 'me')).toEqual(['b']);
  });
});
