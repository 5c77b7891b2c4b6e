'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Actor } from '@/server/access/actor';
import type { SharePreview } from '@/server/domain/sharing/preview-share-link';
import { errorMessage, useTRPC } from '@/trpc/client';
import { roleAtLeast, ROLE_LABEL, type MapRoleName } from '@/shared/roles';
import type { TShareLookupInput } from '@/shared/schemas/share';
import { formText } from '@/components/form-text';
import { FormError } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';
import { SignInLinks } from '@/components/ui/form-controls';

const ROLE_SENTENCE: Record<MapRoleName, string> = {
  owner: 'manage it',
  editor: 'add and edit claims, links, sources and evidence',
  voter: 'read it and vote on how strong each claim is',
  viewer: 'read it',
};

/** The guest name last used on this device, so a returning student joins with one Enter. */
const GUEST_NAME_KEY = 'crux:guest-name';

function rememberedGuestName(): string {
  try {
    return window.localStorage.getItem(GUEST_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberGuestName(name: string) {
  try {
    window.localStorage.setItem(GUEST_NAME_KEY, name);
  } catch {
    // Private mode or storage disabled: nothing to remember, joining still works.
  }
}

const withArticle = (role: MapRoleName) => `${role === 'editor' || role === 'owner' ? 'an' : 'a'} ${ROLE_LABEL[role].toLowerCase()}`;

interface Props {
  lookup: TShareLookupInput;
  preview: SharePreview;
  viewer: Actor | null;
  /** Where sign-in and sign-up come back to, so joining continues there. */
  returnPath: string;
}

/** What a link or code leads to, and the ways in: join as a guest, sign in, sign up, or join. */
export function JoinCard({ lookup, preview, viewer, returnPath }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isSigningIn, setIsSigningIn] = useState(false);
  const join = useMutation(trpc.share.join.mutationOptions());
  const nameRef = useRef<HTMLInputElement>(null);
  const joinRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLAnchorElement>(null);

  // The next step takes focus: the name field (prefilled on a device that joined before), or the one button.
  useEffect(() => {
    const name = nameRef.current;
    if (name) {
      if (!name.value) name.value = rememberedGuestName();
      name.focus();
      name.select();
      return;
    }
    (joinRef.current ?? openRef.current)?.focus();
  }, []);

  if (preview.status !== 'active') {
    return (
      <div className="card stack join-card">
        <h1>This link does not work</h1>
        <p role="alert">{preview.message}</p>
        <p>
          <Link href="/join">Enter a join code</Link>
        </p>
      </div>
    );
  }

  async function joinAndOpen() {
    setError(null);
    try {
      const result = await join.mutateAsync(lookup);
      // A voter came to rate claims: open the map in Vote mode.
      router.push(`/maps/${result.mapId}${result.role === 'voter' ? '?mode=vote' : ''}`);
      router.refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  async function joinAsGuest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const displayName = formText(new FormData(event.currentTarget), 'displayName').trim();
    if (!displayName) {
      setError('Enter the name others will see.');
      return;
    }
    setIsSigningIn(true);
    rememberGuestName(displayName);
    const result = await signIn('guest', { displayName, redirect: false });
    setIsSigningIn(false);
    if (!result || result.error) {
      setError(
        result?.error?.startsWith('Too many attempts')
          ? result.error
          : 'Could not continue as a guest. Use a display name of 1 to 60 characters.',
      );
      return;
    }
    await joinAndOpen();
  }

  const alreadyHas = preview.currentRole && roleAtLeast(preview.currentRole, preview.role) ? preview.currentRole : null;
  const isBusy = isSigningIn || join.isPending;

  return (
    <div className="card stack join-card">
      <p className="muted small">You are invited to the argument map</p>
      <h1>{preview.mapTitle}</h1>
      <p>
        You will join as <strong>{withArticle(preview.role)}</strong>: you can {ROLE_SENTENCE[preview.role]}.
      </p>
      {alreadyHas ? (
        <>
          <p className="form-note">
            You are already {withArticle(alreadyHas)} on this map{alreadyHas !== preview.role ? '; joining keeps your role' : ''}.
          </p>
          <Link ref={openRef} className="btn btn-primary" href={`/maps/${preview.mapId}${alreadyHas === 'voter' ? '?mode=vote' : ''}`}>
            Open the map
          </Link>
        </>
      ) : viewer ? (
        <>
          <button ref={joinRef} type="button" className="btn btn-primary" disabled={isBusy} onClick={() => void joinAndOpen()}>
            {join.isPending ? 'Joining…' : 'Join map'}
          </button>
          <p className="small muted">
            Signed in as {viewer.displayName}
            {viewer.isGuest ? ' (guest)' : ''}.
          </p>
        </>
      ) : (
        <>
          <form className="stack" onSubmit={(event) => void joinAsGuest(event)} noValidate>
            <label className="field">
              Display name
              <input
                ref={nameRef}
                name="displayName"
                type="text"
                maxLength={60}
                autoComplete="nickname"
                enterKeyHint="go"
                required
                placeholder="The name others will see"
              />
            </label>
            <SubmitButton isPending={isBusy} label="Join as guest" pendingLabel="Joining…" />
            <p className="small muted">No account needed. You can add an email and password later to keep your work.</p>
          </form>
          <p className="row join-account-links">
            Have an account?
            <SignInLinks returnTo={returnPath} signInClass="btn btn-small" signUpClass="btn btn-small" />
          </p>
        </>
      )}
      <FormError message={error} />
    </div>
  );
}
