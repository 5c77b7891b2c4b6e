'use client';

import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { formText } from '@/components/form-text';
import { errorMessage, useTRPC } from '@/trpc/client';
import { FormError, FormNote } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

const plural = (count: number) => `${count} other ${count === 1 ? 'session' : 'sessions'}`;

/** Ends every session of the account: the others on the server, then this browser's. */
export function SignOutEverywhere({ isGuest }: { isGuest: boolean }) {
  const trpc = useTRPC();
  const end = useMutation(trpc.user.signOutEverywhere.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setError(null);
    try {
      await end.mutateAsync();
    } catch (caught) {
      setError(errorMessage(caught));
      return;
    }
    await signOut({ callbackUrl: '/signin' });
  }

  return (
    <section className="stack" aria-labelledby="sign-out-everywhere">
      <h2 id="sign-out-everywhere">Sign out everywhere</h2>
      <p className="muted">
        Ends your session on every device and browser, this one included.
        {isGuest && ' As a guest you cannot sign in again afterwards: keep your account first if you want to come back.'}
      </p>
      <FormError message={error} />
      <div>
        <button type="button" className="btn" onClick={() => void signOutEverywhere()} disabled={end.isPending}>
          {end.isPending ? 'Signing out…' : 'Sign out everywhere'}
        </button>
      </div>
    </section>
  );
}

/** A new password once the current one is confirmed; the account's other sessions end. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.user.changePassword.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = formText(form, 'newPassword');
    if (newPassword !== formText(form, 'confirmPassword')) {
      setError('The new password and its confirmation differ.');
      return;
    }
    try {
      const result = await change.mutateAsync({ currentPassword: formText(form, 'currentPassword'), newPassword });
      formElement.reset();
      setDone(`Password changed. ${result.endedSessions ? `${plural(result.endedSessions)} signed out.` : 'No other sessions were open.'}`);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <section className="stack" aria-labelledby="change-password">
      <h2 id="change-password">Change password</h2>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label className="field">
          New password
          <input name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
          <span className="small muted">At least 8 characters. Every other session of your account is signed out.</span>
        </label>
        <label className="field">
          Confirm the new password
          <input name="confirmPassword" type="password" autoComplete="new-password" minLength={8} required />
        </label>
        <FormError message={error} />
        <FormNote message={done} />
        <div>
          <SubmitButton isPending={change.isPending} label="Change password" pendingLabel="Changing…" />
        </div>
      </form>
    </section>
  );
}
