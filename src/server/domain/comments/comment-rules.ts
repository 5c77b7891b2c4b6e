/**
 * Who may do what with comments, as pure rules (the routers resolve the caller's role on the map
 * the comment's target belongs to, then ask these). Locking is enforced by `requireMapRole`.
 */
import { roleAtLeast, type MapRoleName } from '@/shared/roles';

export interface CommentSettings {
  /** The owner allows only editors (and the owner) to comment. */
  isCommentingRestricted: boolean;
}

/** Why this role may not comment on the map, or null when it may. */
export function commentBlockReason(role: MapRoleName | null, settings: CommentSettings): string | null {
  if (!roleAtLeast(role, 'voter')) return 'Viewers can read comments; you need to be a voter to comment.';
  if (settings.isCommentingRestricted && !roleAtLeast(role, 'editor')) return 'The owner allows only editors to comment on this map.';
  return null;
}

export interface CommentFacts {
  authorId: string | null;
  parentId: string | null;
  isHidden: boolean;
  isDeleted: boolean;
}

export interface CommentAbilities {
  canEdit: boolean;
  canDelete: boolean;
  canResolve: boolean;
  canHide: boolean;
}

/** What the caller may do to one comment (before locking, which refuses every change but the owner's). */
export function commentAbilities(
  comment: CommentFacts,
  callerId: string | null,
  role: MapRoleName | null,
  settings: CommentSettings,
): CommentAbilities {
  const isAuthor = callerId !== null && comment.authorId === callerId;
  const isLive = !comment.isDeleted;
  const mayComment = commentBlockReason(role, settings) === null;
  return {
    canEdit: isLive && !comment.isHidden && isAuthor && mayComment,
    canDelete: isLive && isAuthor,
    // A thread is resolved as a whole, by its author, an editor or the owner.
    canResolve: isLive && comment.parentId === null && (isAuthor || roleAtLeast(role, 'editor')),
    canHide: isLive && !comment.isHidden && role === 'owner',
  };
}

export interface MentionCandidate {
  userId: string;
  displayName: string;
}

/**
 * The members a comment really mentions: those picked in the autocomplete whose `@Name` is still in
 * the text (a mention typed and then deleted notifies nobody), without the author, once each.
 */
export function mentionedMembers(
  text: string,
  pickedIds: readonly string[],
  members: readonly MentionCandidate[],
  authorId: string,
): string[] {
  const picked = new Set(pickedIds);
  const lower = text.toLowerCase();
  return members
    .filter((member) => picked.has(member.userId) && member.userId !== authorId)
    .filter((member) => lower.includes(`@${member.displayName.toLowerCase()}`))
    .map((member) => member.userId);
}
