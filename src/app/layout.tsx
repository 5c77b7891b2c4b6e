import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getActor } from '@/server/auth/session';
import { Providers } from '@/trpc/client';
import { SiteNav } from '@/components/site-nav';
import { NotificationBell } from '@/components/comments/notification-bell';
import './globals.css';
import './classroom.css';

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
            {actor && <NotificationBell />}
            <SiteNav actor={actor ? { displayName: actor.displayName, isGuest: actor.isGuest } : null} />
          </header>
          {children}
        </Providers>
      </body>
    </html>
  );
}
