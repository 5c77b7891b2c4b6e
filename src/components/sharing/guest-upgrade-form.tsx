'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { errorMessage, useTRPC } from '@/trpc/client';
import { CredentialFields, readCredentials } from '@/components/auth/credential-fields';
import { FormError } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

/** A guest adds an email and password, keeping everything they wrote under the same account. */
export function GuestUpgradeForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const upgrade = useMutation(trpc.user.upgradeGuest.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [savedEmail, setSavedEmail] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    const { email, password } = readCredentials(event);
    setError(null);
    try {
      await upgrade.mutateAsync({ email, password });
    } catch (caught) {
      setError(errorMessage(caught));
      return;
    }
    // A fresh session, so the guest badge goes away (the old token still says guest).
    await signIn('credentials', { email, password, redirect: false });
    setSavedEmail(email);
    router.refresh();
  }

  if (savedEmail) {
    return (
      <p className="form-note" role="status">
        Your account is saved. From now on, sign in with {savedEmail}.
      </p>
    );
  }
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <CredentialFields isNewPassword />
      <FormError message={error} />
      <SubmitButton isPending={upgrade.isPending} label="Keep my account" pendingLabel="Saving…" />
    </form>
  );
}
