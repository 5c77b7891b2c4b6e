'use client';

import type { Peer } from './use-presence';

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

interface Props {
  peers: Peer[];
  /** Avatars shown before "+N". */
  max?: number;
}

/** Who else is on the map now, as coloured initials; each avatar's title says what they are doing. */
export function PresenceAvatars({ peers, max = 5 }: Props) {
  if (peers.length === 0) return null;
  const shown = peers.slice(0, max);
  const hidden = peers.slice(max);
  return (
    <ul
      aria-label="People on this map now"
      data-testid="presence-avatars"
      style={{ display: 'inline-flex', listStyle: 'none', margin: 0, padding: 0, alignItems: 'center' }}
    >
      {shown.map((peer, index) => {
        const doing = peer.editingNodeId ? 'editing' : peer.selectedNodeId ? 'selecting a node' : 'viewing';
        return (
          <li
            key={peer.userId}
            title={`${peer.name} — ${doing}`}
            aria-label={`${peer.name}, ${doing}`}
            style={{
              width: 30,
              height: 30,
              borderRadius: '50%',
              background: peer.color,
              color: '#fff',
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontSize: '0.75rem',
              fontWeight: 700,
              border: '2px solid var(--surface, #fff)',
              marginLeft: index === 0 ? 0 : -8,
              position: 'relative',
              zIndex: shown.length - index,
            }}
          >
            <span aria-hidden="true">{initialsOf(peer.name)}</span>
          </li>
        );
      })}
      {hidden.length > 0 && (
        <li
          title={hidden.map((peer) => peer.name).join(', ')}
          aria-label={`and ${hidden.length} more: ${hidden.map((peer) => peer.name).join(', ')}`}
          style={{ marginLeft: 6, fontSize: '0.8rem', color: 'var(--muted, #5f5e58)' }}
        >
          +{hidden.length}
        </li>
      )}
    </ul>
  );
}
