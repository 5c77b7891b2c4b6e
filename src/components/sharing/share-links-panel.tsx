'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SharingOverview } from '@/server/domain/sharing/list-share-links';
import type { ShareLinkView } from '@/server/domain/sharing/share-link-view';
import { errorMessage, useTRPC } from '@/trpc/client';
import { ROLE_LABEL } from '@/shared/roles';
import { formatJoinCode, SHARE_ROLES, type TShareRole } from '@/shared/schemas/share';
import { formText } from '@/components/form-text';
import { CopyButton } from './copy-button';
import { PresentMode } from './present-mode';
import { QrCode } from './qr-code';
import { shareUrl, useOrigin } from './use-origin';
import { useActionFeedback } from '@/components/ui/use-action-feedback';
import { FormError, FormNote } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

const EXPIRY_CHOICES = [
  { value: '', label: 'Never' },
  { value: '1', label: 'In 1 hour' },
  { value: '24', label: 'In 1 day' },
  { value: '168', label: 'In 1 week' },
  { value: '720', label: 'In 30 days' },
] as const;

export const ROLE_HELP: Record<TShareRole, string> = {
  editor: 'can add and edit claims, links, sources and evidence',
  voter: 'can read the map and vote on claims',
  viewer: 'can read the map',
};

const STATUS_LABEL: Record<ShareLinkView['status'], string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  used_up: 'Use limit reached',
  paused: 'Paused (map is private)',
};

interface Props {
  mapId: string;
  overview: SharingOverview;
}

export function ShareLinksPanel({ mapId, overview }: Props) {
  const trpc = useTRPC();
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [presenting, setPresenting] = useState<ShareLinkView | null>(null);
  const { error, setError, notice, setNotice, refresh } = useActionFeedback([
    trpc.share.list.queryKey({ mapId }),
    trpc.map.get.queryKey({ mapId }),
  ]);
  const create = useMutation(trpc.share.create.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.share.revoke.mutationOptions({ onSettled: refresh }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const form = new FormData(event.currentTarget);
    const role = formText(form, 'role') as TShareRole;
    const hours = Number(formText(form, 'expiry'));
    const maxUsesText = formText(form, 'maxUses').trim();
    const maxUses = maxUsesText ? Number(maxUsesText) : undefined;
    if (maxUses !== undefined && (!Number.isInteger(maxUses) || maxUses < 1)) {
      setError('A use limit is a whole number of at least 1, or empty for no limit.');
      return;
    }
    try {
      const result = await create.mutateAsync({
        mapId,
        role,
        maxUses,
        expiresAt: hours ? new Date(Date.now() + hours * 60 * 60 * 1000) : undefined,
      });
      setExpandedId(result.link.id);
      if (result.visibilityChanged) setNotice('The map was private; it is now open to people with a share link.');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <div className="stack share-links">
      <form className="share-create" onSubmit={(event) => void submit(event)} aria-label="New share link">
        <label className="field">
          Role
          <select name="role" defaultValue="voter">
            {SHARE_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]} – {ROLE_HELP[role]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Expires
          <select name="expiry" defaultValue="">
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Use limit
          <input name="maxUses" type="number" min={1} max={10000} inputMode="numeric" placeholder="No limit" />
        </label>
        <SubmitButton isPending={create.isPending} label="Create link" pendingLabel="Creating…" />
      </form>
      <FormError message={error} />
      <FormNote message={notice} />
      {overview.map.visibility === 'private' && overview.links.some((link) => link.status === 'paused') && (
        <p className="form-note">
          The map is private, so its links are paused. Change the visibility under Classroom controls to use them.
        </p>
      )}
      {overview.links.length === 0 ? (
        <p className="muted">No share links yet. Create one above: each link has its own role, QR code and join code.</p>
      ) : (
        <ul className="stack-list share-link-list" aria-label="Share links">
          {overview.links.map((link) => (
            <ShareLinkItem
              key={link.id}
              link={link}
              isExpanded={expandedId === link.id}
              onToggle={() => setExpandedId(expandedId === link.id ? null : link.id)}
              onPresent={() => setPresenting(link)}
              onRevoke={() => revoke.mutate({ id: link.id })}
              isRevoking={revoke.isPending && revoke.variables?.id === link.id}
            />
          ))}
        </ul>
      )}
      {revoke.error && <FormError message={revoke.error.message} />}
      {presenting && <PresentMode mapTitle={overview.map.title} link={presenting} onClose={() => setPresenting(null)} />}
    </div>
  );
}

interface ItemProps {
  link: ShareLinkView;
  isExpanded: boolean;
  isRevoking: boolean;
  onToggle: () => void;
  onPresent: () => void;
  onRevoke: () => void;
}

function ShareLinkItem({ link, isExpanded, isRevoking, onToggle, onPresent, onRevoke }: ItemProps) {
  const origin = useOrigin();
  const [isConfirmingRevoke, setIsConfirmingRevoke] = useState(false);
  const url = shareUrl(origin, link.token);
  const isActive = link.status === 'active';
  const label = `${ROLE_LABEL[link.role]} link ${formatJoinCode(link.code)}`;
  return (
    <li className={`share-link ${isActive ? '' : 'is-inactive'}`} aria-label={label}>
      <div className="share-link-head">
        <span className={`badge role-badge role-${link.role}`}>{ROLE_LABEL[link.role]}</span>
        <span className="share-code" title="Join code">
          {formatJoinCode(link.code)}
        </span>
        <span className={`badge status-${link.status}`}>{STATUS_LABEL[link.status]}</span>
        <span className="small muted">
          {link.useCount} joined
          {link.maxUses !== null && ` of ${link.maxUses}`}
          {link.expiresAt && ` · ${link.status === 'expired' ? 'expired' : 'expires'} ${link.expiresAt.toLocaleString()}`}
        </span>
      </div>
      {isActive && (
        <div className="share-link-url">
          <input
            type="text"
            readOnly
            value={url}
            aria-label={`Share link (${ROLE_LABEL[link.role].toLowerCase()})`}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={url} label="Copy link" />
          <CopyButton text={link.code} label="Copy code" />
        </div>
      )}
      <div className="row">
        {isActive && (
          <>
            <button type="button" className="btn btn-small" aria-expanded={isExpanded} onClick={onToggle}>
              {isExpanded ? 'Hide QR code' : 'Show QR code'}
            </button>
            <button type="button" className="btn btn-small" onClick={onPresent}>
              Present
            </button>
          </>
        )}
        {!link.revokedAt &&
          (isConfirmingRevoke ? (
            <>
              <span className="small">Nobody new can join through it. Members stay.</span>
              <button type="button" className="btn btn-small btn-danger" disabled={isRevoking} onClick={onRevoke}>
                {isRevoking ? 'Revoking…' : 'Revoke link'}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setIsConfirmingRevoke(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small btn-danger" onClick={() => setIsConfirmingRevoke(true)}>
              Revoke…
            </button>
          ))}
      </div>
      {isActive && isExpanded && (
        <div className="share-qr">
          <QrCode value={url} size={280} label={`QR code of the ${ROLE_LABEL[link.role].toLowerCase()} link`} />
          <p className="small muted">
            Or go to {origin.replace(/^https?:\/\//, '')}/join and type <strong>{formatJoinCode(link.code)}</strong>
          </p>
        </div>
      )}
    </li>
  );
}
