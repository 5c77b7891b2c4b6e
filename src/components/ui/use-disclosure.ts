'use client';

import { useCallback, useId, useRef, useState } from 'react';

/**
 * A button that shows and hides a panel (a popover, a menu): whether it is open, the props that tie
 * the button to the panel for screen readers (`aria-expanded`, `aria-controls`), and `close`, which
 * can hand focus back to the button (after Escape).
 */
export function useDisclosure() {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(({ refocus = false } = {}) => {
    setIsOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);
  const buttonProps = { ref: buttonRef, type: 'button' as const, 'aria-expanded': isOpen, 'aria-controls': panelId };
  return { isOpen, setIsOpen, close, panelId, buttonProps };
}
