'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MentionMember {
  userId: string;
  displayName: string;
}

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Members picked so far (ids); the server keeps those whose @name is still in the text. */
  onMention: (userId: string) => void;
  members: readonly MentionMember[];
  onSubmit: () => void;
  placeholder?: string;
  autoFocus?: boolean;
}

/** The @query being typed just before the caret, or null. */
export function mentionQueryAt(text: string, caret: number): string | null {
  const match = /(?:^|\s)@([^\s@][^@\n]{0,30})?$/.exec(text.slice(0, caret));
  return match ? (match[1] ?? '') : null;
}

/** A textarea with an @mention autocomplete over the map's members (a combobox with a listbox). */
export function MentionInput({ label, value, onChange, onMention, members, onSubmit, placeholder, autoFocus }: Props) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const matches =
    query === null ? [] : members.filter((member) => member.displayName.toLowerCase().startsWith(query.toLowerCase())).slice(0, 6);
  const isOpen = matches.length > 0;

  const update = (text: string, caret: number) => {
    onChange(text);
    setQuery(mentionQueryAt(text, caret));
    setActive(0);
  };

  const pick = (member: MentionMember) => {
    const element = ref.current;
    const caret = element?.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(/@[^@\n]*$/, `@${member.displayName} `);
    const next = before + value.slice(caret);
    onChange(next);
    onMention(member.userId);
    setQuery(null);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(before.length, before.length);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isOpen && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (isOpen && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      const member = matches[active];
      if (member) pick(member);
    } else if (isOpen && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="mention-input">
      <textarea
        ref={ref}
        className="comment-textarea nodrag nokey"
        aria-label={label}
        role="combobox"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen ? `${listId}-${active}` : undefined}
        value={value}
        placeholder={placeholder}
        rows={2}
        maxLength={2000}
        autoFocus={autoFocus}
        onChange={(event) => update(event.target.value, event.target.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {isOpen && (
        <ul id={listId} role="listbox" className="mention-list" aria-label="Members to mention">
          {matches.map((member, index) => (
            <li
              key={member.userId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(member);
              }}
            >
              @{member.displayName}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
