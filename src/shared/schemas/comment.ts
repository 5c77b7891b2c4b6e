import { z } from 'zod';
import { ZClientMutationId } from './claim';
import { ZId } from './map';

export const COMMENT_TEXT_MAX = 2000;
export const COMMENT_MENTIONS_MAX = 20;

export const ZCommentText = z
  .string()
  .trim()
  .min(1, 'A comment needs some text.')
  .max(COMMENT_TEXT_MAX, `A comment can be at most ${COMMENT_TEXT_MAX} characters.`)
  .refine((text) => !text.includes('\u0000'), 'A comment cannot contain a NUL character.');

export const ZCommentTargetKind = z.enum(['map', 'claim', 'evidence']);
export type TCommentTargetKind = z.infer<typeof ZCommentTargetKind>;

/** What a thread is about: the map itself (id = the map's id), a claim or an evidence passage. */
export const ZCommentTarget = z.object({ kind: ZCommentTargetKind, id: ZId });
export type TCommentTarget = z.infer<typeof ZCommentTarget>;

export const ZListCommentsInput = z.object({ target: ZCommentTarget });

export const ZCreateCommentInput = z.object({
  target: ZCommentTarget,
  text: ZCommentText,
  /** A reply: the thread's top-level comment (replies are one level deep). */
  parentId: ZId.optional(),
  /** Members picked from the @mention autocomplete; only members of the map are notified. */
  mentionUserIds: z.array(ZId).max(COMMENT_MENTIONS_MAX, `A comment can mention at most ${COMMENT_MENTIONS_MAX} people.`).optional(),
  clientMutationId: ZClientMutationId,
});
export type TCreateCommentInput = z.infer<typeof ZCreateCommentInput>;

export const ZUpdateCommentInput = z.object({ id: ZId, text: ZCommentText, clientMutationId: ZClientMutationId });
export type TUpdateCommentInput = z.infer<typeof ZUpdateCommentInput>;

export const ZCommentIdInput = z.object({ id: ZId, clientMutationId: ZClientMutationId });

export const ZResolveCommentInput = z.object({ id: ZId, isResolved: z.boolean().default(true), clientMutationId: ZClientMutationId });
