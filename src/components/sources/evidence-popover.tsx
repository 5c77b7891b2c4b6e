'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorMessage, useTRPC } from '@/trpc/client';
import { ClaimPicker, type PickableClaim } from './claim-picker';
import { truncate } from '@/shared/truncate';
import type { TRelation } from '@/shared/schemas/claim';
import { FormError } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

export interface PendingQuote {
  start: number;
  end: number;
  exact: string;
}

interface Props {
  mapId: string;
  sourceId: string;
  quote: PendingQuote;
  claims: readonly PickableClaim[];
  style?: React.CSSProperties;
  onCancel: () => void;
  onCreated: (evidenceId: string) => void;
}

/** "Use as evidence": pick a claim, support or oppose, an optional note → evidence.create. */
const RELATION_CHOICES = [
  ['support', 'Supports the claim'],
  ['oppose', 'Opposes the claim'],
] as const;

export function EvidencePopover({ mapId, sourceId, quote, claims, style, onCancel, onCreated }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [claimId, setClaimId] = useState<string | null>(null);
  const [relation, setRelation] = useState<TRelation>('support');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const create = useMutation(
    trpc.evidence.create.mutationOptions({
      onSuccess: async ({ evidence }) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.map.get.queryKey({ mapId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.source.get.queryKey({ id: sourceId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.source.list.queryKey({ mapId }) }),
        ]);
        onCreated(evidence.id);
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!claimId) {
      setError('Pick the claim this passage supports or opposes.');
      return;
    }
    setError(null);
    create.mutate({
      sourceId,
      start: quote.start,
      end: quote.end,
      expectedExact: quote.exact,
      claimId,
      relation,
      note: note.trim() || undefined,
    });
  };

  return (
    <div
      className="evidence-popover card"
      role="dialog"
      aria-label="Use as evidence"
      style={style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <form className="stack" onSubmit={submit}>
        <blockquote className="evidence-popover-quote">{truncate(quote.exact, 220)}</blockquote>
        <ClaimPicker claims={claims} value={claimId} onChange={setClaimId} label="Claim" autoFocus />
        <fieldset className="relation-choice">
          <legend>This passage</legend>
          {RELATION_CHOICES.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name={`${id}-relation`} value={value} checked={relation === value} onChange={() => setRelation(value)} />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <label className="field">
          Note (optional)
          <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        <FormError message={error} />
        <div className="row">
          <SubmitButton isPending={create.isPending} label="Add evidence" pendingLabel="Adding…" className="btn btn-primary btn-small" />
          <button type="button" className="btn btn-small" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
