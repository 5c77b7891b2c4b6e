'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

const DURATION = { info: 5000, error: 8000, withAction: 10000 };

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback((toast: Omit<Toast, 'id'>) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-2), { ...toast, id }]);
    return id;
  }, []);
  return { toasts, show, dismiss };
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), toast.action ? DURATION.withAction : DURATION[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div className={`toast ${toast.kind}`}>
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="btn btn-small"
          aria-label={`${toast.action.label}: ${toast.message}`}
          onClick={() => {
            toast.action!.run();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/** Status messages in a polite live region that always exists (so it is announced); each error is an alert. */
export function ToastRegion({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="toast-region">
      <div aria-live="polite">
        {toasts
          .filter((toast) => toast.kind === 'info')
          .map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={onDismiss} />
          ))}
      </div>
      {toasts
        .filter((toast) => toast.kind === 'error')
        .map((toast) => (
          <div key={toast.id} role="alert">
            <ToastItem toast={toast} onDismiss={onDismiss} />
          </div>
        ))}
    </div>
  );
}
