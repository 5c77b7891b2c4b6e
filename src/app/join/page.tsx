import type { Metadata } from 'next';
import { getActor } from '@/server/auth/session';
import { JoinByCode } from '@/components/sharing/join-by-code';

export const metadata: Metadata = { title: 'Join with a code', robots: { index: false } };
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<{ code?: string | string[] }>;
}

export default async function JoinPage({ searchParams }: Props) {
  const { code } = await searchParams;
  const actor = await getActor();
  return (
    <main className="page narrow">
      <JoinByCode initialCode={typeof code === 'string' ? code.slice(0, 16) : ''} viewer={actor} />
    </main>
  );
}
