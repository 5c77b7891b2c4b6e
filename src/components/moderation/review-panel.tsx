'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import type { ProposalView } from '@/server/domain/moderation/list-proposals';
import { excerpt } from '@/components/map/map-index';
import { subscribeMapEvents } from '@/components/realtime/map-event-bus';
import { errorMessage, useTRPC } from '@/trpc/client';
import { FormError } from '@/components/ui/form-messages';

/**
 * How many proposals wait in a moderator's view: claims and passages marked, and links proposed on their
 * own (a claim's or passage's own link waits with it). Live, since proposals reach moderators' views.
 */
export function proposalCount(map: MapView): number {
  const waiting = new Set([...map.claims, ...map.evidence].filter((item) => item.awaitingApproval).map((item) => item.id));
  const looseLinks = map.links.filter((link) => link.awaitingApproval && !waiting.has((link.fromClaimId ?? link.fromEvidenceId)!));
  return waiting.size + looseLinks.length;
}

/** The moderator's queue, refreshed whenever the map moves on (a proposal arrives or is decided), and every 15 s. */
export function useReviewQueue(mapId: string, lastSeq: number, isModerator: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery({ ...trpc.moderation.queue.queryOptions({ mapId }), enabled: isModerator, refetchInterval: 15_000 });
  useEffect(() => {
    if (isModerator) void queryClient.invalidateQueries({ queryKey: trpc.moderation.queue.queryKey({ mapId }) });
  }, [lastSeq, isModerator, mapId, queryClient, trpc]);
  return queue;
}

/**
 * Tells a proposal's author, as it happens, that a moderator turned it down and why (a rejection reaches only
 * its author and the moderators). Moderators are not told: they decided, or see the queue.
 */
export function useRejectionNotices(mapId: string, isModerator: boolean, notify: (message: string, kind: 'info' | 'error') => void) {
  useEffect(() => {
    if (isModerator) return;
    return subscribeMapEvents(mapId, ({ event }) => {
      if (event.type !== 'moderation.rejected') return;
      const { kind, text, reason } = event.payload;
      const what = kind === 'link' ? 'link' : `${kind} “${excerpt(text, 60)}”`;
      notify(`Your ${what} was not approved${reason ? `: ${reason}` : '.'}`, 'error');
    });
  }, [mapId, isModerator, notify]);
}

interface Props {
  mapId: string;
  lastSeq: number;
  onClose: () => void;
  onSelectClaim: (claimId: string) => void;
}

const KIND_LABEL: Record<ProposalView['kind'], string> = { claim: 'Claim', evidence: 'Evidence', link: 'Link' };

/** "Review (n)": what students proposed, oldest first — approve, edit and approve, or turn down with a reason. */
export function ReviewPanel({ mapId, lastSeq, onClose, onSelectClaim }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useReviewQueue(mapId, lastSeq, true);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.moderation.queue.queryKey({ mapId }) });
  const options = { onMutate: () => setError(null), onError: (caught: unknown) => setError(errorMessage(caught)), onSettled: refresh };
  const decide = useMutation(trpc.moderation.decide.mutationOptions(options));
  const approveMany = useMutation(trpc.moderation.approveMany.mutationOptions(options));
  const items = queue.data?.items ?? [];
  const isBusy = decide.isPending || approveMany.isPending;

  return (
    <aside className="review-panel" aria-label="Review">
      <div className="row class-panel-head">
        <h2 className="panel-title">
          Review <span className="muted">({items.length})</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <FormError message={queue.isError && `The review queue could not be loaded: ${errorMessage(queue.error)}`} />
      <FormError message={error} />
      {queue.isSuccess && items.length === 0 && <p className="muted small">Nothing waits for approval.</p>}
      {items.length > 1 && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={isBusy}
          onClick={() => approveMany.mutate({ mapId, items: items.map(({ kind, id }) => ({ kind, id })) })}
        >
          Approve all ({items.length})
        </button>
      )}
      <ul className="stack-list review-list" aria-label="Proposals waiting for approval">
        {items.map((item) => (
          <ProposalRow
            key={`${item.kind}:${item.id}`}
            item={item}
            isBusy={isBusy}
            onSelectClaim={onSelectClaim}
            onApprove={(text) =>
              decide.mutate({ kind: item.kind, id: item.id, decision: 'approve', ...(text !== undefined ? { text } : {}) })
            }
            onReject={(reason) => decide.mutate({ kind: item.kind, id: item.id, decision: 'reject', ...(reason ? { reason } : {}) })}
          />
        ))}
      </ul>
    </aside>
  );
}

interface RowProps {
  item: ProposalView;
  isBusy: boolean;
  onSelectClaim: (claimId: string) => void;
  onApprove: (text?: string) => void;
  onReject: (reason: string) => void;
}

function ProposalRow({ item, isBusy, onSelectClaim, onApprove, onReject }: RowProps) {
  const [mode, setMode] = useState<'idle' | 'edit' | 'reject'>('idle');
  const [text, setText] = useState(item.text);
  const [reason, setReason] = useState('');
  const label = `${KIND_LABEL[item.kind]}: ${excerpt(item.text, 60)}`;
  return (
    <li className="review-item" aria-label={label}>
      <p className="small muted">
        {KIND_LABEL[item.kind]} by {item.authorName ?? 'an anonymous member'}
        {item.parent && (
          <>
            {' '}
            · {item.parent.relation === 'support' ? 'supports' : 'opposes'}{' '}
            <button type="button" className="btn-link" onClick={() => onSelectClaim(item.parent!.id)}>
              “{excerpt(item.parent.text, 50)}”
            </button>
          </>
        )}
      </p>
      {item.kind === 'link' && <p className="small">From “{excerpt(item.text, 80)}”</p>}
      {item.kind !== 'link' && (
        <p>
          {item.kind === 'evidence' ? `“${item.text}”` : item.text}
          {item.sourceTitle && <span className="muted small"> — {item.sourceTitle}</span>}
        </p>
      )}
      {item.note && <p className="small muted">Note: {item.note}</p>}
      {mode === 'edit' && (
        <label className="stack small">
          Edit before approving
          <textarea value={text} rows={3} maxLength={1000} onChange={(event) => setText(event.target.value)} />
        </label>
      )}
      {mode === 'reject' && (
        <label className="stack small">
          Reason (the author sees it)
          <input value={reason} maxLength={500} placeholder="Off topic; say why" onChange={(event) => setReason(event.target.value)} />
        </label>
      )}
      <div className="panel-actions">
        {mode === 'idle' && (
          <>
            <button type="button" className="btn btn-small btn-primary" disabled={isBusy} onClick={() => onApprove()}>
              Approve
            </button>
            {item.kind === 'claim' && (
              <button type="button" className="btn btn-small" disabled={isBusy} onClick={() => setMode('edit')}>
                Edit and approve
              </button>
            )}
            <button type="button" className="btn btn-small btn-danger" disabled={isBusy} onClick={() => setMode('reject')}>
              Reject
            </button>
          </>
        )}
        {mode === 'edit' && (
          <button type="button" className="btn btn-small btn-primary" disabled={isBusy || !text.trim()} onClick={() => onApprove(text)}>
            Save and approve
          </button>
        )}
        {mode === 'reject' && (
          <button type="button" className="btn btn-small btn-danger" disabled={isBusy} onClick={() => onReject(reason.trim())}>
            Reject proposal
          </button>
        )}
        {mode !== 'idle' && (
          <button type="button" className="btn btn-small" onClick={() => setMode('idle')}>
            Cancel
          </button>
        )}
      </div>
    </li>
  );
}
