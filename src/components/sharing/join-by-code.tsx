'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Actor } from '@/server/access/actor';
import type { SharePreview } from '@/server/domain/sharing/preview-share-link';
import { errorMessage, useTRPC } from '@/trpc/client';
import { formText } from '@/components/form-text';
import { isWellFormedJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '@/shared/schemas/share';
import { JoinCard } from './join-card';
import { FormError } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

interface Props {
  initialCode: string;
  viewer: Actor | null;
}

/** /join: type the six characters from the board (any case, spaces and dashes are fine). */
export function JoinByCode({ initialCode, viewer }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [found, setFound] = useState<{ code: string; preview: SharePreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLooking, setIsLooking] = useState(false);
  const lookedUpInitial = useRef(false);
  const codeRef = useRef<HTMLInputElement>(null);

  async function lookUp(raw: string) {
    setError(null);
    const code = normalizeJoinCode(raw);
    if (!isWellFormedJoinCode(code)) {
      setError(`A join code has ${JOIN_CODE_LENGTH} letters and digits, like K7Q-4MZ.`);
      return;
    }
    setIsLooking(true);
    try {
      const preview = await queryClient.fetchQuery({ ...trpc.share.preview.queryOptions({ code }), staleTime: 0, retry: false });
      if (preview.status === 'active') {
        setFound({ code, preview });
        window.history.replaceState(null, '', `/join?code=${code}`);
      } else {
        setError(preview.message);
        codeRef.current?.focus();
      }
    } catch (caught) {
      setError(errorMessage(caught));
      codeRef.current?.focus();
    } finally {
      setIsLooking(false);
    }
  }

  // Hydration does not always honour autoFocus: the code field takes focus explicitly.
  useEffect(() => {
    if (!initialCode) codeRef.current?.focus();
  }, [initialCode]);

  // Coming back from sign-in (/join?code=…): continue where the student was.
  useEffect(() => {
    if (initialCode && !lookedUpInitial.current) {
      lookedUpInitial.current = true;
      void lookUp(initialCode);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the code in the address
  }, [initialCode]);

  if (found?.preview.status === 'active') {
    return <JoinCard lookup={{ code: found.code }} preview={found.preview} viewer={viewer} returnPath={`/join?code=${found.code}`} />;
  }

  return (
    <div className="card stack join-card">
      <h1>Join with a code</h1>
      <form
        className="stack"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void lookUp(formText(new FormData(event.currentTarget), 'code'));
        }}
      >
        <label className="field">
          Join code
          <input
            ref={codeRef}
            name="code"
            type="text"
            className="join-code-input"
            defaultValue={initialCode}
            autoComplete="off"
            autoCapitalize="characters"
            enterKeyHint="go"
            spellCheck={false}
            maxLength={16}
            placeholder="K7Q-4MZ"
            autoFocus
            required
          />
        </label>
        <SubmitButton isPending={isLooking} label="Continue" pendingLabel="Looking…" />
      </form>
      <FormError message={error} />
      <p className="small muted">Your teacher shows the code on the board, next to a QR code you can scan instead.</p>
    </div>
  );
}
