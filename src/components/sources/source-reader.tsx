'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type MouseEvent } from 'react';
import type { SourceEvidenceView } from '@/server/domain/sources/get-source';
import { errorMessage, useTRPC } from '@/trpc/client';
import type { PickableClaim } from './claim-picker';
import { EvidencePopover, type PendingQuote } from './evidence-popover';
import { rangeToOffsets, type PassageRange, type PassageTone } from './reader-segments';
import { ReaderText } from './reader-text';
import { DeleteSourcePanel, EditDetailsForm, EditTextForm, useRefreshSources } from './source-forms';
import { truncate } from '@/shared/truncate';
import { FormError } from '@/components/ui/form-messages';

/** What to show once the source is open: a passage (from the graph) or a search hit. */
const RELATION_VERB = { support: 'Supports', oppose: 'Opposes' } as const;

export interface ReaderTarget {
  /** Changes on every request, so asking for the same passage twice flashes it twice. */
  key: number;
  evidenceId?: string;
  range?: { start: number; end: number };
}

interface Props {
  mapId: string;
  sourceId: string;
  canEdit: boolean;
  claims: readonly PickableClaim[];
  target: ReaderTarget | null;
  onFocusPassage: (evidenceId: string) => void;
  onBack: () => void;
}

const SEARCH_HIT_ID = 'search-hit';
const PENDING_ID = 'pending-quote';
const FLASH_MS = 2200;

function toneOf(passage: SourceEvidenceView): PassageTone {
  const relations = new Set(passage.links.map((link) => link.relation));
  if (relations.size === 0) return 'none';
  if (relations.size === 2) return 'mixed';
  return relations.has('support') ? 'support' : 'oppose';
}

function describePassage(passage: SourceEvidenceView): string {
  if (passage.links.length === 0) return 'Not linked to a claim';
  return passage.links.map((link) => `${link.relation === 'support' ? 'Supports' : 'Opposes'} “${link.claimText}”`).join('; ');
}

function formatDate(date: Date | null): string | null {
  if (!date) return null;
  return date.toISOString().endsWith('-01-01T00:00:00.000Z')
    ? String(date.getUTCFullYear())
    : date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

interface Pending {
  quote: PendingQuote;
  top: number;
  left: number;
}

interface Hover {
  ids: string[];
  top: number;
  left: number;
}

export function SourceReader({ mapId, sourceId, canEdit, claims, target, onFocusPassage, onBack }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshSources(mapId);
  const query = useQuery(trpc.source.get.queryOptions({ id: sourceId }));
  const data = query.data;
  const [mode, setMode] = useState<'read' | 'details' | 'text' | 'delete'>('read');
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [isComposing, setIsComposing] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const [flashIds, setFlashIds] = useState<string[]>([]);
  const [focusedOrphan, setFocusedOrphan] = useState<string | null>(null);
  const [lastTargetKey, setLastTargetKey] = useState(target?.key ?? null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const handledTarget = useRef<number | null>(null);

  // A new target (from the graph or the search box) returns to reading.
  if ((target?.key ?? null) !== lastTargetKey) {
    setLastTargetKey(target?.key ?? null);
    setMode('read');
  }

  const evidence = useMemo(() => data?.evidence ?? [], [data]);
  const evidenceById = useMemo(() => new Map(evidence.map((item) => [item.id, item])), [evidence]);
  const orphans = useMemo(() => evidence.filter((item) => item.isOrphaned), [evidence]);
  const hitRange = target?.range && target.range.end > target.range.start ? target.range : null;
  const composingStart = isComposing ? pending?.quote.start : undefined;
  const composingEnd = isComposing ? pending?.quote.end : undefined;
  const composingRange = useMemo(
    () => (composingStart !== undefined && composingEnd !== undefined ? { start: composingStart, end: composingEnd } : null),
    [composingStart, composingEnd],
  );

  const passages = useMemo<PassageRange[]>(() => {
    const list: PassageRange[] = evidence
      .filter((item) => !item.isOrphaned)
      .map((item) => ({ id: item.id, start: item.start, end: item.end, tone: toneOf(item) }));
    if (hitRange) list.push({ id: SEARCH_HIT_ID, start: hitRange.start, end: hitRange.end, tone: 'hit' });
    // While the popover is open the browser selection is gone (focus moved): keep the words marked.
    if (composingRange) list.push({ id: PENDING_ID, start: composingRange.start, end: composingRange.end, tone: 'hit' });
    return list;
  }, [evidence, hitRange, composingRange]);
  const labelById = useMemo(() => new Map(evidence.map((item) => [item.id, describePassage(item)])), [evidence]);

  // Scroll to and flash the requested passage once it is rendered.
  useEffect(() => {
    if (!target || !data || handledTarget.current === target.key) return;
    const id = target.evidenceId ?? (hitRange ? SEARCH_HIT_ID : null);
    if (target.evidenceId) {
      const passage = evidenceById.get(target.evidenceId);
      if (!passage) {
        if (!query.isFetching) {
          handledTarget.current = target.key;
          setStatus('That passage is no longer in this source (it was deleted).');
        }
        return;
      }
      if (passage.isOrphaned) {
        handledTarget.current = target.key;
        setFocusedOrphan(passage.id);
        setStatus('That passage could not be found in the current text of the source; it is listed under “Orphaned passages”.');
        return;
      }
    }
    if (!id) {
      handledTarget.current = target.key;
      return;
    }
    const element = textRef.current?.querySelector<HTMLElement>(`[data-evidence~="${CSS.escape(id)}"]`);
    if (!element) return;
    handledTarget.current = target.key;
    element.scrollIntoView({ block: 'center', behavior: 'auto' });
    setFlashIds([id]);
  }, [target, data, evidenceById, hitRange, query.isFetching, mode]);

  useEffect(() => {
    if (flashIds.length === 0) return;
    const timer = window.setTimeout(() => setFlashIds([]), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flashIds]);

  // --- selecting text → "Use as evidence" ---------------------------------------------------
  const captureSelection = useCallback(() => {
    if (!canEdit || isComposing) return;
    const root = textRef.current;
    const surface = surfaceRef.current;
    const text = data?.source.text;
    const selection = window.getSelection();
    if (!root || !surface || text === undefined || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      setPending(null);
      return;
    }
    const range = selection.getRangeAt(0);
    const offsets = rangeToOffsets(root, range, text);
    if (!offsets) {
      setPending(null);
      return;
    }
    const rects = range.getClientRects();
    const last = rects.length ? rects[rects.length - 1]! : range.getBoundingClientRect();
    const box = surface.getBoundingClientRect();
    setPending({
      quote: { ...offsets, exact: text.slice(offsets.start, offsets.end) },
      top: last.bottom - box.top + 6,
      left: Math.max(0, Math.min(last.right - box.left - 70, box.width - 190)),
    });
  }, [canEdit, isComposing, data]);

  useEffect(() => {
    if (!canEdit) return;
    const onSelectionChange = () => {
      const selection = window.getSelection();
      if (!isComposing && (!selection || selection.isCollapsed)) setPending(null);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, [canEdit, isComposing]);

  const closeComposer = () => {
    setIsComposing(false);
    setPending(null);
  };

  // --- hover / focus on a highlighted passage → which claims it serves -----------------------
  const showPassagesOf = (element: EventTarget | null) => {
    const mark = element instanceof Element ? element.closest<HTMLElement>('mark[data-evidence]') : null;
    const surface = surfaceRef.current;
    if (!mark || !surface) {
      setHover(null);
      return;
    }
    const ids = (mark.dataset.evidence ?? '').split(' ').filter((id) => id && id !== SEARCH_HIT_ID && id !== PENDING_ID);
    if (ids.length === 0) {
      setHover(null);
      return;
    }
    if (hover && hover.ids.join(' ') === ids.join(' ')) return;
    const rect = mark.getBoundingClientRect();
    const box = surface.getBoundingClientRect();
    setHover({ ids, top: rect.top - box.top, left: Math.max(0, Math.min(rect.left - box.left, box.width - 300)) });
  };

  const removePassage = useMutation(
    trpc.evidence.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
      },
      onError: (err) => setStatus(errorMessage(err)),
    }),
  );
  const removeNow = (id: string) => {
    setLastRemoved(id);
    setStatus('Passage removed.');
    removePassage.mutate({ id });
  };
  const restorePassage = useMutation(
    trpc.evidence.restore.mutationOptions({
      onSuccess: async () => {
        setStatus('Passage restored.');
        await refresh();
      },
      onError: (err) => setStatus(errorMessage(err)),
    }),
  );
  const [lastRemoved, setLastRemoved] = useState<string | null>(null);

  if (query.isPending) {
    return <p className="muted reader-loading">Opening the source…</p>;
  }
  if (query.error) {
    return (
      <div className="stack">
        <FormError message={errorMessage(query.error)} />
        <button type="button" className="btn btn-small" onClick={onBack}>
          Back to the library
        </button>
      </div>
    );
  }
  const { source } = query.data;
  const meta = [source.author, source.publisher, formatDate(source.publishedAt)].filter(Boolean).join(' · ');

  return (
    <article className="source-reader" aria-label={`Source: ${source.title}`}>
      <header className="source-reader-header stack">
        <button type="button" className="btn-link small" onClick={onBack}>
          ← All sources
        </button>
        <h3 className="source-reader-title">{source.title}</h3>
        {(meta || source.url) && (
          <p className="muted small">
            {meta}
            {source.url && (
              <>
                {meta && ' · '}
                <a href={source.url} target="_blank" rel="noopener noreferrer nofollow">
                  Original ↗
                </a>
              </>
            )}
          </p>
        )}
        {canEdit && mode === 'read' && (
          <div className="row">
            <button type="button" className="btn btn-small" onClick={() => setMode('details')}>
              Edit details
            </button>
            <button type="button" className="btn btn-small" onClick={() => setMode('text')}>
              Edit text
            </button>
            <button type="button" className="btn btn-small btn-danger" onClick={() => setMode('delete')}>
              Delete
            </button>
          </div>
        )}
        {mode === 'details' && <EditDetailsForm mapId={mapId} source={source} onDone={() => setMode('read')} />}
        {mode === 'delete' && <DeleteSourcePanel mapId={mapId} sourceId={source.id} onCancel={() => setMode('read')} onDeleted={onBack} />}
        <p role="status" aria-live="polite" className={status ? 'form-note small' : 'sr-only'}>
          {status}
          {status && lastRemoved && (
            <>
              {' '}
              <button
                type="button"
                className="btn-link"
                onClick={() => {
                  restorePassage.mutate({ id: lastRemoved });
                  setLastRemoved(null);
                }}
              >
                Undo
              </button>
            </>
          )}
        </p>
      </header>

      {orphans.length > 0 && (
        <section className="orphaned-passages form-note" aria-label="Orphaned passages">
          <p>
            <strong>
              ⚠ {orphans.length} passage{orphans.length === 1 ? '' : 's'} could not be found
            </strong>{' '}
            in the current text after it was edited. {orphans.length === 1 ? 'It is' : 'They are'} not highlighted and still
            {orphans.length === 1 ? ' shows' : ' show'} the old quote; quote the passage again or remove it.
          </p>
          <ul>
            {orphans.map((item) => (
              <li key={item.id} className={item.id === focusedOrphan ? 'is-focused' : undefined} data-orphan={item.id}>
                <q>{truncate(item.exact, 140)}</q> <span className="muted small">— {describePassage(item)}</span>
                {canEdit && (
                  <button type="button" className="btn-link small" onClick={() => removeNow(item.id)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {mode === 'text' ? (
        <EditTextForm
          mapId={mapId}
          source={source}
          onDone={(report) => {
            setMode('read');
            setLastRemoved(null);
            setStatus(report);
          }}
        />
      ) : (
        <>
          {evidence.length - orphans.length > 0 && (
            <details className="passage-list">
              <summary>
                {evidence.length - orphans.length} highlighted passage{evidence.length - orphans.length === 1 ? '' : 's'}
              </summary>
              <ul>
                {evidence
                  .filter((item) => !item.isOrphaned)
                  .map((item) => (
                    <li key={item.id} data-tone={toneOf(item)}>
                      <button type="button" className="btn-link passage-jump" onClick={() => onFocusPassage(item.id)}>
                        <q>{truncate(item.exact, 90)}</q>
                      </button>
                      <span className="muted small"> {describePassage(item)}</span>
                      {canEdit && (
                        <button
                          type="button"
                          className="btn-link small passage-remove"
                          aria-label={`Remove passage “${truncate(item.exact, 40)}”`}
                          onClick={() => removeNow(item.id)}
                        >
                          Remove
                        </button>
                      )}
                    </li>
                  ))}
              </ul>
            </details>
          )}
          {canEdit && <p className="muted small reader-hint">Select words in the text to use them as evidence.</p>}
          <div
            ref={surfaceRef}
            className="reader-surface"
            onMouseUp={captureSelection}
            onKeyUp={(event) => {
              if (event.shiftKey || event.key === 'Shift' || (event.key === 'a' && (event.ctrlKey || event.metaKey))) captureSelection();
            }}
            onMouseOver={(event: MouseEvent) => showPassagesOf(event.target)}
            onMouseLeave={() => setHover(null)}
            onFocus={(event: FocusEvent) => showPassagesOf(event.target)}
            onBlur={() => setHover(null)}
          >
            <ReaderText ref={textRef} text={source.text} passages={passages} flashIds={flashIds} labelById={labelById} />
            {hover && !isComposing && (
              <div className="passage-tooltip" role="tooltip" style={{ top: hover.top, left: hover.left }}>
                {hover.ids.map((id) => {
                  const item = evidenceById.get(id);
                  if (!item) return null;
                  return (
                    <div key={id} className="passage-tooltip-item">
                      {item.links.length === 0 && <span className="muted">Not linked to a claim</span>}
                      {item.links.map((link) => (
                        <div key={link.id} data-relation={link.relation}>
                          <strong className={`relation-${link.relation}`}>{RELATION_VERB[link.relation]}</strong> {link.claimText}
                        </div>
                      ))}
                      {item.note && <div className="muted small">Note: {item.note}</div>}
                    </div>
                  );
                })}
              </div>
            )}
            {pending && !isComposing && (
              <button
                type="button"
                className="btn btn-primary btn-small use-as-evidence"
                style={{ top: pending.top, left: pending.left }}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => setIsComposing(true)}
              >
                Use as evidence
              </button>
            )}
            {pending && isComposing && (
              <EvidencePopover
                mapId={mapId}
                sourceId={source.id}
                quote={pending.quote}
                claims={claims}
                style={{ top: pending.top, left: Math.max(0, Math.min(pending.left, (surfaceRef.current?.clientWidth ?? 400) - 340)) }}
                onCancel={closeComposer}
                onCreated={(evidenceId) => {
                  closeComposer();
                  window.getSelection()?.removeAllRanges();
                  setStatus('Evidence added to the map.');
                  setLastRemoved(null);
                  onFocusPassage(evidenceId);
                }}
              />
            )}
          </div>
        </>
      )}
    </article>
  );
}
