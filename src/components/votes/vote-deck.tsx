'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { excerpt, indexMap } from '@/components/map/map-index';
import { deckOrder, nextUnvoted, type DeckCard } from './deck-order';
import { useVote } from './use-vote';
import { VoteHistogram, voteLabel } from './vote-panel';
import { FormError } from '@/components/ui/form-messages';
import { VoteButtons } from './vote-buttons';

interface Props {
  map: MapView;
  /** Why this reader cannot vote (locked, viewer); null when they can. */
  refusal: string | null;
  onLeave: () => void;
  onOpenSource: (sourceId: string, evidenceId: string) => void;
  /** Open on this claim (a re-rate nudge) instead of the first unvoted one; its earlier vote is shown. */
  startClaimId?: string | null;
}

/** How long the "Saved" state of a card shows before the next card slides in. */
const ADVANCE_MS = 450;

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && Boolean(target.closest('input, textarea, select, [contenteditable="true"]'));
}

/**
 * Vote mode: one card per claim, thesis first, in the map's order. A vote moves to the next
 * card; Skip and Previous move without voting. Keys: 0–4 vote, → next, ← previous.
 */
export function VoteDeck({ map, refusal, onLeave, onOpenSource, startClaimId = null }: Props) {
  const cards = useMemo(() => deckOrder(map), [map]);
  const index = indexMap(map);
  const hasVoted = (claimId: string) => index.claimById.get(claimId)?.myVote != null;
  // The card is remembered by claim, so claims added or removed by others do not move the reader.
  const startsAtNudge = startClaimId !== null && cards.some((item) => item.claimId === startClaimId);
  const [currentId, setCurrentId] = useState<string | null>(() =>
    startsAtNudge ? startClaimId : (cards[nextUnvoted(cards, hasVoted, 0) ?? 0]?.claimId ?? null),
  );
  const [isDone, setIsDone] = useState(() => !startsAtNudge && cards.length > 0 && nextUnvoted(cards, hasVoted, 0) === null);
  // The vote the nudge asked about, as it was when the card opened: shown until the reader votes again.
  const [earlierVote] = useState(() => (startsAtNudge ? (index.claimById.get(startClaimId)?.myVote ?? null) : null));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const voted = cards.filter((card) => hasVoted(card.claimId)).length;
  const at = Math.max(
    0,
    cards.findIndex((item) => item.claimId === currentId),
  );
  const card = cards[at];

  const goTo = (next: number) => {
    if (next >= cards.length) {
      setIsDone(true);
      return;
    }
    setIsDone(false);
    setCurrentId(cards[Math.max(0, next)]?.claimId ?? null);
  };
  const advance = () => {
    const next = nextUnvoted(cards, hasVoted, at + 1);
    if (next !== null) goTo(next);
    else if (at + 1 < cards.length) goTo(at + 1);
    else setIsDone(true);
  };

  // A new card takes focus so a screen reader reads it and the keys act on it.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [at, isDone]);

  const keys = useRef<(event: KeyboardEvent) => void>(() => {});
  keys.current = (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    if (event.key === 'ArrowRight') goTo(at + 1);
    else if (event.key === 'ArrowLeft') goTo(isDone ? at : at - 1);
    else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (cards.length === 0) {
    return (
      <section className="vote-deck" aria-label="Vote mode">
        <div className="vote-card">
          <h2 ref={headingRef} tabIndex={-1}>
            Nothing to vote on yet
          </h2>
          <p className="muted">Claims appear here as soon as someone adds them.</p>
          <button type="button" className="btn" onClick={onLeave}>
            See the map
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="vote-deck" aria-label="Vote mode">
      <div className="vote-deck-bar">
        <p className="vote-deck-progress" aria-live="polite">
          {isDone ? `${voted} of ${cards.length} voted` : `${at + 1} of ${cards.length}`}
          <span className="muted small"> · {voted} voted</span>
        </p>
        <div className="vote-deck-meter" aria-hidden="true">
          <span style={{ width: `${(voted / cards.length) * 100}%` }} />
        </div>
        <button type="button" className="btn btn-small" onClick={onLeave}>
          See the map
        </button>
      </div>
      {isDone || !card ? (
        <div className="vote-card">
          <h2 ref={headingRef} tabIndex={-1}>
            {voted === cards.length ? 'You have rated every claim' : `You rated ${voted} of ${cards.length} claims`}
          </h2>
          <p className="muted">You can change a vote at any time: go back to a card, or open the map.</p>
          <div className="vote-deck-nav">
            <button type="button" className="btn" onClick={() => goTo(cards.length - 1)}>
              ← Previous
            </button>
            {voted < cards.length && (
              <button type="button" className="btn" onClick={() => goTo(nextUnvoted(cards, hasVoted, 0) ?? 0)}>
                Rate the ones I skipped
              </button>
            )}
            <button type="button" className="btn btn-primary" onClick={onLeave}>
              See the map
            </button>
          </div>
        </div>
      ) : (
        <VoteCard
          key={card.claimId}
          map={map}
          card={card}
          refusal={refusal}
          headingRef={headingRef}
          onVoted={advance}
          onPrevious={at > 0 ? () => goTo(at - 1) : null}
          onSkip={() => goTo(at + 1)}
          onOpenSource={onOpenSource}
          earlierVote={card.claimId === startClaimId ? earlierVote : null}
        />
      )}
    </section>
  );
}

interface CardProps {
  map: MapView;
  card: DeckCard;
  refusal: string | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onVoted: () => void;
  onPrevious: (() => void) | null;
  onSkip: () => void;
  onOpenSource: (sourceId: string, evidenceId: string) => void;
  /** The reader's vote before a new argument landed under the claim (opened from a re-rate nudge). */
  earlierVote: number | null;
}

function VoteCard({ map, card, refusal, headingRef, onVoted, onPrevious, onSkip, onOpenSource, earlierVote }: CardProps) {
  const index = indexMap(map);
  const claim = index.claimById.get(card.claimId);
  const parent = card.parentClaimId ? index.claimById.get(card.parentClaimId) : undefined;
  const vote = useVote(map.map.id, { kind: 'claim', id: card.claimId });
  const [justCast, setJustCast] = useState<number | null>(null);
  const onVotedRef = useRef(onVoted);
  onVotedRef.current = onVoted;

  // The next card comes once the vote is stored (and not when it failed: the error stays on screen).
  useEffect(() => {
    if (justCast === null || vote.isPending || vote.error) return;
    const timer = setTimeout(() => onVotedRef.current(), ADVANCE_MS);
    return () => clearTimeout(timer);
  }, [justCast, vote.isPending, vote.error]);

  const cast = (value: number) => {
    if (refusal || !claim) return;
    setJustCast(value);
    if (claim.myVote !== value) vote.cast(value);
  };

  const castRef = useRef(cast);
  castRef.current = cast;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const value = Number(event.key);
      if (!/^[0-4]$/.test(event.key)) return;
      event.preventDefault();
      castRef.current(value);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (!claim) return null;
  const evidence = (index.incoming.get(claim.id) ?? []).flatMap((link) => {
    const passage = link.fromEvidenceId ? index.evidenceById.get(link.fromEvidenceId) : undefined;
    return passage ? [{ link, passage, source: index.sourceById.get(passage.sourceId) }] : [];
  });
  const myVote = claim.myVote;

  return (
    <article className="vote-card" aria-labelledby={`vote-card-${claim.id}`}>
      {parent ? (
        <p className={`vote-card-context ${card.relation ?? ''}`}>
          <strong>{card.relation === 'oppose' ? '− Opposes' : '+ Supports'}</strong> {excerpt(parent.text, 160)}
        </p>
      ) : (
        <p className="vote-card-context">
          <strong>Thesis</strong>
        </p>
      )}
      <h2 id={`vote-card-${claim.id}`} ref={headingRef} tabIndex={-1} className="vote-card-claim">
        {claim.text}
      </h2>
      {evidence.length > 0 && (
        <ul className="stack-list vote-card-evidence" aria-label="Evidence">
          {evidence.map(({ link, passage, source }) => (
            <li key={link.id} className={link.relation}>
              <blockquote>“{excerpt(passage.exact, 280)}”</blockquote>
              <p className="small">
                {link.relation === 'support' ? 'Supports' : 'Opposes'} · <cite>{source?.title ?? 'Source'}</cite>{' '}
                <button type="button" className="btn-link" onClick={() => onOpenSource(passage.sourceId, passage.id)}>
                  Open in source
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
      <h3 className="vote-panel-title">How strong is this claim?</h3>
      {earlierVote !== null && justCast === null && (
        <p className="vote-earlier small" data-testid="earlier-vote">
          Your earlier vote: <strong>{voteLabel(earlierVote)}</strong> — a new argument was added since. Does it still hold?
        </p>
      )}
      {refusal ? (
        <p className="vote-refusal">{refusal}</p>
      ) : (
        <VoteButtons className="vote-buttons vote-deck-buttons" myVote={myVote} onVote={cast} hasKeyShortcuts />
      )}
      <p className="vote-mine small" role="status">
        {justCast !== null && vote.isPending ? 'Saving…' : justCast !== null && !vote.error ? `Saved: ${voteLabel(justCast)}.` : ''}
        {justCast === null && myVote !== null ? `Your vote: ${voteLabel(myVote)}.` : ''}
      </p>
      {vote.error && <FormError message={vote.error.message} />}
      <VoteHistogram votes={claim.votes} myVote={myVote} canVote={!refusal} />
      <div className="vote-deck-nav">
        <button type="button" className="btn" onClick={() => onPrevious?.()} disabled={!onPrevious} aria-keyshortcuts="ArrowLeft">
          ← Previous
        </button>
        <button type="button" className="btn" onClick={onSkip} aria-keyshortcuts="ArrowRight">
          Skip →
        </button>
      </div>
    </article>
  );
}
