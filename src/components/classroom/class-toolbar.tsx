'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { PresentMode } from '@/components/sharing/present-mode';
import { errorMessage, useTRPC } from '@/trpc/client';
import { useClassStatus } from './use-class-status';

interface Props {
  map: MapView;
  isClassOpen: boolean;
  onToggleClass: () => void;
  /** People on the map now, including the owner. */
  hereCount: number;
  notify: (message: string, kind?: 'info' | 'error') => void;
}

/**
 * The owner's one-click classroom controls in the map toolbar: the Class panel, Reveal results,
 * Lock, Anonymous and Present (which reuses the newest working share link, or makes a voter link).
 */
export function ClassToolbar({ map, isClassOpen, onToggleClass, hereCount, notify }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mapId = map.map.id;
  const [chosen, setChosen] = useState<{ isLocked?: boolean; isAnonymous?: boolean }>({});
  const [present, setPresent] = useState<{ token: string; code: string; role: 'editor' | 'voter' | 'viewer' } | null>(null);
  const presentButton = useRef<HTMLButtonElement>(null);
  const status = useClassStatus(mapId, present !== null);
  // People asking to be let in: said once each, wherever the owner is on the map.
  const requests = useQuery({ ...trpc.member.listRequests.queryOptions({ mapId }), refetchInterval: 8000 });
  const announced = useRef(new Set<string>());
  useEffect(() => {
    for (const request of requests.data ?? []) {
      if (announced.current.has(request.id)) continue;
      announced.current.add(request.id);
      notify(`${request.displayName} asks to join this map: let them in under Share → Members.`);
    }
  }, [requests.data, notify]);
  const refreshMap = () => queryClient.invalidateQueries({ queryKey: trpc.map.get.queryKey({ mapId }) });

  const update = useMutation(
    trpc.map.update.mutationOptions({
      onError: (caught) => notify(`The setting was not changed: ${errorMessage(caught)}`, 'error'),
      onSettled: async () => {
        await refreshMap();
        setChosen({});
      },
    }),
  );
  const reveal = useMutation(
    trpc.map.revealResults.mutationOptions({
      onSuccess: () => notify('Results are now visible to everyone.'),
      onError: (caught) => notify(`Results were not revealed: ${errorMessage(caught)}`, 'error'),
      onSettled: refreshMap,
    }),
  );
  const createLink = useMutation(trpc.share.create.mutationOptions());
  const [isPreparing, setIsPreparing] = useState(false);

  const isLocked = chosen.isLocked ?? map.map.isLocked;
  const isAnonymous = chosen.isAnonymous ?? map.map.isAnonymous;
  const toggle = (changes: { isLocked?: boolean; isAnonymous?: boolean }) => {
    setChosen((current) => ({ ...current, ...changes }));
    update.mutate({ mapId, ...changes });
  };

  async function startPresenting() {
    setIsPreparing(true);
    try {
      const overview = await queryClient.fetchQuery({ ...trpc.share.list.queryOptions({ mapId }), staleTime: 0 });
      const active = overview.links.filter((link) => link.status === 'active');
      let link = active.find((item) => item.role === 'voter') ?? active[0];
      if (!link) {
        link = (await createLink.mutateAsync({ mapId, role: 'voter' })).link;
        void queryClient.invalidateQueries({ queryKey: trpc.share.list.queryKey({ mapId }) });
      }
      if (link) setPresent({ token: link.token, code: link.code, role: link.role === 'owner' ? 'voter' : link.role });
    } catch (caught) {
      notify(`Could not start the presentation: ${errorMessage(caught)}`, 'error');
    } finally {
      setIsPreparing(false);
    }
  }

  const isRevealed = map.map.resultsRevealed || !map.map.isBlindVoting;
  return (
    <div className="toolbar-group class-toolbar" role="group" aria-label="Class controls">
      <button type="button" className="btn btn-small" aria-pressed={isClassOpen} onClick={onToggleClass}>
        Class
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={isRevealed}
        disabled={isRevealed || reveal.isPending}
        title={isRevealed ? 'Everyone sees how others voted' : 'Show everyone how others voted (blind voting ends; cannot be undone)'}
        onClick={() => reveal.mutate({ mapId })}
      >
        {isRevealed ? 'Results shown' : reveal.isPending ? 'Revealing…' : 'Reveal results'}
      </button>
      {[
        {
          setting: 'isLocked',
          isOn: isLocked,
          label: isLocked ? 'Locked' : 'Lock',
          title: 'Read-only for everyone but you: no edits and no votes',
        },
        { setting: 'isAnonymous', isOn: isAnonymous, label: 'Anonymous', title: 'Hide authors and voters from everyone but you' },
      ].map(({ setting, isOn, label, title }) => (
        <button
          key={setting}
          type="button"
          role="switch"
          className="btn btn-small"
          aria-checked={isOn}
          title={title}
          onClick={() => toggle({ [setting]: !isOn })}
        >
          {label}
        </button>
      ))}
      <button ref={presentButton} type="button" className="btn btn-small" disabled={isPreparing} onClick={() => void startPresenting()}>
        {isPreparing ? 'Preparing…' : 'Present'}
      </button>
      {present && (
        <PresentMode
          mapTitle={map.map.title}
          link={present}
          live={{ here: hereCount, joined: status.data?.members.length ?? null, votes: status.data?.totalVotes ?? null }}
          onClose={() => {
            setPresent(null);
            requestAnimationFrame(() => presentButton.current?.focus());
          }}
        />
      )}
    </div>
  );
}
