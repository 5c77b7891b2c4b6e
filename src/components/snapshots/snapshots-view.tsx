'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/client';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO } from '@/shared/schemas/exchange';
import { SnapshotOutline } from './snapshot-outline';
import { CompareGraph } from './compare-graph';
import { CountedSection } from '@/components/ui/counted-section';

interface Props {
  mapId: string;
  mapTitle: string;
  isOwner: boolean;
}

const formatWhen = (date: Date) => new Date(date).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** /maps/<id>/snapshots: name the map's current state (owner), open a snapshot read-only, compare. */
export function SnapshotsView({ mapId, mapTitle, isOwner }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.snapshot.list.queryOptions({ mapId }));
  const [name, setName] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [compare, setCompare] = useState<{ fromId: string; toId?: string } | null>(null);
  const create = useMutation(
    trpc.snapshot.create.mutationOptions({
      onSuccess: () => {
        setName('');
        void queryClient.invalidateQueries({ queryKey: trpc.snapshot.list.queryKey({ mapId }) });
      },
    }),
  );
  const snapshots = list.data?.snapshots ?? [];

  return (
    <div className="snapshots-page">
      <p>
        <Link href={`/maps/${mapId}`}>← Back to the map</Link>
      </p>
      <h1>Snapshots of “{mapTitle}”</h1>
      {isOwner && (
        <form
          className="snapshot-form"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ mapId, name });
          }}
        >
          <label htmlFor="snapshot-name">Name the map as it is now</label>
          <div className="panel-actions">
            <input
              id="snapshot-name"
              value={name}
              maxLength={120}
              placeholder="End of period 2"
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="btn btn-primary btn-small" disabled={!name.trim() || create.isPending}>
              Save snapshot
            </button>
          </div>
          {create.isError && <p className="form-error">{create.error.message}</p>}
        </form>
      )}
      {list.isError && <p className="form-error">{list.error.message}</p>}
      {list.isSuccess && snapshots.length === 0 && (
        <p className="muted">No snapshots yet.{isOwner ? ' Save one at the end of a lesson to look back at it later.' : ''}</p>
      )}
      {snapshots.length > 0 && (
        <ul className="snapshot-list" aria-label="Snapshots">
          {snapshots.map((snapshot, index) => {
            const older = snapshots[index + 1];
            return (
              <li key={snapshot.id}>
                <strong>{snapshot.name}</strong> <span className="muted small">· {formatWhen(snapshot.createdAt)}</span>
                <div className="panel-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-pressed={openId === snapshot.id}
                    onClick={() => setOpenId(snapshot.id)}
                  >
                    Open
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setCompare({ fromId: snapshot.id })}>
                    Compare with now
                  </button>
                  {older && (
                    <button type="button" className="btn btn-small" onClick={() => setCompare({ fromId: older.id, toId: snapshot.id })}>
                      Compare with “{older.name}”
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {compare && <Comparison mapId={mapId} fromId={compare.fromId} toId={compare.toId} onClose={() => setCompare(null)} />}
      {openId && <OpenSnapshot id={openId} mapId={mapId} onClose={() => setOpenId(null)} />}
    </div>
  );
}

/** Download the snapshot in any export format (the export route replays it). */
function SnapshotExport({ mapId, snapshotId }: { mapId: string; snapshotId: string }) {
  return (
    <details className="snapshot-export">
      <summary className="btn btn-small">Export</summary>
      <ul aria-label="Export this snapshot">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={`/api/maps/${mapId}/export?format=${format}&snapshot=${snapshotId}`} download>
              {EXPORT_FORMAT_INFO[format].label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

function OpenSnapshot({ id, mapId, onClose }: { id: string; mapId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const snapshot = useQuery(trpc.snapshot.get.queryOptions({ id }));
  if (snapshot.isError) return <p className="form-error">{snapshot.error.message}</p>;
  if (!snapshot.data) return <p className="muted">Rebuilding the map as it was…</p>;
  const { snapshot: meta, view } = snapshot.data;
  return (
    <section className="snapshot-open" aria-label={`Snapshot ${meta.name}`}>
      <div className="snapshot-banner" role="note">
        <span>
          Snapshot <strong>“{meta.name}”</strong> — the map as it was on {formatWhen(meta.createdAt)}. Read-only.
        </span>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <h2>{view.map.title}</h2>
      <p className="muted small">
        {view.claims.length} claims · {view.links.length} links · {view.evidence.length} evidence passages
      </p>
      <SnapshotExport mapId={mapId} snapshotId={meta.id} />
      <SnapshotOutline view={view} />
    </section>
  );
}

function Comparison({ mapId, fromId, toId, onClose }: { mapId: string; fromId: string; toId?: string; onClose: () => void }) {
  const trpc = useTRPC();
  const result = useQuery(trpc.snapshot.compare.queryOptions({ fromId, toId }));
  // The two views the comparison is between, for the graph: the snapshots replayed, or the map now.
  const fromView = useQuery(trpc.snapshot.get.queryOptions({ id: fromId }));
  const toSnapshot = useQuery({ ...trpc.snapshot.get.queryOptions({ id: toId ?? '' }), enabled: toId !== undefined });
  const now = useQuery({ ...trpc.map.get.queryOptions({ mapId }), enabled: toId === undefined });
  const toView = toId !== undefined ? toSnapshot.data?.view : now.data;
  if (result.isError) return <p className="form-error">{result.error.message}</p>;
  if (!result.data) return <p className="muted">Comparing…</p>;
  const { from, to, changes } = result.data;
  const isEmpty = Object.values(changes).every((list) => list.length === 0);
  const mean = (value: number | null) => (value === null ? '—' : value.toFixed(1));
  return (
    <section className="snapshot-compare" aria-label="Comparison">
      <div className="snapshot-banner" role="note">
        <span>
          Changes from <strong>“{from.name}”</strong> to {to ? <strong>“{to.name}”</strong> : 'now'}
        </span>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      {isEmpty && <p className="muted">Nothing changed.</p>}
      {!isEmpty && fromView.data && toView && <CompareGraph from={fromView.data.view} to={toView} />}
      <ChangeList
        title="Claims added"
        items={changes.claimsAdded.map((claim) => ({ key: claim.id, text: claim.text }))}
        className="support"
      />
      <ChangeList
        title="Claims removed"
        items={changes.claimsRemoved.map((claim) => ({ key: claim.id, text: claim.text }))}
        className="oppose"
      />
      <ChangeList
        title="Claims edited"
        items={changes.claimsEdited.map((edit) => ({ key: edit.id, text: `“${edit.before}” → “${edit.after}”` }))}
      />
      <ChangeList
        title="Links added"
        items={changes.linksAdded.map((link) => ({
          key: link.id,
          text: `${link.fromText} ${link.relation === 'support' ? 'supports' : 'opposes'} ${link.toText}`,
        }))}
      />
      <ChangeList
        title="Links removed"
        items={changes.linksRemoved.map((link) => ({
          key: link.id,
          text: `${link.fromText} ${link.relation === 'support' ? 'supported' : 'opposed'} ${link.toText}`,
        }))}
      />
      <ChangeList
        title="Links changed"
        items={changes.linksChanged.map((link) => ({
          key: link.id,
          text: `${link.fromText} now ${link.relation === 'support' ? 'supports' : 'opposes'} ${link.toText}`,
        }))}
      />
      <ChangeList
        title="Vote shifts"
        items={changes.voteShifts.map((shift) => ({
          key: shift.claimId,
          text:
            `${shift.text}: mean ${mean(shift.meanBefore)} → ${mean(shift.meanAfter)} (${shift.countBefore} → ${shift.countAfter} ` +
            `votes)`,
        }))}
      />
    </section>
  );
}

function ChangeList({ title, items, className }: { title: string; items: { key: string; text: string }[]; className?: string }) {
  return (
    <CountedSection title={title} count={items.length}>
      <ul className={className ? `change-list ${className}` : 'change-list'}>
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
      </ul>
    </CountedSection>
  );
}
