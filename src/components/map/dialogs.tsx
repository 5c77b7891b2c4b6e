'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CLAIM_TEXT_MAX } from '@/shared/schemas/claim';
import { excerpt } from './map-index';
import { Modal } from './modal';
import type { Relation } from './outline';
import { CancelButton } from '@/components/ui/form-controls';

export function ConfirmDeleteDialog({
  text,
  childCount,
  onConfirm,
  onCancel,
}: {
  text: string;
  childCount: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal title="Delete this claim?" onClose={onCancel}>
      <p>
        <q>{excerpt(text, 160)}</q>
      </p>
      <p>
        {childCount === 1 ? 'One claim or passage argues' : `${childCount} claims and passages argue`} about it. They stay on the map, but
        lose their link to this claim. You can undo this.
      </p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          Delete claim
        </button>
      </div>
    </Modal>
  );
}

export interface ConflictState {
  claimId: string;
  mine: string;
  theirs: string;
  theirVersion: number;
}

/** Someone else saved this claim while we edited it: show both and let the user decide. */
export function ConflictDialog({
  conflict,
  onKeepMine,
  onTakeTheirs,
  onMerge,
}: {
  conflict: ConflictState;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMerge: (text: string) => void;
}) {
  const [isMerging, setIsMerging] = useState(false);
  const [merged, setMerged] = useState(conflict.mine);
  const mergeRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (isMerging) mergeRef.current?.focus();
  }, [isMerging]);
  const canSaveMerge = merged.trim().length > 0;

  return (
    <Modal title="Someone else changed this claim" onClose={onTakeTheirs} className="conflict-dialog">
      <p className="muted">They saved their version while you were editing. Choose which text to keep.</p>
      <div className="conflict-versions">
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">Their version (saved)</h3>
          <p className="conflict-text">{conflict.theirs}</p>
        </section>
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">Your version</h3>
          <p className="conflict-text">{conflict.mine}</p>
        </section>
      </div>
      {isMerging ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (canSaveMerge) onMerge(merged.trim());
          }}
        >
          <label className="field">
            Merged text
            <textarea
              ref={mergeRef}
              value={merged}
              rows={4}
              maxLength={CLAIM_TEXT_MAX}
              onChange={(event) => setMerged(event.target.value)}
              onKeyDown={(event: KeyboardEvent<HTMLTextAreaElement>) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canSaveMerge) {
                  event.preventDefault();
                  onMerge(merged.trim());
                }
              }}
            />
          </label>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setIsMerging(false)}>
              Back
            </button>
            <button type="submit" className="btn btn-primary" disabled={!canSaveMerge}>
              Save merged text
            </button>
          </div>
        </form>
      ) : (
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onTakeTheirs}>
            Take theirs
          </button>
          <button type="button" className="btn" onClick={() => setIsMerging(true)}>
            Merge by hand
          </button>
          <button type="button" className="btn btn-primary" onClick={onKeepMine} autoFocus>
            Keep mine
          </button>
        </div>
      )}
    </Modal>
  );
}

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['N'], what: 'New claim' },
  { keys: ['S'], what: 'Add a supporting claim to the selected claim' },
  { keys: ['O'], what: 'Add an opposing claim to the selected claim' },
  { keys: ['Enter'], what: 'Edit the selected claim (Enter saves, Shift+Enter new line, Esc cancels)' },
  { keys: ['Delete'], what: 'Delete the selected claim or link' },
  { keys: ['Shift', 'Enter'], what: 'Focus on the selected claim: it large, with its pros and cons (Enter when you cannot edit)' },
  { keys: ['Backspace'], what: 'Focus view: up to what the claim argues about (also Alt+↑); arrows move between arguments' },
  { keys: ['↑', '↓', '←', '→'], what: 'Graph: go to the parent, first child, or a sibling. Outline: move, expand, collapse' },
  { keys: ['Alt', '→'], what: 'Outline: make the claim argue about the sibling above it' },
  { keys: ['Alt', '←'], what: 'Outline: move the claim up a level' },
  { keys: ['Ctrl', 'Z'], what: 'Undo your last change' },
  { keys: ['Ctrl', 'Shift', 'Z'], what: 'Redo' },
  { keys: ['F'], what: 'Fit the whole map in view' },
  { keys: ['Esc'], what: 'Clear the selection' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.what}>
              <th scope="row">
                {shortcut.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && (shortcut.keys.length === 4 ? ' ' : '+')}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{shortcut.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** After a handle-to-handle drag: does the dragged node support or oppose the one it was dropped on? */
export function ConnectPopover({
  fromText,
  toText,
  x,
  y,
  onChoose,
  onCancel,
}: {
  fromText: string;
  toText: string;
  x: number;
  y: number;
  onChoose: (relation: Relation) => void;
  onCancel: () => void;
}) {
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    firstRef.current?.focus();
  }, []);
  const left = Math.max(12, Math.min(x - 150, window.innerWidth - 320));
  const top = Math.max(12, Math.min(y + 12, window.innerHeight - 200));
  return (
    <div
      className="connect-popover"
      role="dialog"
      aria-modal="false"
      aria-label="Choose how these claims are related"
      style={{ left, top }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        } else if (event.key === 's' || event.key === 'o') {
          event.preventDefault();
          event.stopPropagation();
          onChoose(event.key === 's' ? 'support' : 'oppose');
        }
      }}
    >
      <p className="small">
        Does <q>{excerpt(fromText, 60)}</q> support or oppose <q>{excerpt(toText, 60)}</q>?
      </p>
      <div className="row">
        <button ref={firstRef} type="button" className="btn btn-small support-button" onClick={() => onChoose('support')}>
          + Supports
        </button>
        <button type="button" className="btn btn-small oppose-button" onClick={() => onChoose('oppose')}>
          − Opposes
        </button>
        <CancelButton onClick={onCancel} className="btn btn-small" />
      </div>
    </div>
  );
}
