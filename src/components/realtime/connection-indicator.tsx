'use client';

import type { ConnectionState } from './use-map-sync';

const LABEL: Record<ConnectionState, string> = {
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — changes are kept and sent when back',
};

const COLOR: Record<ConnectionState, string> = {
  live: 'var(--support, #1f7a3d)',
  reconnecting: '#b7791f',
  offline: 'var(--oppose, #b3261e)',
};

/** A small status line for the map header: whether others' changes are arriving and ours are going out. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-state={state}
      style={{ display: 'inline-flex', alignItems: 'center', gap: '0.4rem', fontSize: '0.85rem', color: 'var(--muted, #5f5e58)' }}
    >
      <span
        aria-hidden="true"
        style={{
          width: 8,
          height: 8,
          borderRadius: '50%',
          background: COLOR[state],
          boxShadow: state === 'live' ? `0 0 0 3px color-mix(in srgb, ${COLOR[state]} 25%, transparent)` : 'none',
        }}
      />
      {LABEL[state]}
    </span>
  );
}
