import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getServerCaller } from '@/server/api/server-caller';
import { GuestUpgradeForm } from '@/components/sharing/guest-upgrade-form';
import { ChangePasswordForm, SignOutEverywhere } from '@/components/account/account-security';

export const metadata: Metadata = { title: 'Your account' };
export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  const { actor } = await getServerCaller();
  if (!actor) redirect('/signin?callbackUrl=/account');
  return (
    <main className="page narrow">
      <div className="card stack">
        <h1>Your account</h1>
        <p>
          Signed in as <strong>{actor.displayName}</strong> {actor.isGuest && <span className="badge">guest</span>}
        </p>
        {actor.isGuest ? (
          <>
            <p className="muted">
              You joined as a guest: signing out, or clearing this browser’s cookies, loses the account. Add an email and password to keep
              it, with every claim and vote you made.
            </p>
            <GuestUpgradeForm />
          </>
        ) : (
          <ChangePasswordForm />
        )}
        <SignOutEverywhere isGuest={actor.isGuest} />
      </div>
    </main>
  );
}
