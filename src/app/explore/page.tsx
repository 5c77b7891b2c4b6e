import type { Metadata } from 'next';
import Link from 'next/link';
import { getServerCaller } from '@/server/api/server-caller';

export const metadata: Metadata = { title: 'Explore public maps' };
export const dynamic = 'force-dynamic';

export default async function ExplorePage() {
  const { caller } = await getServerCaller();
  const maps = await caller.map.explore();
  return (
    <main className="page stack">
      <h1>Explore public maps</h1>
      {maps.length === 0 ? (
        <div className="empty-state">No public maps yet.</div>
      ) : (
        <ul className="map-list">
          {maps.map((map) => (
            <li key={map.id}>
              <Link href={`/maps/${map.id}`} className="card map-card">
                <strong>{map.title}</strong>
                <p className="small muted">
                  {map.claimCount} {map.claimCount === 1 ? 'claim' : 'claims'}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
