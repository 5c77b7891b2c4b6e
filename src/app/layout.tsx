import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getActor } from '@/server/auth/session';
import { Providers } from '@/trpc/client';
import { SignOutButton } from '@/components/sign-out-button';
import { NotificationBell } from '@/components/comments/notification-bell';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Crux — argument maps built together', template: '%s · Crux' },
  description: 'Build argument maps together: claims, evidence quoted from real sources, live collaboration and voting.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor().catch(() => null);
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="site-header">
            <Link href="/" className="brand">
              Crux
            </Link>
            <nav aria-label="Main">
              <Link href="/demo">Demo map</Link>
              <Link href="/explore">Explore</Link>
              <Link href="/join">Join with a code</Link>
              {actor ? (
                <>
                  <Link href="/dashboard">My maps</Link>
                  <NotificationBell />
                  <span className="user-chip" data-testid="current-user">
                    {actor.displayName}
                    {actor.isGuest && <span className="badge">guest</span>}
                  </span>
                  {actor.isGuest && (
                    <Link href="/account" title="Add an email and password to keep your work">
                      Keep my account
                    </Link>
                  )}
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/signin">Sign in</Link>
                  <Link href="/signup" className="btn btn-primary btn-small">
                    Sign up
                  </Link>
                </>
              )}
            </nav>
          </header>
          {children}
        </Providers>
      </body>
    </html>
  );
}
