'use client';

import { useEffect, useRef } from 'react';
import type { Peer } from '@/components/realtime/use-presence';
import { useDisclosure } from '@/components/ui/use-disclosure';

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

interface Props {
  peers: Peer[];
  /** False for a visitor who is not signed in: they do not take part in presence. */
  isPresent: boolean;
  max?: number;
}

/** Who is on the map now (across instances): avatars and a count; a click lists everyone. */
export function PresenceBar({ peers, isPresent, max = 4 }: Props) {
  const { isOpen, setIsOpen, close, panelId: listId, buttonProps } = useDisclosure();
  const rootRef = useRef<HTMLDivElement>(null);
  const count = peers.length + (isPresent ? 1 : 0);

  useEffect(() => {
    if (!isOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close({ refocus: true });
    };
    document.addEventListener('pointerdown', onPointer);
    rootRef.current?.addEventListener('keydown', onKey);
    const root = rootRef.current;
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      root?.removeEventListener('keydown', onKey);
    };
  }, [isOpen, close]);

  if (count === 0) return null;
  const shown = peers.slice(0, max);
  return (
    <div className="presence-bar" ref={rootRef} data-testid="presence-bar">
      <button {...buttonProps} className="presence-button" onClick={() => setIsOpen((open) => !open)}>
        <span className="presence-faces" aria-hidden="true">
          {shown.map((peer) => (
            <span key={peer.userId} className="presence-face" style={{ boxShadow: `inset 0 0 0 3px ${peer.color}` }} title={peer.name}>
              {initialsOf(peer.name)}
            </span>
          ))}
        </span>
        <span className="presence-count">{count} here</span>
        <span className="sr-only">: people on this map now</span>
      </button>
      {isOpen && (
        <div className="presence-popover" id={listId}>
          <ul className="stack-list" aria-label="People on this map now">
            {isPresent && <li>You</li>}
            {peers.map((peer) => {
              const doing = peer.editingNodeId ? 'editing' : peer.selectedNodeId ? 'looking at a claim' : 'viewing';
              return (
                <li key={peer.userId}>
                  <span className="presence-dot" style={{ background: peer.color }} aria-hidden="true" />
                  {peer.name} <span className="muted small">· {doing}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
