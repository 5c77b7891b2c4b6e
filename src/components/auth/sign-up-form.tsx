'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { errorMessage, useTRPC } from '@/trpc/client';
import { formText } from '@/components/form-text';
import { CredentialFields, readCredentials } from './credential-fields';
import { goToAfterSignIn, safeCallbackUrl } from './safe-redirect';
import { FormError } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get('callbackUrl'));
  const [error, setError] = useState<string | null>(null);
  const signUp = useMutation(trpc.user.signUp.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    const { form, email, password } = readCredentials(event);
    setError(null);
    const displayName = formText(form, 'displayName').trim();
    try {
      await signUp.mutateAsync({ email, password, displayName: displayName || undefined });
    } catch (caught) {
      setError(errorMessage(caught));
      return;
    }
    const result = await signIn('credentials', { email, password, redirect: false });
    if (!result || result.error) {
      setError('Your account was created, but signing in failed. Try signing in.');
      return;
    }
    goToAfterSignIn(router, callbackUrl);
  }

  return (
    <div className="card stack">
      <h1>Create your Crux account</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <label className="field">
          Display name
          <input name="displayName" type="text" maxLength={60} autoComplete="name" placeholder="How others see you" />
        </label>
        <CredentialFields isNewPassword />
        <FormError message={error} />
        <SubmitButton isPending={signUp.isPending} label="Sign up" pendingLabel="Creating your account…" />
      </form>
      <p className="small muted">
        Already have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </div>
  );
}
