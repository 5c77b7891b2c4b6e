'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** This site's origin in the browser ('' during server rendering), for links people copy or scan. */
export function useOrigin(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => '',
  );
}

export const shareUrl = (origin: string, token: string) => `${origin}/s/${token}`;
export const joinUrl = (origin: string) => `${origin}/join`;
