'use client';

import { useEffect, useRef } from 'react';
import { formatJoinCode } from '@/shared/schemas/share';
import { ROLE_LABEL, type MapRoleName } from '@/shared/roles';
import { QrCode } from './qr-code';
import { joinUrl, shareUrl, useOrigin } from './use-origin';

interface Props {
  mapTitle: string;
  /** The share link shown: its token (QR code and address), join code and the role it gives. */
  link: { token: string; code: string; role: MapRoleName };
  /** Live counts for the room: people on the map now, members joined, votes cast (null while loading). */
  live?: { here: number; joined: number | null; votes: number | null };
  onClose: () => void;
}

/**
 * For the projector: the QR code as large as the screen allows, the join code and the address.
 * Its own modal dialog, so Esc closes this view and leaves the share dialog open beneath it.
 */
export function PresentMode({ mapTitle, link, live, onClose }: Props) {
  const { token, code, role } = link;
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  const origin = useOrigin();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Full screen where the browser allows it; the dialog covers the window either way. Leaving
    // full screen (Esc, which the browser takes for itself) also ends the presentation.
    let wasFullscreen = false;
    const onFullscreenChange = () => {
      if (document.fullscreenElement === dialog) wasFullscreen = true;
      else if (wasFullscreen) onCloseRef.current();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    dialog.requestFullscreen?.().catch(() => {});
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      dialog.close();
    };
  }, []);

  const side = 'min(62vh, 80vw)';
  return (
    <dialog
      ref={ref}
      className="present-mode"
      aria-label={`Join ${mapTitle}`}
      onCancel={(event) => {
        // React passes a nested dialog's cancel up its component tree: keep it from the share dialog.
        event.preventDefault();
        event.stopPropagation();
        onCloseRef.current();
      }}
    >
      <div className="present-layout">
        <div className="present-head">
          <p className="present-title">{mapTitle}</p>
          <button type="button" className="btn present-close" onClick={() => onCloseRef.current()} autoFocus>
            Close presentation
          </button>
        </div>
        <div className="present-body">
          <div className="present-qr" style={{ width: side, height: side }}>
            <QrCode value={shareUrl(origin, token)} size={1024} label="QR code of the share link" />
          </div>
          <div className="present-instructions">
            <p>
              Scan the code, or go to <strong>{joinUrl(origin).replace(/^https?:\/\//, '')}</strong> and type
            </p>
            <p className="present-code" aria-label={`Join code ${[...code].join(' ')}`}>
              {formatJoinCode(code)}
            </p>
            <p className="muted">You join as {ROLE_LABEL[role].toLowerCase()}.</p>
            {live && (
              <p className="present-live" aria-live="polite" data-testid="present-live">
                <span>
                  <strong>{live.joined ?? '…'}</strong> joined
                </span>
                <span>
                  <strong>{live.here}</strong> here now
                </span>
                <span>
                  <strong>{live.votes ?? '…'}</strong> {live.votes === 1 ? 'vote' : 'votes'}
                </span>
              </p>
            )}
          </div>
        </div>
      </div>
    </dialog>
  );
}
