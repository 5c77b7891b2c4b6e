import { z } from 'zod';

export const ZId = z.string().min(1, 'An id is required.').max(64, 'That id is too long.');

export const ZMapTitle = z.string().trim().min(1, 'Give the map a title.').max(200, 'A map title can be at most 200 characters.');

export const ZMapDescription = z.string().trim().max(2000, 'A description can be at most 2000 characters.');

export const ZVisibility = z.enum(['private', 'link', 'public']);
export type TVisibility = z.infer<typeof ZVisibility>;

export const ZCreateMapInput = z.object({
  title: ZMapTitle,
  description: ZMapDescription.optional(),
  visibility: ZVisibility.optional(),
});
export type TCreateMapInput = z.infer<typeof ZCreateMapInput>;

export const ZUpdateMapInput = z.object({
  mapId: ZId,
  title: ZMapTitle.optional(),
  description: ZMapDescription.optional(),
  visibility: ZVisibility.optional(),
  isBlindVoting: z.boolean().optional(),
  isLocked: z.boolean().optional(),
  isAnonymous: z.boolean().optional(),
  /** Only editors and the owner may comment. */
  isCommentingRestricted: z.boolean().optional(),
  /** New claims, links and passages by anyone but a moderator wait for approval. */
  requireApproval: z.boolean().optional(),
});
export type TUpdateMapInput = z.infer<typeof ZUpdateMapInput>;

export const ZMapIdInput = z.object({ mapId: ZId });

export const ZCreateMapFromTemplateInput = z.object({
  templateId: z.enum(['pros-cons', 'debate', 'analyse-source'], { message: 'Choose one of the templates.' }),
  title: ZMapTitle,
  description: ZMapDescription.optional(),
});
export type TCreateMapFromTemplateInput = z.infer<typeof ZCreateMapFromTemplateInput>;

export const ZDuplicateMapInput = z.object({ mapId: ZId, title: ZMapTitle.optional() });
