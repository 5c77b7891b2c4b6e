'use client';

import { useId, useMemo, useState, type KeyboardEvent } from 'react';

export interface PickableClaim {
  id: string;
  text: string;
}

interface Props {
  claims: readonly PickableClaim[];
  value: string | null;
  onChange: (claimId: string | null) => void;
  label?: string;
  autoFocus?: boolean;
}

const MAX_OPTIONS = 50;

/** Every word typed must occur in the claim (case- and accent-insensitive). */
function matches(text: string, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(text);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * A searchable claim list following the WAI-ARIA combobox pattern: type to filter, arrow keys to
 * move, Enter to choose, Escape to close.
 */
export function ClaimPicker({ claims, value, onChange, label = 'Claim', autoFocus }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const selected = claims.find((claim) => claim.id === value) ?? null;
  const [query, setQuery] = useState(selected?.text ?? '');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);

  const options = useMemo(() => {
    const filtered = selected && query === selected.text ? claims : claims.filter((claim) => matches(claim.text, query));
    return filtered.slice(0, MAX_OPTIONS);
  }, [claims, query, selected]);
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const choose = (claim: PickableClaim) => {
    onChange(claim.id);
    setQuery(claim.text);
    setIsOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!isOpen) {
        setIsOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % Math.max(1, options.length));
    } else if (event.key === 'Enter') {
      const option = options[activeIndex];
      if (isOpen && option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      event.stopPropagation();
      setIsOpen(false);
    }
  };

  return (
    <div className="claim-picker">
      <label className="field" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={isOpen && options[activeIndex] ? `${id}-opt-${activeIndex}` : undefined}
        placeholder={claims.length ? 'Type to find a claim…' : 'This map has no claims yet'}
        autoComplete="off"
        autoFocus={autoFocus}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setIsOpen(true);
          if (value !== null) onChange(null);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={`${label} options`} className="claim-picker-list" hidden={!isOpen}>
        {options.map((claim, index) => (
          <li
            key={claim.id}
            id={`${id}-opt-${index}`}
            role="option"
            aria-selected={claim.id === value}
            className={index === activeIndex ? 'is-active' : undefined}
            // Keep focus in the input so the list does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => choose(claim)}
          >
            {claim.text}
          </li>
        ))}
        {options.length === 0 && (
          <li role="presentation" className="muted small">
            No claim matches “{query}”.
          </li>
        )}
      </ul>
    </div>
  );
}
