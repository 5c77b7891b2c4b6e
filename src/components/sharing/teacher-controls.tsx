'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { SharingOverview } from '@/server/domain/sharing/list-share-links';
import { RevealResultsButton } from '@/components/votes/reveal-results-button';
import { errorMessage, useTRPC } from '@/trpc/client';
import type { TUpdateMapInput } from '@/shared/schemas/map';
import { FormError } from '@/components/ui/form-messages';
import { ChoiceText } from '@/components/ui/form-controls';

const VISIBILITY_CHOICES = [
  { value: 'private', label: 'Private', help: 'Only members. Share links are paused.' },
  { value: 'link', label: 'Link', help: 'Members, and anyone who joins with a share link or code.' },
  { value: 'public', label: 'Public', help: 'Anyone can read it and it is listed on Explore; joining to do more still needs a link.' },
] as const;

/** The switches the owner flips while the class works, in the order they are shown. */
const CLASS_SWITCHES = [
  {
    setting: 'isLocked',
    label: 'Lock the map',
    help: 'Read-only for everyone but you: no edits and no votes until you unlock it.',
  },
  {
    setting: 'isAnonymous',
    label: 'Anonymous mode',
    help: 'Authors and voters are hidden from everyone but you, on screen, in the API and in live updates.',
  },
  {
    setting: 'isBlindVoting',
    label: 'Blind voting',
    help: 'Members see how others voted only after voting themselves, or once you reveal the results.',
  },
  {
    setting: 'isCommentingRestricted',
    label: 'Only editors comment',
    help: 'Voters can still read comments but not write them; editors and you can.',
  },
  {
    setting: 'requireApproval',
    label: 'New claims need approval',
    help: 'What students add waits in your Review queue; only its author and moderators see it until you approve it.',
  },
] as const;

interface Props {
  mapId: string;
  overview: SharingOverview;
}

export function TeacherControls({ mapId, overview }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const visibilityName = useId();
  // What the owner just chose, shown at once (a switch moves when pressed) until the server answers.
  const [chosen, setChosen] = useState<Omit<TUpdateMapInput, 'mapId'>>({});
  // The commenting rule is read where comments are: the map's own thread says whether it is restricted.
  const mapTarget = { kind: 'map' as const, id: mapId };
  const mapThread = useQuery(trpc.comment.list.queryOptions({ target: mapTarget }));
  const update = useMutation(
    trpc.map.update.mutationOptions({
      onMutate: () => setError(null),
      onError: (caught) => setError(errorMessage(caught)),
      onSettled: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.share.list.queryKey({ mapId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.map.get.queryKey({ mapId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.comment.list.queryKey({ target: mapTarget }) }),
        ]);
        setChosen({});
      },
    }),
  );
  const change = (changes: Omit<TUpdateMapInput, 'mapId'>) => {
    setChosen((current) => ({ ...current, ...changes }));
    update.mutate({ mapId, ...changes });
  };
  const map = { ...overview.map, ...chosen };
  const settings = { ...map, isCommentingRestricted: map.isCommentingRestricted ?? mapThread.data?.isCommentingRestricted ?? false };

  return (
    <div className="stack teacher-controls">
      <fieldset className="control-group">
        <legend>While the class works</legend>
        {CLASS_SWITCHES.map(({ setting, label, help }) => (
          <Toggle key={setting} label={label} help={help} isOn={settings[setting]} onChange={(isOn) => change({ [setting]: isOn })} />
        ))}
        {map.isBlindVoting && (
          <div className="row">
            <RevealResultsButton mapId={mapId} />
            {map.resultsRevealed && <span className="small muted">Results are visible to everyone.</span>}
          </div>
        )}
      </fieldset>

      <fieldset className="control-group">
        <legend>Who can open the map</legend>
        {VISIBILITY_CHOICES.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={visibilityName}
              value={choice.value}
              checked={map.visibility === choice.value}
              onChange={() => change({ visibility: choice.value })}
            />
            <ChoiceText name={choice.label} help={choice.help} />
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <ParticipationExport mapId={mapId} isAnonymous={map.isAnonymous} />
    </div>
  );
}

function Toggle({ label, help, isOn, onChange }: { label: string; help: string; isOn: boolean; onChange: (isOn: boolean) => void }) {
  const helpId = useId();
  return (
    <label className="choice toggle">
      <input type="checkbox" role="switch" checked={isOn} aria-describedby={helpId} onChange={(event) => onChange(event.target.checked)} />
      <span>
        <strong>{label}</strong>{' '}
        <span id={helpId} className="small muted">
          {help}
        </span>
      </span>
    </label>
  );
}

function ParticipationExport({ mapId, isAnonymous }: { mapId: string; isAnonymous: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [omitNames, setOmitNames] = useState(false);
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'error'; message: string } | { kind: 'done'; rows: number }>({
    kind: 'idle',
  });

  async function download() {
    setState({ kind: 'busy' });
    try {
      const report = await queryClient.fetchQuery({ ...trpc.map.participation.queryOptions({ mapId, omitNames }), staleTime: 0 });
      // A byte-order mark lets spreadsheet programs read the names as UTF-8.
      const blob = new Blob(['\uFEFF', report.csv], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = report.filename;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: 'done', rows: report.rows.length });
    } catch (caught) {
      setState({ kind: 'error', message: errorMessage(caught) });
    }
  }

  return (
    <fieldset className="control-group">
      <legend>Participation</legend>
      <p className="small muted">
        One row per member: claims written, evidence added, votes cast.
        {isAnonymous && ' Anonymous mode hides names from the class, not from you: your export includes them unless you choose pseudonyms.'}
      </p>
      <label className="choice">
        <input type="checkbox" checked={omitNames} onChange={(event) => setOmitNames(event.target.checked)} />
        <span>Use pseudonyms (Participant 1, 2, …) instead of names</span>
      </label>
      <div className="row">
        <button type="button" className="btn" disabled={state.kind === 'busy'} onClick={() => void download()}>
          {state.kind === 'busy' ? 'Preparing…' : 'Export participation (CSV)'}
        </button>
        <span role="status" className="small muted">
          {state.kind === 'done' && `Downloaded ${state.rows} ${state.rows === 1 ? 'row' : 'rows'}.`}
        </span>
      </div>
      {state.kind === 'error' && <FormError message={state.message} />}
    </fieldset>
  );
}
