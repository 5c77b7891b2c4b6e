'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { CredentialFields, readCredentials } from './credential-fields';
import { goToAfterSignIn, safeCallbackUrl } from './safe-redirect';
import { FormError } from '@/components/ui/form-messages';

interface Props {
  oauth: { github: boolean; google: boolean };
}

export function SignInForm({ oauth }: Props) {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get('callbackUrl'));
  const [mode, setMode] = useState<'account' | 'guest'>(params.get('guest') ? 'guest' : 'account');
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    const { form, email, password } = readCredentials(event);
    setError(null);
    setIsPending(true);
    const result =
      mode === 'account'
        ? await signIn('credentials', { email, password, redirect: false })
        : await signIn('guest', { displayName: form.get('displayName'), redirect: false });
    setIsPending(false);
    if (!result || result.error) {
      // next-auth passes an error thrown by the server (a rate limit) through as its message.
      const serverMessage = result?.error && result.error !== 'CredentialsSignin' ? result.error : null;
      setError(
        serverMessage ??
          (mode === 'account' ? 'That email and password do not match an account.' : 'Enter a display name of 1 to 60 characters.'),
      );
      return;
    }
    goToAfterSignIn(router, callbackUrl);
  }

  return (
    <div className="card stack">
      <h1>Sign in to Crux</h1>
      <div className="tabs" role="tablist" aria-label="How to sign in">
        <button type="button" role="tab" aria-selected={mode === 'account'} onClick={() => setMode('account')}>
          Email and password
        </button>
        <button type="button" role="tab" aria-selected={mode === 'guest'} onClick={() => setMode('guest')}>
          Guest
        </button>
      </div>
      <form className="stack" onSubmit={submit} noValidate>
        {mode === 'account' ? (
          <CredentialFields />
        ) : (
          <>
            <p className="muted small">
              No account needed: pick the name others will see. You can add an email and password later to keep your work.
            </p>
            <label className="field">
              Display name
              <input name="displayName" type="text" maxLength={60} autoComplete="nickname" required />
            </label>
          </>
        )}
        <FormError message={error} />
        <button type="submit" className="btn btn-primary" disabled={isPending}>
          {isPending ? 'Signing in…' : mode === 'account' ? 'Sign in' : 'Continue as guest'}
        </button>
      </form>
      {(oauth.github || oauth.google) && (
        <div className="row">
          {oauth.github && (
            <button type="button" className="btn" onClick={() => void signIn('github', { callbackUrl })}>
              Sign in with GitHub
            </button>
          )}
          {oauth.google && (
            <button type="button" className="btn" onClick={() => void signIn('google', { callbackUrl })}>
              Sign in with Google
            </button>
          )}
        </div>
      )}
      <p className="small muted">
        New to Crux? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </div>
  );
}
