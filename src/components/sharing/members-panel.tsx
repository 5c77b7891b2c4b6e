'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { MemberView } from '@/server/domain/members/list-members';
import { useTRPC } from '@/trpc/client';
import { ROLE_LABEL } from '@/shared/roles';
import { SHARE_ROLES, type TShareRole } from '@/shared/schemas/share';
import { formText } from '@/components/form-text';
import { AccessRequests } from './access-requests';
import { useActionFeedback } from '@/components/ui/use-action-feedback';
import { FormError, FormNote } from '@/components/ui/form-messages';
import { LabelledOptions, SubmitButton } from '@/components/ui/form-controls';

interface Props {
  mapId: string;
  /** Only the owner manages members; others see the list. */
  canManage: boolean;
}

export function MembersPanel({ mapId, canManage }: Props) {
  const trpc = useTRPC();
  const members = useQuery(trpc.member.list.queryOptions({ mapId }));
  const {
    error,
    notice,
    setNotice,
    mutationOptions: options,
  } = useActionFeedback([trpc.member.list.queryKey({ mapId }), trpc.share.list.queryKey({ mapId }), trpc.map.get.queryKey({ mapId })]);
  const invite = useMutation(trpc.member.invite.mutationOptions(options));
  const setRole = useMutation(trpc.member.setRole.mutationOptions(options));
  const remove = useMutation(trpc.member.remove.mutationOptions(options));
  const transfer = useMutation(trpc.member.transferOwnership.mutationOptions(options));
  const setModerator = useMutation(trpc.member.setModerator.mutationOptions(options));

  async function submitInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      const result = await invite.mutateAsync({ mapId, email: formText(form, 'email'), role: formText(form, 'role') as TShareRole });
      setNotice(`${result.displayName} was added as ${ROLE_LABEL[result.role].toLowerCase()}.`);
      formElement.reset();
    } catch {
      // Shown through onError.
    }
  }

  return (
    <div className="stack members-panel">
      {canManage && <AccessRequests mapId={mapId} />}
      {canManage && (
        <form className="member-invite" onSubmit={(event) => void submitInvite(event)} aria-label="Invite by email">
          <label className="field">
            Invite by email
            <input name="email" type="email" autoComplete="off" placeholder="name@school.example" required />
          </label>
          <label className="field">
            Role
            <select name="role" defaultValue="editor">
              <LabelledOptions values={SHARE_ROLES} labels={ROLE_LABEL} />
            </select>
          </label>
          <SubmitButton isPending={invite.isPending} label="Invite" pendingLabel="Inviting…" className="btn" />
        </form>
      )}
      <FormError message={error} />
      <FormNote message={notice} />
      {members.isPending ? (
        <p className="muted">Loading members…</p>
      ) : members.error ? (
        <FormError message={members.error.message} />
      ) : (
        <>
          {members.data.isAnonymous && (
            <p className="small muted">{canManage ? 'Anonymous mode: only you see these names.' : 'Anonymous mode: names are hidden.'}</p>
          )}
          <ul className="stack-list member-list" aria-label="Members">
            {members.data.members.map((member) => (
              <MemberRow
                key={member.memberId}
                member={member}
                canManage={canManage}
                isBusy={setRole.isPending || remove.isPending || transfer.isPending || setModerator.isPending}
                onRole={(role) => setRole.mutate({ memberId: member.memberId, role })}
                onModerator={(isModerator) => setModerator.mutate({ memberId: member.memberId, isModerator })}
                onRemove={() => remove.mutate({ memberId: member.memberId })}
                onTransfer={() => transfer.mutate({ memberId: member.memberId })}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface RowProps {
  member: MemberView;
  canManage: boolean;
  isBusy: boolean;
  onRole: (role: TShareRole) => void;
  onModerator: (isModerator: boolean) => void;
  onRemove: () => void;
  onTransfer: () => void;
}

function MemberRow({ member, canManage, isBusy, onRole, onModerator, onRemove, onTransfer }: RowProps) {
  const [confirming, setConfirming] = useState<'remove' | 'transfer' | null>(null);
  const name = member.displayName ?? 'Anonymous member';
  const isEditable = canManage && member.role !== 'owner';
  return (
    <li className="member-row" aria-label={name}>
      <span className="member-name">
        {name}
        {member.isYou && <span className="badge">you</span>}
        {member.isGuest && <span className="badge">guest</span>}
      </span>
      {isEditable ? (
        <select
          aria-label={`Role of ${name}`}
          value={member.role}
          disabled={isBusy}
          onChange={(event) => onRole(event.target.value as TShareRole)}
        >
          <LabelledOptions values={SHARE_ROLES} labels={ROLE_LABEL} />
        </select>
      ) : (
        <span className={`badge role-badge role-${member.role}`}>{ROLE_LABEL[member.role]}</span>
      )}
      {isEditable && member.role === 'editor' ? (
        <label className="choice small" title="A moderator reviews what others propose when new claims need approval.">
          <input type="checkbox" checked={member.isModerator} disabled={isBusy} onChange={(event) => onModerator(event.target.checked)} />
          Moderator
        </label>
      ) : (
        member.isModerator && member.role === 'editor' && <span className="badge">moderator</span>
      )}
      {isEditable &&
        (confirming ? (
          <span className="row member-confirm">
            <span className="small">
              {confirming === 'remove'
                ? `Remove ${name}? They lose access at once; what they wrote stays.`
                : `Make ${name} the owner? You become an editor and can no longer manage the map.`}
            </span>
            <button
              type="button"
              className={`btn btn-small ${confirming === 'remove' ? 'btn-danger' : 'btn-primary'}`}
              disabled={isBusy}
              onClick={() => {
                setConfirming(null);
                if (confirming === 'remove') onRemove();
                else onTransfer();
              }}
            >
              {confirming === 'remove' ? 'Remove' : 'Transfer ownership'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <span className="row">
            <button
              type="button"
              className="btn btn-small btn-danger"
              onClick={() => setConfirming('remove')}
              aria-label={`Remove ${name}`}
            >
              Remove
            </button>
            {!member.isGuest && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setConfirming('transfer')}
                aria-label={`Make ${name} the owner`}
              >
                Make owner
              </button>
            )}
          </span>
        ))}
    </li>
  );
}
