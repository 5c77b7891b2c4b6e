import type { ReactNode } from 'react';

interface MessageProps {
  /** Nothing renders without a message, so `<FormError message={error} />` replaces `{error && …}`. */
  message: ReactNode;
  className?: string;
  id?: string;
}

/** A refusal or failure, read out at once by screen readers (role="alert"). */
export function FormError({ className = 'form-error', ...props }: MessageProps) {
  return announcement('alert', { className, ...props });
}

/** A confirmation or progress note, read out when the reader is idle (role="status"). */
export function FormNote({ className = 'form-note', ...props }: MessageProps) {
  return announcement('status', { className, ...props });
}

function announcement(role: 'alert' | 'status', { message, className, id }: MessageProps) {
  if (!message) return null;
  return (
    <p className={className} role={role} id={id}>
      {message}
    </p>
  );
}
