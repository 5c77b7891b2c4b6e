'use client';

import { useModalDialog } from '@/components/ui/use-modal-dialog';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal on the native <dialog>: focus moves into it (to the `autoFocus` element, else the
 * first control), stays inside it, Esc closes it and focus returns where it was.
 */
export function Modal({ title, onClose, children, className }: Props) {
  const { ref, titleId, onCloseRef } = useModalDialog(onClose);

  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog element itself, outside its content box) closes it.
        if (event.target === ref.current) onCloseRef.current();
      }}
    >
      <div className="modal-body">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </dialog>
  );
}
