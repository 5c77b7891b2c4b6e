import type { ReactNode } from 'react';

interface MessageProps {
  /** Nothing renders without a message, so `<FormError message={error} />` replaces `{error && …}`. */
  message: ReactNode;
  className?: string;
  id?: string;
}

/** A refusal or failure, read out at once by screen readers (role="alert"). */
export function FormError({ message, className = 'form-error', id }: MessageProps) {
  if (!message) return null;
  return (
    <p className={className} role="alert" id={id}>
      {message}
    </p>
  );
}

/** A confirmation or progress note, read out when the reader is idle (role="status"). */
export function FormNote({ message, className = 'form-note', id }: MessageProps) {
  if (!message) return null;
  return (
    <p className={className} role="status" id={id}>
      {message}
    </p>
  );
}
