'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { CLAIM_TEXT_MAX } from '@/shared/schemas/claim';

interface Props {
  initialText: string;
  label: string;
  placeholder?: string;
  onSave: (text: string) => void;
  onCancel: () => void;
  /** Extra classes; the editor always carries `nodrag nokey nowheel` so React Flow leaves it alone. */
  className?: string;
}

/**
 * Claim text editor used in graph nodes and outline rows: Enter saves, Shift+Enter adds a line,
 * Esc cancels; leaving the field saves a changed text (or cancels an empty one).
 */
export function InlineEditor({ initialText, label, placeholder, onSave, onCancel, className }: Props) {
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const isDone = useRef(false);
  const errorId = useId();
  const hintId = useId();

  useEffect(() => {
    const focus = () => {
      const field = ref.current;
      if (!field || document.activeElement === field) return;
      field.focus({ preventScroll: true });
      field.setSelectionRange(field.value.length, field.value.length);
    };
    focus();
    // A canvas node may become focusable only after React Flow has positioned it.
    const frame = requestAnimationFrame(focus);
    return () => cancelAnimationFrame(frame);
  }, []);

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.style.height = 'auto';
    field.style.height = `${Math.min(field.scrollHeight, 240)}px`;
  }, [text]);

  const finish = (save: boolean) => {
    if (isDone.current) return;
    const trimmed = text.trim();
    if (save) {
      if (!trimmed) {
        setError('A claim needs some text.');
        return;
      }
      isDone.current = true;
      onSave(trimmed);
    } else {
      isDone.current = true;
      onCancel();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  };

  return (
    <div className={`inline-editor ${className ?? ''}`}>
      <textarea
        ref={ref}
        className="nodrag nokey nowheel"
        aria-label={label}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        aria-invalid={error ? true : undefined}
        placeholder={placeholder}
        value={text}
        maxLength={CLAIM_TEXT_MAX}
        rows={2}
        onChange={(event) => {
          setText(event.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (isDone.current) return;
          const trimmed = text.trim();
          if (trimmed && trimmed !== initialText.trim()) finish(true);
          else finish(false);
        }}
      />
      {error && (
        <p className="inline-editor-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <p className="inline-editor-hint" id={hintId}>
        <kbd>Enter</kbd> save · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line · <kbd>Esc</kbd> cancel
        {text.length > CLAIM_TEXT_MAX - 100 && ` · ${CLAIM_TEXT_MAX - text.length} left`}
      </p>
    </div>
  );
}
