'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/client';
import { useActionFeedback } from '@/components/ui/use-action-feedback';
import { ROLE_LABEL } from '@/shared/roles';
import { SHARE_ROLES, type TShareRole } from '@/shared/schemas/share';
import { FormError, FormNote } from '@/components/ui/form-messages';
import { LabelledOptions } from '@/components/ui/form-controls';

/** The owner's list of people asking to be let in; checked every few seconds while it is open. */
export function AccessRequests({ mapId }: { mapId: string }) {
  const trpc = useTRPC();
  const requests = useQuery({ ...trpc.member.listRequests.queryOptions({ mapId }), refetchInterval: 4000 });
  const [roles, setRoles] = useState<Record<string, TShareRole>>({});
  const { error, notice, setNotice, mutationOptions } = useActionFeedback([
    trpc.member.listRequests.queryKey({ mapId }),
    trpc.member.list.queryKey({ mapId }),
  ]);
  const approve = useMutation(trpc.member.approveRequest.mutationOptions(mutationOptions));
  const decline = useMutation(trpc.member.declineRequest.mutationOptions(mutationOptions));

  const list = requests.data ?? [];
  if (list.length === 0 && !error && !notice) return null;
  return (
    <section className="access-requests control-group" aria-labelledby="access-requests-title">
      <h3 id="access-requests-title" className="small">
        Asking to join ({list.length})
      </h3>
      <ul className="stack" aria-label="Access requests">
        {list.map((request) => {
          const role = roles[request.id] ?? 'voter';
          return (
            <li key={request.id} className="member-row" aria-label={request.displayName}>
              <span className="member-name">
                {request.displayName}
                {request.isGuest && <span className="badge">guest</span>}
              </span>
              <label className="small">
                <span className="sr-only">Role for {request.displayName}</span>
                <select
                  value={role}
                  onChange={(event) => setRoles((current) => ({ ...current, [request.id]: event.target.value as TShareRole }))}
                >
                  <LabelledOptions values={SHARE_ROLES} labels={ROLE_LABEL} />
                </select>
              </label>
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={approve.isPending}
                onClick={() =>
                  approve.mutate(
                    { requestId: request.id, role },
                    { onSuccess: () => setNotice(`${request.displayName} can now open the map as ${ROLE_LABEL[role].toLowerCase()}.`) },
                  )
                }
              >
                Let in
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={decline.isPending}
                onClick={() => decline.mutate({ requestId: request.id })}
              >
                Decline
              </button>
            </li>
          );
        })}
      </ul>
      <FormError message={error} />
      <FormNote message={notice} className="small" />
    </section>
  );
}
