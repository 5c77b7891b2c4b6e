import type { FormEvent } from 'react';
import { formText } from '@/components/form-text';

/**
 * The email and password fields of every credentials form (sign-in, sign-up, keeping a guest
 * account). A new password says its rule under the field; a current one is left to the manager.
 */
export function CredentialFields({ isNewPassword = false }: { isNewPassword?: boolean }) {
  return (
    <>
      <label className="field">
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label className="field">
        Password
        {isNewPassword ? (
          <>
            <input name="password" type="password" autoComplete="new-password" minLength={8} required aria-describedby="password-hint" />
            <span id="password-hint" className="small muted">
              At least 8 characters.
            </span>
          </>
        ) : (
          <input name="password" type="password" autoComplete="current-password" required />
        )}
      </label>
    </>
  );
}

/** Stops the browser's own submit and reads what CredentialFields hold (plus the form, for other fields). */
export function readCredentials(event: FormEvent<HTMLFormElement>): { form: FormData; email: string; password: string } {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  return { form, email: formText(form, 'email'), password: formText(form, 'password') };
}
