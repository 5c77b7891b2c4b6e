import type { PeerMark } from './flow-elements';

/** Who else is on a node, one coloured chip each (✎ while they edit it); `isInline` sets them beside text, as the outline does. */
export function PeerChips({ peers, isInline = false }: { peers: readonly PeerMark[]; isInline?: boolean }) {
  if (peers.length === 0) return null;
  return (
    <div
      className={isInline ? 'peer-chips inline' : 'peer-chips'}
      aria-label={`Also here: ${peers.map((peer) => `${peer.name}${peer.isEditing ? ' (editing)' : ''}`).join(', ')}`}
    >
      {peers.map((peer) => (
        <span key={peer.userId} className="peer-chip" style={{ background: peer.color }}>
          {peer.name}
          {peer.isEditing && ' ✎'}
        </span>
      ))}
    </div>
  );
}
