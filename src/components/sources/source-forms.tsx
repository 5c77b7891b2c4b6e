'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { titleFromFirstLine } from './source-title';
import type { AppClientError } from '@/trpc/client';
import { errorMessage, useTRPC } from '@/trpc/client';
import {
  formatByteSize,
  SOURCE_HTML_MAX_CHARS,
  SOURCE_TEXT_MAX_BYTES,
  sourceFileKind,
  utf8ByteLength,
  type TSourceFile,
} from '@/shared/schemas/source';
import { FormError } from '@/components/ui/form-messages';
import { SubmitButton } from '@/components/ui/form-controls';

export interface SourceMetadata {
  title: string;
  author: string;
  publisher: string;
  url: string;
  /** YYYY-MM-DD or ''. */
  publishedAt: string;
}

export const emptyMetadata: SourceMetadata = { title: '', author: '', publisher: '', url: '', publishedAt: '' };

export function toDateInput(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

/** Invalidates everything that shows sources: the library, readers, and the map (graph nodes, counts). */
export function useRefreshSources(mapId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.source.list.queryKey({ mapId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.source.get.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.map.get.queryKey({ mapId }) }),
    ]);
}

function MetadataFields({ value, onChange }: { value: SourceMetadata; onChange: (next: SourceMetadata) => void }) {
  const set = (key: keyof SourceMetadata) => (event: ChangeEvent<HTMLInputElement>) => onChange({ ...value, [key]: event.target.value });
  return (
    <>
      <label className="field">
        Title
        <input type="text" required maxLength={500} value={value.title} onChange={set('title')} />
      </label>
      <div className="source-form-grid">
        <label className="field">
          Author
          <input type="text" maxLength={500} value={value.author} onChange={set('author')} />
        </label>
        <label className="field">
          Publisher
          <input type="text" maxLength={500} value={value.publisher} onChange={set('publisher')} />
        </label>
        <label className="field">
          URL
          <input type="url" maxLength={2048} placeholder="https://" value={value.url} onChange={set('url')} />
        </label>
        <label className="field">
          Published
          <input type="date" value={value.publishedAt} onChange={set('publishedAt')} />
        </label>
      </div>
    </>
  );
}

/** A title from a file name: "internet-sovereignty_revisited.txt" → "Internet sovereignty revisited". */
function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return base ? base[0]!.toUpperCase() + base.slice(1) : fileName;
}

function htmlTitle(html: string): string | null {
  try {
    const title = new DOMParser().parseFromString(html, 'text/html').title.trim();
    return title || null;
  } catch {
    return null;
  }
}

interface AddProps {
  mapId: string;
  onCreated: (sourceId: string) => void;
  onOpenExisting: (sourceId: string) => void;
  onCancel: () => void;
}

/** Add a source by pasting its text or uploading a .txt, .md or .html file, with its metadata. */
export function AddSourceForm({ mapId, onCreated, onOpenExisting, onCancel }: AddProps) {
  const trpc = useTRPC();
  const refresh = useRefreshSources(mapId);
  const id = useId();
  const [metadata, setMetadata] = useState<SourceMetadata>(emptyMetadata);
  const [mode, setMode] = useState<'paste' | 'file'>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<TSourceFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [duplicateId, setDuplicateId] = useState<string | null>(null);

  const create = useMutation(
    trpc.source.create.mutationOptions({
      onSuccess: async ({ source }) => {
        await refresh();
        onCreated(source.id);
      },
      onError: (err: AppClientError) => {
        setError(errorMessage(err));
        const details = err.data?.details as { kind?: string; sourceId?: string } | null | undefined;
        setDuplicateId(details?.kind === 'duplicate-source' && details.sourceId ? details.sourceId : null);
      },
    }),
  );

  // The title follows the text's first line until the person types a title of their own.
  const autoTitle = useRef('');
  const onPasteText = (next: string) => {
    setText(next);
    const title = titleFromFirstLine(next);
    setMetadata((current) => {
      if (current.title.trim() !== '' && current.title !== autoTitle.current) return current;
      autoTitle.current = title;
      return { ...current, title };
    });
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    setError(null);
    setFile(null);
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const kind = sourceFileKind(chosen.name);
    if (!kind) {
      setError(`“${chosen.name}” is not a .txt, .md or .html file.`);
      return;
    }
    const limit = kind === 'html' ? SOURCE_HTML_MAX_CHARS : SOURCE_TEXT_MAX_BYTES;
    if (chosen.size > limit) {
      setError(
        `“${chosen.name}” is ${formatByteSize(chosen.size)}; ${kind === 'html' ? 'an HTML page' : 'a source'} can be at most ` +
          `${formatByteSize(limit)}.`,
      );
      return;
    }
    const content = await chosen.text();
    if (content.trim() === '') {
      setError(`“${chosen.name}” is empty.`);
      return;
    }
    setFile({ fileName: chosen.name, kind, content });
    if (!metadata.title.trim()) {
      setMetadata((current) => ({ ...current, title: (kind === 'html' && htmlTitle(content)) || titleFromFileName(chosen.name) }));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDuplicateId(null);
    if (mode === 'paste') {
      if (text.trim() === '') return setError('Paste the text of the source.');
      const bytes = utf8ByteLength(text);
      if (bytes > SOURCE_TEXT_MAX_BYTES) {
        return setError(`The text is ${formatByteSize(bytes)}; a source can be at most ${formatByteSize(SOURCE_TEXT_MAX_BYTES)}.`);
      }
    } else if (!file) return setError('Choose a .txt, .md or .html file to upload.');
    create.mutate({
      mapId,
      title: metadata.title,
      author: metadata.author,
      publisher: metadata.publisher,
      url: metadata.url,
      publishedAt: metadata.publishedAt,
      ...(mode === 'paste' ? { text } : { file: file! }),
    });
  };

  return (
    <form className="stack source-form" onSubmit={submit} aria-label="Add a source">
      <h3>Add a source</h3>
      <div role="radiogroup" aria-label="How to add the text" className="row">
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'paste'} onChange={() => setMode('paste')} /> Paste text
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'file'} onChange={() => setMode('file')} /> Upload a file
        </label>
      </div>
      {mode === 'paste' ? (
        <label className="field">
          Text
          <textarea
            rows={8}
            value={text}
            onChange={(event) => onPasteText(event.target.value)}
            placeholder="Paste the article, report or transcript here"
          />
        </label>
      ) : (
        <label className="field">
          File (.txt, .md or .html)
          <input
            type="file"
            accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
            onChange={(event) => void onFile(event)}
          />
          {file && (
            <span className="muted small">
              {file.fileName} · {formatByteSize(utf8ByteLength(file.content))}
            </span>
          )}
        </label>
      )}
      <MetadataFields value={metadata} onChange={setMetadata} />
      {error && (
        <div className="form-error" role="alert">
          {error}{' '}
          {duplicateId && (
            <button type="button" className="btn-link" onClick={() => onOpenExisting(duplicateId)}>
              Open it
            </button>
          )}
        </div>
      )}
      <div className="row">
        <SubmitButton isPending={create.isPending} label="Add source" pendingLabel="Adding…" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface EditProps {
  mapId: string;
  source: { id: string; title: string; author: string | null; publisher: string | null; url: string | null; publishedAt: Date | null };
  onDone: () => void;
}

export function EditDetailsForm({ mapId, source, onDone }: EditProps) {
  const trpc = useTRPC();
  const refresh = useRefreshSources(mapId);
  const [metadata, setMetadata] = useState<SourceMetadata>({
    title: source.title,
    author: source.author ?? '',
    publisher: source.publisher ?? '',
    url: source.url ?? '',
    publishedAt: toDateInput(source.publishedAt),
  });
  const update = useMutation(
    trpc.source.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDone();
      },
    }),
  );
  return (
    <form
      className="stack source-form"
      aria-label="Edit source details"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ id: source.id, ...metadata });
      }}
    >
      <MetadataFields value={metadata} onChange={setMetadata} />
      {update.error && <FormError message={errorMessage(update.error)} />}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={update.isPending}>
          Save details
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function EditTextForm({
  mapId,
  source,
  onDone,
}: {
  mapId: string;
  source: { id: string; text: string };
  onDone: (report: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshSources(mapId);
  const [text, setText] = useState(source.text);
  const update = useMutation(
    trpc.source.update.mutationOptions({
      onSuccess: async ({ reanchor, textChanged }) => {
        await refresh();
        if (!textChanged || !reanchor) return onDone('The text is unchanged.');
        const parts = [`Text saved. ${reanchor.total - reanchor.orphaned} of ${reanchor.total} passages found again`];
        if (reanchor.moved) parts.push(`${reanchor.moved} moved`);
        if (reanchor.fuzzy) parts.push(`${reanchor.fuzzy} adjusted to small wording changes`);
        let report = parts.join(', ') + '.';
        if (reanchor.orphaned)
          report += ` ${reanchor.orphaned} could not be found and ${reanchor.orphaned === 1 ? 'is' : 'are'} flagged as orphaned.`;
        onDone(report);
      },
    }),
  );
  return (
    <form
      className="stack source-form"
      aria-label="Edit source text"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ id: source.id, text });
      }}
    >
      <p className="form-note">
        Correcting the text keeps every passage where its words are: passages whose words are gone are flagged as orphaned, never moved to
        other words.
      </p>
      <label className="field">
        Source text
        <textarea rows={16} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      {update.error && <FormError message={errorMessage(update.error)} />}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={update.isPending}>
          Save text
        </button>
        <button type="button" className="btn btn-small" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Confirmation that says how many passages go with the source, then deletes it. */
export function DeleteSourcePanel({
  mapId,
  sourceId,
  onCancel,
  onDeleted,
}: {
  mapId: string;
  sourceId: string;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshSources(mapId);
  const impact = useQuery({ ...trpc.source.deleteImpact.queryOptions({ id: sourceId }), staleTime: 0 });
  const remove = useMutation(
    trpc.source.delete.mutationOptions({
      onSuccess: async () => {
        onDeleted();
        await refresh();
      },
      onError: () => void impact.refetch(),
    }),
  );
  const count = impact.data?.evidenceCount ?? 0;
  return (
    <div
      className="delete-source-panel form-note stack"
      role="alertdialog"
      aria-label="Delete source"
      aria-describedby="delete-source-message"
    >
      {impact.isPending ? (
        <p>Counting the passages that quote this source…</p>
      ) : impact.error ? (
        <p className="form-error">{errorMessage(impact.error)}</p>
      ) : (
        <p id="delete-source-message">
          Delete “{impact.data.title}”?{' '}
          {count === 0
            ? 'No evidence quotes it.'
            : `${count} evidence passage${count === 1 ? '' : 's'} quoting it ` +
              `(used by ${impact.data.claimCount} claim${impact.data.claimCount === 1 ? '' : 's'}) will be deleted with it.`}{' '}
          This cannot be undone.
        </p>
      )}
      {remove.error && <FormError message={errorMessage(remove.error)} />}
      <div className="row">
        <button
          type="button"
          className="btn btn-danger btn-small"
          disabled={!impact.data || remove.isPending}
          onClick={() => remove.mutate({ id: sourceId, confirmEvidenceCount: count })}
        >
          {count === 0 ? 'Delete source' : `Delete source and ${count} passage${count === 1 ? '' : 's'}`}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
