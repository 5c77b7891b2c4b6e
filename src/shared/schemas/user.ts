import { z } from 'zod';

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.'));
export const ZPassword = z
  .string()
  .min(8, 'Use a password of at least 8 characters.')
  .max(200, 'A password can be at most 200 characters.');
export const ZDisplayName = z
  .string()
  .trim()
  .min(1, 'Enter a display name.')
  .max(60, 'A display name can be at most 60 characters.');

export const ZSignUpInput = z.object({ email: ZEmail, password: ZPassword, displayName: ZDisplayName.optional() });
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZGuestInput = z.object({ displayName: ZDisplayName });

export const ZUpgradeGuestInput = z.object({ email: ZEmail, password: ZPassword });
