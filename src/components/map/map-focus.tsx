'use client';

import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { ClaimView, EvidenceView, MapView } from '@/server/domain/maps/get-map';
import { excerpt, indexMap, linkFromId, rootClaims } from './map-index';
import { mapTree, pathToRoot } from './map-tree';
import { VoteSummaryMini } from './vote-summary';
import { strengthLabel } from './strength-label';
import { focusColumns } from './focus-columns';
import './map-views.css';
import type { TRelation } from '@/shared/schemas/claim';

/**
 * One claim at a time, Kialo-style but with the whole path in view: the focused claim large,
 * breadcrumbs up to the thesis, and what argues about it in two columns (pros | cons), each card
 * with its own evidence quotes, votes and how much argues about it in turn. Plain HTML with no
 * React Flow, so it renders on the server and works the same with keyboard, mouse and touch.
 */
interface Props {
  map: MapView;
  /** The claim in focus; null or unknown means the first thesis. */
  focusId: string | null;
  onFocus: (claimId: string) => void;
  onSelect: (selection: { kind: 'claim' | 'evidence'; id: string }) => void;
  onOpenSource?: (sourceId: string, evidenceId: string) => void;
  /** Strengths to show (null while the overlay is off). */
  strengths?: Readonly<Record<string, number | null>> | null;
  /** Move keyboard focus to the focused claim when it changes (not on the server-rendered first view). */
  isInteractive?: boolean;
}

export function resolveFocus(map: MapView, focusId: string | null): ClaimView | null {
  const index = indexMap(map);
  return (focusId ? index.claimById.get(focusId) : undefined) ?? rootClaims(map)[0] ?? map.claims[0] ?? null;
}

export function MapFocus({ map, focusId, onFocus, onSelect, onOpenSource, strengths = null, isInteractive = true }: Props) {
  const index = indexMap(map);
  const claim = resolveFocus(map, focusId);
  const headingRef = useRef<HTMLDivElement>(null);
  const lastFocused = useRef<string | null>(null);

  // Keyboard focus follows the focused claim (on opening the view too), so it never falls to the page body.
  // A layout effect: on a page that opens in the focus view (`?focus=`) the claim has the focus in the same
  // commit that hydrates the view's key handler. Focused a passive effect later, a key pressed in between
  // (Alt+↑ right after the page loaded) went to the body, outside the view, and was lost.
  useLayoutEffect(() => {
    if (!isInteractive || !claim || lastFocused.current === claim.id) return;
    lastFocused.current = claim.id;
    const active = document.activeElement;
    const isTypingElsewhere = active instanceof HTMLElement && active.closest('input, textarea, select, [contenteditable="true"]');
    if (!isTypingElsewhere) headingRef.current?.focus({ preventScroll: false });
  }, [claim, isInteractive]);

  if (!claim) {
    return (
      <div className="map-focus map-focus-empty">
        <p className="muted">This map has no claims yet.</p>
      </div>
    );
  }

  const path = pathToRoot(map, claim.id);
  const parentId = path.length > 1 ? path[path.length - 2]! : null;
  const incoming = index.incoming.get(claim.id) ?? [];
  const otherParents = (index.outgoing.get(claim.id) ?? []).filter(
    (link) => link.toClaimId !== parentId && index.claimById.has(link.toClaimId),
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const goUp = event.key === 'Backspace' || (event.altKey && event.key === 'ArrowUp');
    if (goUp) {
      if (parentId) onFocus(parentId);
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(event.key)) return;
    // Arrow keys move between the cards: up and down within a column, left and right across.
    const cards = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-focus-card]')];
    const current = target.closest<HTMLElement>('[data-focus-card]');
    event.preventDefault();
    event.stopPropagation();
    if (!current) {
      cards[0]?.focus();
      return;
    }
    const column = current.dataset.focusColumn;
    const inColumn = cards.filter((card) => card.dataset.focusColumn === column);
    const at = inColumn.indexOf(current);
    if (event.key === 'ArrowDown') inColumn[at + 1]?.focus();
    else if (event.key === 'ArrowUp') {
      if (at > 0) inColumn[at - 1]?.focus();
      else headingRef.current?.focus();
    } else {
      const otherColumn = cards.filter((card) => card.dataset.focusColumn !== column);
      (otherColumn[Math.min(at, otherColumn.length - 1)] ?? null)?.focus();
    }
  };

  const strengthOf = (id: string) => (strengths ? (strengths[id] ?? null) : undefined);

  return (
    <div className="map-focus" onKeyDown={onKeyDown} data-focus-id={claim.id}>
      <nav className="focus-breadcrumbs" aria-label="Path to the thesis">
        <ol>
          {path.map((id, at) => {
            const item = index.claimById.get(id);
            const label = excerpt(item?.text ?? '', at === path.length - 1 ? 60 : 36);
            return (
              <li key={id}>
                {at === path.length - 1 ? (
                  <span aria-current="location">{label}</span>
                ) : (
                  <button type="button" className="btn-link" onClick={() => onFocus(id)}>
                    {label}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <div className="focus-claim" ref={headingRef} tabIndex={-1} aria-label={`Focused claim: ${excerpt(claim.text, 140)}`}>
        {parentId && (
          <button
            type="button"
            className="btn btn-small focus-up"
            onClick={() => onFocus(parentId)}
            title="Up to what this argues about (Backspace or Alt+↑)"
          >
            ↑ Up
          </button>
        )}
        {claim.title && <p className="claim-title">{claim.title}</p>}
        <p className="focus-claim-text">{claim.text}</p>
        <div className="focus-claim-meta">
          <span>{claim.authorName ?? 'Anonymous'}</span>
          <VoteSummaryMini votes={claim.votes} />
          <StrengthNote strength={strengthOf(claim.id)} />
          <button type="button" className="btn btn-small" onClick={() => onSelect({ kind: 'claim', id: claim.id })}>
            Details and votes
          </button>
        </div>
        {otherParents.length > 0 && (
          <p className="muted small">
            Also argues about:{' '}
            {otherParents.map((link, at) => (
              <span key={link.id}>
                {at > 0 && ', '}
                <button type="button" className="btn-link" onClick={() => onFocus(link.toClaimId)}>
                  {excerpt(index.claimById.get(link.toClaimId)?.text ?? '', 50)}
                </button>
              </span>
            ))}
          </p>
        )}
      </div>

      <div className="focus-columns">
        {focusColumns(incoming).map(({ relation, title, items: links }) => (
          <section key={relation} className={`focus-column ${relation}`} aria-label={`${title} (${links.length})`}>
            <h2 className="focus-column-title">
              {title} <span className="muted">({links.length})</span>
            </h2>
            {links.length === 0 && <p className="muted small">Nothing {relation === 'support' ? 'supports' : 'opposes'} this claim yet.</p>}
            <ul className="focus-cards">
              {links.map((link) => {
                const id = linkFromId(link);
                const childClaim = index.claimById.get(id);
                const passage = index.evidenceById.get(id);
                return (
                  <li key={link.id}>
                    {childClaim ? (
                      <ChildClaimCard
                        map={map}
                        claim={childClaim}
                        relation={relation}
                        strength={strengthOf(childClaim.id)}
                        onFocus={onFocus}
                        onOpenSource={onOpenSource}
                      />
                    ) : passage ? (
                      <EvidenceCard map={map} passage={passage} relation={relation} onSelect={onSelect} onOpenSource={onOpenSource} />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function StrengthNote({ strength }: { strength: number | null | undefined }) {
  if (strength === undefined) return null;
  const { text, title } = strengthLabel(strength);
  return (
    <span className={`focus-strength ${strength === null ? 'is-unrated' : ''}`} title={title}>
      {text}
    </span>
  );
}

function ChildClaimCard({
  map,
  claim,
  relation,
  strength,
  onFocus,
  onOpenSource,
}: {
  map: MapView;
  claim: ClaimView;
  relation: TRelation;
  strength: number | null | undefined;
  onFocus: (id: string) => void;
  onOpenSource?: ((sourceId: string, evidenceId: string) => void) | undefined;
}) {
  const index = indexMap(map);
  const tree = mapTree(map);
  const below = index.incoming.get(claim.id) ?? [];
  const pros = below.filter((link) => link.relation === 'support').length;
  const cons = below.length - pros;
  const quotes = below
    .filter((link) => link.fromEvidenceId)
    .map((link) => index.evidenceById.get(link.fromEvidenceId!))
    .filter(Boolean) as EvidenceView[];
  const hidden = tree.descendantCount.get(claim.id) ?? 0;
  return (
    <div className={`focus-card ${relation}`}>
      <button
        type="button"
        className="focus-card-main"
        data-focus-card=""
        data-focus-column={relation}
        onClick={() => onFocus(claim.id)}
        aria-label={`${relation === 'support' ? 'Supports' : 'Opposes'}: ${excerpt(claim.text, 140)}. ${pros} for, ${cons} against. Open`}
      >
        <span className="focus-card-text">{claim.text}</span>
      </button>
      <div className="focus-card-meta">
        <VoteSummaryMini votes={claim.votes} />
        <StrengthNote strength={strength} />
        <span title={`${pros} supporting and ${cons} opposing; ${hidden} below in all`}>
          {pros} for · {cons} against
        </span>
      </div>
      {quotes.length > 0 && (
        <ul className="focus-quotes">
          {quotes.slice(0, 2).map((quote) => (
            <li key={quote.id}>
              <q>{excerpt(quote.exact, 160)}</q>{' '}
              {onOpenSource && (
                <button type="button" className="btn-link small" onClick={() => onOpenSource(quote.sourceId, quote.id)}>
                  source
                </button>
              )}
            </li>
          ))}
          {quotes.length > 2 && <li className="muted small">and {quotes.length - 2} more passages</li>}
        </ul>
      )}
    </div>
  );
}

function EvidenceCard({
  map,
  passage,
  relation,
  onSelect,
  onOpenSource,
}: {
  map: MapView;
  passage: EvidenceView;
  relation: TRelation;
  onSelect: (selection: { kind: 'claim' | 'evidence'; id: string }) => void;
  onOpenSource?: ((sourceId: string, evidenceId: string) => void) | undefined;
}) {
  const source = indexMap(map).sourceById.get(passage.sourceId);
  return (
    <div className={`focus-card is-evidence ${relation}`}>
      <button
        type="button"
        className="focus-card-main"
        data-focus-card=""
        data-focus-column={relation}
        onClick={() => onSelect({ kind: 'evidence', id: passage.id })}
        aria-label={`Evidence ${relation === 'support' ? 'for' : 'against'}: “${excerpt(passage.exact, 120)}”. Details`}
      >
        <q className="focus-card-text">{passage.exact}</q>
      </button>
      <div className="focus-card-meta">
        <cite>{source?.title ?? 'Unknown source'}</cite>
        <VoteSummaryMini votes={passage.votes} />
        {onOpenSource && (
          <button type="button" className="btn-link small" onClick={() => onOpenSource(passage.sourceId, passage.id)}>
            Open in source
          </button>
        )}
      </div>
    </div>
  );
}
