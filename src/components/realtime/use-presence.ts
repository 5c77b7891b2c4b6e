'use client';

/**
 * Who else is on the map and what they have selected or are editing (ephemeral, never stored).
 * Placeholder until the real-time issue lands; the map workspace already calls it.
 */
export interface Peer {
  userId: string;
  name: string;
  color: string;
  selectedNodeId: string | null;
  editingNodeId: string | null;
}

export interface Presence {
  peers: Peer[];
  setSelection: (nodeId: string | null) => void;
  setEditing: (nodeId: string | null) => void;
}

export function usePresence(_mapId: string, _enabled: boolean): Presence {
  return { peers: [], setSelection: () => {}, setEditing: () => {} };
}
