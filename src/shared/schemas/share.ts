import { z } from 'zod';
import { ZId } from './map';

/** Roles a share link can grant: ownership is transferred, never shared. */
export const SHARE_ROLES = ['editor', 'voter', 'viewer'] as const;
export const ZShareRole = z.enum(SHARE_ROLES);
export type TShareRole = z.infer<typeof ZShareRole>;

/** No 0/O, 1/I/L: a code read off a projector is typed right the first time. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** What a person typed, as a code: upper case, without spaces, dashes or dots. */
export function normalizeJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-_.]/g, '');
}

export function isWellFormedJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((char) => JOIN_CODE_ALPHABET.includes(char));
}

/** For display: ABC-123. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

const MAX_EXPIRY_MS = 366 * 24 * 60 * 60 * 1000;

export const ZShareExpiresAt = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))])
  .refine((date) => date.getTime() > Date.now(), 'The expiry must be in the future.')
  .refine((date) => date.getTime() < Date.now() + MAX_EXPIRY_MS, 'A link can expire at most a year from now.');

export const ZCreateShareLinkInput = z.object({
  mapId: ZId,
  role: ZShareRole,
  expiresAt: ZShareExpiresAt.optional(),
  maxUses: z
    .number()
    .int('A use limit is a whole number.')
    .min(1, 'A use limit is at least 1.')
    .max(10_000, 'A use limit can be at most 10,000.')
    .optional(),
});
export type TCreateShareLinkInput = z.infer<typeof ZCreateShareLinkInput>;

export const ZShareLinkIdInput = z.object({ id: ZId });

const ZToken = z.string().trim().min(16, 'That link is incomplete.').max(128, 'That link is too long.');
const ZCode = z.string().max(40, 'A join code has six characters.');

/** A share link's token (from /s/<token>) or its join code (typed at /join). */
export const ZShareLookupInput = z.union([z.strictObject({ token: ZToken }), z.strictObject({ code: ZCode })]);
export type TShareLookupInput = z.infer<typeof ZShareLookupInput>;

export type ShareLinkStatus = 'active' | 'expired' | 'revoked' | 'used_up' | 'paused';
