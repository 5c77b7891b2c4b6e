'use client';

import { useEffect, useId, useRef, type SyntheticEvent } from 'react';

/**
 * The shared half of every modal on the native <dialog>: it opens modally on mount (the page behind
 * becomes inert, so focus stays inside), closes on unmount, and gives focus back to whatever had
 * it. `onCloseRef` always holds the latest `onClose`, for event handlers that must not re-bind.
 */
export function useModalDialog(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);
  /** An onCancel handler (Esc): the browser's own close is stopped, and onClose runs when `canClose` allows. */
  const closeOnCancel =
    (canClose: (event: SyntheticEvent<HTMLDialogElement>) => boolean = () => true) =>
    (event: SyntheticEvent<HTMLDialogElement>) => {
      event.preventDefault();
      if (canClose(event)) onCloseRef.current();
    };
  return { ref, titleId, onCloseRef, closeOnCancel };
}
