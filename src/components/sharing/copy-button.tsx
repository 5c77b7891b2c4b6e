'use client';

import { useEffect, useState } from 'react';

interface Props {
  text: string;
  label: string;
  className?: string;
}

/** Copies `text`; says so for a moment (also to screen readers). */
export function CopyButton({ text, label, className }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className={className ?? 'btn btn-small'}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {label}
      <span className="copy-status" aria-live="polite">
        {state === 'copied' ? ' ✓ Copied' : state === 'failed' ? ' – select and copy it instead' : ''}
      </span>
    </button>
  );
}
