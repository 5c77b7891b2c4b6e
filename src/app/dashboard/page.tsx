import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getActor } from '@/server/auth/session';
import { Dashboard } from '@/components/dashboard/dashboard';

export const metadata: Metadata = { title: 'My maps' };
export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  const actor = await getActor();
  if (!actor) redirect('/signin?callbackUrl=/dashboard');
  return (
    <main className="page">
      <Dashboard displayName={actor.displayName} isGuest={actor.isGuest} />
    </main>
  );
}
