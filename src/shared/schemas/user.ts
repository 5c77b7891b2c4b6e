import { z } from 'zod';

export const ZEmail = z
  .string()
  .max(320, 'An email address can be at most 254 characters.')
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address.').max(254, 'An email address can be at most 254 characters.'));
export const ZPassword = z
  .string()
  .min(8, 'Use a password of at least 8 characters.')
  .max(200, 'A password can be at most 200 characters.');
export const ZDisplayName = z.string().trim().min(1, 'Enter a display name.').max(60, 'A display name can be at most 60 characters.');

export const ZSignUpInput = z.object({ email: ZEmail, password: ZPassword, displayName: ZDisplayName.optional() });
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZGuestInput = z.object({ displayName: ZDisplayName });

export const ZUpgradeGuestInput = z.object({ email: ZEmail, password: ZPassword });

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(200, 'A password can be at most 200 characters.'),
  newPassword: ZPassword,
});
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;
