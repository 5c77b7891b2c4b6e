'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { errorMessage, useTRPC } from '@/trpc/client';
import { FormError } from '@/components/ui/form-messages';
import { SignInLinks } from '@/components/ui/form-controls';

/**
 * What someone sees at a map they cannot open, and at a map that does not exist (the same page,
 * so existence does not leak): ask the owner for access, and the map opens once they say yes.
 */
export function PrivateMap({ mapId, isSignedIn }: { mapId: string; isSignedIn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const request = useMutation(trpc.member.requestAccess.mutationOptions());
  const isWaiting = request.isSuccess && request.data.status === 'requested';
  const status = useQuery({
    ...trpc.member.requestStatus.queryOptions({ mapId }),
    enabled: isSignedIn && isWaiting,
    refetchInterval: 3000,
  });
  const isLetIn = status.data?.isMember === true || request.data?.status === 'member';

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (isLetIn) router.refresh();
  }, [isLetIn, router]);

  return (
    <div className="card stack private-map-card">
      <h1 ref={headingRef} tabIndex={-1}>
        This map is private
      </h1>
      {isSignedIn ? (
        <>
          <p>Ask its owner for access. If the address is wrong, the map may not exist: the owner can send you a link or a join code.</p>
          {isLetIn ? (
            <p role="status">You are in: opening the map…</p>
          ) : isWaiting ? (
            <p role="status" className="form-note">
              Request sent. This page opens the map as soon as the owner lets you in.
            </p>
          ) : (
            <button type="button" className="btn btn-primary" disabled={request.isPending} onClick={() => request.mutate({ mapId })}>
              {request.isPending ? 'Asking…' : 'Request access'}
            </button>
          )}
          {request.error && <FormError message={errorMessage(request.error)} />}
        </>
      ) : (
        <>
          <p>Sign in to ask its owner for access, or to open it if it is yours. If the address is wrong, the map may not exist.</p>
          <p className="row">
            <SignInLinks returnTo={`/maps/${mapId}`} signInClass="btn btn-primary" signUpClass="btn" />
          </p>
        </>
      )}
      <p className="small muted">
        Have a join code? <Link href="/join">Enter it here</Link>.
      </p>
    </div>
  );
}
