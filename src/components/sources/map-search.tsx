'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { SnippetSegment } from '@/server/domain/search/headline';
import { useTRPC } from '@/trpc/client';

export interface MapSearchProps {
  mapId: string;
  /**
   * Open a source at a hit: [start, end) in UTF-16 code units of its text (pass them to
   * SourcesDrawer as `focus.range`). start === end means only the title matched: open at the top.
   */
  onOpenSource: (sourceId: string, start: number, end: number) => void;
  /** Select (and reveal) a claim in the graph. */
  onSelectClaim: (claimId: string) => void;
}

const MIN_QUERY = 2;
const DEBOUNCE_MS = 250;

type Option =
  | { kind: 'claim'; key: string; claimId: string; snippet: SnippetSegment[] }
  | { kind: 'source'; key: string; sourceId: string; title: string; start: number; end: number; snippet: SnippetSegment[] };

function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.isHit ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}

/**
 * Full-text search over the map's claims and sources (map.search), as a combobox: type, then pick a
 * claim (→ onSelectClaim) or a source passage (→ onOpenSource at the hit).
 */
export function MapSearch({ mapId, onOpenSource, onSelectClaim }: MapSearchProps) {
  const trpc = useTRPC();
  const id = useId();
  const listId = `${id}-results`;
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(input.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [input]);

  const isEnabled = query.length >= MIN_QUERY;
  const search = useQuery({
    ...trpc.map.search.queryOptions({ mapId, query }),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const options = useMemo<Option[]>(() => {
    if (!isEnabled || !search.data) return [];
    return [
      ...search.data.claims.map((hit): Option => ({ kind: 'claim', key: `c-${hit.claimId}`, claimId: hit.claimId, snippet: hit.snippet })),
      ...search.data.sources.map((hit): Option => ({
        kind: 'source',
        key: `s-${hit.sourceId}`,
        sourceId: hit.sourceId,
        title: hit.title,
        start: hit.hit?.start ?? 0,
        end: hit.hit?.end ?? 0,
        snippet: hit.snippet,
      })),
    ];
  }, [isEnabled, search.data]);
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const showList = isOpen && input.trim().length >= MIN_QUERY;

  const choose = (option: Option) => {
    setIsOpen(false);
    if (option.kind === 'claim') onSelectClaim(option.claimId);
    else onOpenSource(option.sourceId, option.start, option.end);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIsOpen(true);
      if (options.length) setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (event.key === 'Enter') {
      const option = options[activeIndex];
      if (showList && option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      if (isOpen) {
        event.preventDefault();
        setIsOpen(false);
      } else setInput('');
    }
  };

  const claimOptions = options.filter((option) => option.kind === 'claim');
  const sourceOptions = options.filter((option) => option.kind === 'source');
  const renderOption = (option: Option) => {
    const index = options.indexOf(option);
    return (
      <li
        key={option.key}
        id={`${id}-opt-${index}`}
        role="option"
        aria-selected={index === activeIndex}
        className={`map-search-option${index === activeIndex ? ' is-active' : ''}`}
        onMouseDown={(event) => event.preventDefault()}
        onMouseEnter={() => setActive(index)}
        onClick={() => choose(option)}
      >
        {option.kind === 'claim' ? (
          <span className="map-search-snippet">
            <Snippet segments={option.snippet} />
          </span>
        ) : (
          <>
            <span className="map-search-source-title">{option.title}</span>
            <span className="map-search-snippet muted small">
              <Snippet segments={option.snippet} />
            </span>
          </>
        )}
      </li>
    );
  };

  return (
    <div className="map-search">
      <input
        type="search"
        role="combobox"
        aria-label="Search this map"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && options[activeIndex] ? `${id}-opt-${activeIndex}` : undefined}
        placeholder="Search claims and sources"
        autoComplete="off"
        value={input}
        onChange={(event) => {
          setInput(event.target.value);
          setActive(0);
          setIsOpen(true);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="map-search-results" hidden={!showList}>
        <ul id={listId} role="listbox" aria-label="Search results">
          {claimOptions.length > 0 && (
            <li role="presentation" className="map-search-group">
              Claims
            </li>
          )}
          {claimOptions.map(renderOption)}
          {sourceOptions.length > 0 && (
            <li role="presentation" className="map-search-group">
              Sources
            </li>
          )}
          {sourceOptions.map(renderOption)}
        </ul>
        <p className="muted small map-search-status" aria-live="polite">
          {!isEnabled || (search.isFetching && !search.data)
            ? 'Searching…'
            : search.error
              ? 'Search failed; try again.'
              : options.length === 0
                ? `Nothing matches “${query}”.`
                : ''}
        </p>
      </div>
    </div>
  );
}
