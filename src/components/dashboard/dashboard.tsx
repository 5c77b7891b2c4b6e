'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ROLE_LABEL } from '@/shared/roles';
import { errorMessage, useTRPC } from '@/trpc/client';
import { formText } from '@/components/form-text';
import { ImportMapButton } from '@/components/exchange/import-dialog';
import { MAP_TEMPLATES, type MapTemplateId } from '@/shared/map-templates';
import { FormError } from '@/components/ui/form-messages';
import { ChoiceText } from '@/components/ui/form-controls';

export function Dashboard({ displayName, isGuest }: { displayName: string; isGuest: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const maps = useQuery(trpc.map.list.queryOptions());
  const [isCreating, setIsCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onCreated = async (map: { id: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.map.list.queryKey() });
    router.push(`/maps/${map.id}`);
  };
  const fromTemplate = useMutation(
    trpc.map.createFromTemplate.mutationOptions({ onSuccess: onCreated, onError: (caught) => setError(errorMessage(caught)) }),
  );
  const duplicate = useMutation(
    trpc.map.duplicate.mutationOptions({ onSuccess: onCreated, onError: (caught) => setError(errorMessage(caught)) }),
  );
  const createMap = useMutation(
    trpc.map.create.mutationOptions({
      onSuccess: async (map) => {
        await queryClient.invalidateQueries({ queryKey: trpc.map.list.queryKey() });
        router.push(`/maps/${map.id}`);
      },
      onError: (caught) => setError(errorMessage(caught)),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const template = formText(form, 'template');
    const input = { title: formText(form, 'title'), description: formText(form, 'description') };
    if (template && template !== 'blank') fromTemplate.mutate({ ...input, templateId: template as MapTemplateId });
    else createMap.mutate(input);
  }

  const createForm = (
    <form className="card stack" onSubmit={submit} aria-label="Create a map">
      <h2>New argument map</h2>
      <label className="field">
        Thesis or question
        <input name="title" type="text" maxLength={200} required placeholder="e.g. Should homework be abolished?" autoFocus />
      </label>
      <label className="field">
        Description <span className="muted small">(optional)</span>
        <textarea name="description" rows={2} maxLength={2000} />
      </label>
      <fieldset className="control-group template-choice">
        <legend>Start from</legend>
        <label className="choice">
          <input type="radio" name="template" value="blank" defaultChecked />
          <ChoiceText name="A blank map" help="Just the question; add claims yourself." />
        </label>
        {MAP_TEMPLATES.map((template) => (
          <label key={template.id} className="choice">
            <input type="radio" name="template" value={template.id} />
            <ChoiceText name={template.name} help={template.description} />
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={createMap.isPending || fromTemplate.isPending}>
          {createMap.isPending || fromTemplate.isPending ? 'Creating…' : 'Create map'}
        </button>
        <button type="button" className="btn" onClick={() => setIsCreating(false)}>
          Cancel
        </button>
      </div>
    </form>
  );

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <h1>My maps</h1>
          <p className="muted">
            Signed in as {displayName}
            {isGuest && ' (guest)'}
          </p>
        </div>
        <div className="row">
          <ImportMapButton />
          {!isCreating && (
            <button type="button" className="btn btn-primary" onClick={() => setIsCreating(true)}>
              + New map
            </button>
          )}
        </div>
      </div>
      {isCreating && createForm}
      {error && !isCreating && <FormError message={error} />}
      {maps.isPending && <p className="muted">Loading your maps…</p>}
      {maps.isError && (
        <p className="form-error" role="alert">
          Could not load your maps: {errorMessage(maps.error)}
        </p>
      )}
      {maps.data && maps.data.length === 0 && !isCreating && (
        <div className="empty-state">
          <h2>No maps yet</h2>
          <p>Start with a question your class or team disagrees about, or look around the demo map first.</p>
          <div className="row" style={{ justifyContent: 'center' }}>
            <button type="button" className="btn btn-primary" onClick={() => setIsCreating(true)}>
              Create your first map
            </button>
            <Link href="/demo" className="btn">
              Open the demo
            </Link>
          </div>
        </div>
      )}
      {maps.data && maps.data.length > 0 && (
        <ul className="map-list" aria-label="Your maps">
          {maps.data.map((map) => (
            <li key={map.id} className="map-list-item">
              <Link href={`/maps/${map.id}`} className="card map-card">
                <strong>{map.title}</strong>
                <p className="small muted">
                  {map.claimCount} {map.claimCount === 1 ? 'claim' : 'claims'} · {ROLE_LABEL[map.role]} · {map.visibility}
                </p>
              </Link>
              {map.role === 'owner' && (
                <button
                  type="button"
                  className="btn btn-small map-duplicate"
                  disabled={duplicate.isPending}
                  aria-label={`Duplicate ${map.title}`}
                  title="A private copy for another class: claims, links, sources and evidence; no votes or members"
                  onClick={() => duplicate.mutate({ mapId: map.id })}
                >
                  Duplicate
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
