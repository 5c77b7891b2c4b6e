import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { getServerCaller } from '@/server/api/server-caller';
import type { SharePreview } from '@/server/domain/sharing/preview-share-link';
import { JoinCard } from '@/components/sharing/join-card';

// The token is a secret: keep the page out of indexes (Referrer-Policy keeps it out of referrers).
export const metadata: Metadata = { title: 'Join a map', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ token: string }>;
}

export default async function ShareLinkPage({ params }: Props) {
  const { token } = await params;
  const { caller, actor } = await getServerCaller();
  let preview: SharePreview;
  try {
    preview = await caller.share.preview({ token });
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code !== 'BAD_REQUEST') throw error;
    preview = { status: 'unknown', message: 'This link is incomplete. Copy the whole link, or type the join code at /join.' };
  }
  return (
    <main className="page narrow">
      <JoinCard lookup={{ token }} preview={preview} viewer={actor} returnPath={`/s/${token}`} />
    </main>
  );
}
