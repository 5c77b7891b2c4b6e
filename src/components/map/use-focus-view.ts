'use client';

import { useCallback, useEffect, useState } from 'react';

/**
 * The focus view's claim and its place in the URL (`?focus={claimId}`), so a teacher can share
 * "look at this argument". On screens narrower than 768 px the focus view is where a map opens.
 */
export function useFocusView(initialFocusId: string | null, isActive: boolean, setView: (view: 'focus') => void) {
  const [focusId, setFocusId] = useState<string | null>(initialFocusId);

  useEffect(() => {
    if (initialFocusId) return;
    if (window.matchMedia('(max-width: 767px)').matches) setView('focus');
  }, [initialFocusId, setView]);

  // The URL follows the view: the focused claim while focusing, nothing otherwise.
  useEffect(() => {
    const url = new URL(window.location.href);
    const wanted = isActive && focusId ? focusId : null;
    if (url.searchParams.get('focus') === wanted) return;
    if (wanted) url.searchParams.set('focus', wanted);
    else url.searchParams.delete('focus');
    window.history.replaceState(window.history.state, '', url);
  }, [focusId, isActive]);

  const open = useCallback(
    (claimId: string | null) => {
      setFocusId(claimId);
      setView('focus');
    },
    [setView],
  );
  return { focusId, open };
}
