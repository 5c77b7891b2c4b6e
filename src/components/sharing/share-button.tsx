'use client';

import { useModalDialog } from '@/components/ui/use-modal-dialog';
import { useState } from 'react';
import { SharePanel } from './share-panel';

/**
 * Opens the share dialog (links, QR code, join code, members, classroom controls). The map
 * header mounts it for owners.
 */
export interface ShareButtonProps {
  mapId: string;
  mapTitle: string;
}

export function ShareButton({ mapId, mapTitle }: ShareButtonProps) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small btn-primary" aria-haspopup="dialog" onClick={() => setIsOpen(true)}>
        Share
      </button>
      {isOpen && <ShareDialog mapId={mapId} mapTitle={mapTitle} onClose={() => setIsOpen(false)} />}
    </>
  );
}

interface DialogProps extends ShareButtonProps {
  onClose: () => void;
}

/**
 * A native modal <dialog>: the page behind it is inert, so focus stays inside; Esc closes it and
 * focus returns to the Share button.
 */
function ShareDialog({ mapId, mapTitle, onClose }: DialogProps) {
  const { ref, titleId, onCloseRef, closeOnCancel } = useModalDialog(onClose);

  return (
    <dialog
      ref={ref}
      className="share-dialog"
      aria-labelledby={titleId}
      // Only Esc on this dialog: a nested one (the presentation) handles its own.
      onCancel={closeOnCancel((event) => event.target === event.currentTarget)}
      onMouseDown={(event) => {
        if (event.target === ref.current) onCloseRef.current();
      }}
    >
      <div className="share-dialog-body">
        <div className="share-dialog-head">
          <h2 id={titleId}>Share “{mapTitle}”</h2>
          <button type="button" className="btn btn-small" onClick={() => onCloseRef.current()} aria-label="Close sharing">
            ✕
          </button>
        </div>
        <SharePanel mapId={mapId} />
      </div>
    </dialog>
  );
}
