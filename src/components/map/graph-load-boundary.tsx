'use client';

import { Component, useSyncExternalStore, type ReactNode } from 'react';

/**
 * Contains a failure to load the graph's code (its chunk arrives after the page; a connection that drops
 * in between makes the import fail for good in this page). Without it the whole page gave way to the
 * framework's "This page couldn't load", taking the user's unsent edits off screen; with it the rest of the
 * workspace stays, and a reload — offered once the browser is online again — brings the canvas back.
 */
export class GraphLoadBoundary extends Component<{ children: ReactNode }, { hasFailed: boolean }> {
  state = { hasFailed: false };

  static getDerivedStateFromError(): { hasFailed: boolean } {
    return { hasFailed: true };
  }

  render() {
    return this.state.hasFailed ? <GraphLoadFailed /> : this.props.children;
  }
}

const subscribeToOnline = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

function GraphLoadFailed() {
  const isOnline = useSyncExternalStore(
    subscribeToOnline,
    () => navigator.onLine,
    () => true,
  );
  return (
    <div className="graph-load-failed" role="alert">
      <p>
        <strong>The map canvas did not load.</strong>{' '}
        {isOnline ? 'Reload to try again.' : 'You are offline: the Outline view still works, and your changes are kept on this device.'}
      </p>
      <button type="button" className="btn btn-small" disabled={!isOnline} onClick={() => window.location.reload()}>
        {isOnline ? 'Reload' : 'Reload (waiting for the connection)'}
      </button>
    </div>
  );
}
