'use client';

import { useModalDialog } from '@/components/ui/use-modal-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  detectImportFormat,
  IMPORT_FORMAT_LABEL,
  IMPORT_FORMATS,
  IMPORT_JSON_MAX_BYTES,
  IMPORT_TEXT_MAX_BYTES,
  type TImportFormat,
} from '@/shared/schemas/exchange';
import { errorMessage, useTRPC } from '@/trpc/client';
import { LabelledOptions } from '@/components/ui/form-controls';

const ACCEPT = '.argdown,.ad,.txt,.json,.md,.markdown,text/plain,application/json,text/markdown';

interface ErrorLocation {
  line?: number;
  column?: number;
  path?: string;
}

interface ImportSuccess {
  mapId: string;
  title: string;
  warnings: string[];
  counts: { claims: number; links: number; sources: number; evidence: number };
}

/** The format a file's name suggests, or null to look at the content. */
export function formatFromFileName(fileName: string): TImportFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'argdown' || extension === 'ad') return 'argdown';
  return null;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function locationOf(error: unknown): ErrorLocation | null {
  const details = (error as { data?: { details?: { location?: ErrorLocation | null } | null } } | null)?.data?.details;
  return details?.location ?? null;
}

/** The offending line of the input with a caret under the column, for errors that name one. */
export function lineExcerpt(text: string, line: number, column = 1): { text: string; caret: string } | null {
  const lines = text.split(/\r\n|\r|\n/);
  const content = lines[line - 1];
  if (content === undefined) return null;
  const start = Math.max(0, column - 60);
  const shown = content.slice(start, start + 120);
  return { text: `${start > 0 ? '…' : ''}${shown}`, caret: `${' '.repeat(Math.max(0, column - 1 - start + (start > 0 ? 1 : 0)))}^` };
}

function countsSentence(counts: ImportSuccess['counts']): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    part(counts.claims, 'claim'),
    part(counts.links, 'link'),
    ...(counts.sources > 0 ? [part(counts.sources, 'source')] : []),
    ...(counts.evidence > 0 ? [`${counts.evidence} quoted passage${counts.evidence === 1 ? '' : 's'}`] : []),
  ].join(', ');
}

/** "Import a map" and its dialog, for the dashboard. */
export function ImportMapButton() {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setIsOpen(true)}>
        Import a map
      </button>
      {isOpen && <ImportDialog onClose={() => setIsOpen(false)} />}
    </>
  );
}

/**
 * Imports Argdown, AIF, a Kialo text export or a Crux backup as a new map owned by the caller:
 * paste the text or choose a file, pick the format (or let it be detected), optionally a title.
 * Errors name the line and column or the JSON path; warnings say what could not be kept.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { ref, titleId, onCloseRef, closeOnCancel } = useModalDialog(onClose);
  const fileInputId = useId();

  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null);
  const [format, setFormat] = useState<TImportFormat | 'auto'>('auto');
  const [title, setTitle] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [success, setSuccess] = useState<ImportSuccess | null>(null);

  const text = file?.text ?? pasted;
  const detected = useMemo(() => (text.trim() ? detectImportFormat(text) : null), [text]);
  const effectiveFormat = format === 'auto' ? detected : format;

  const openMap = (mapId: string) => {
    onCloseRef.current();
    router.push(`/maps/${mapId}`);
  };

  const importMap = useMutation(
    trpc.map.import.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.map.list.queryKey() });
        if (result.warnings.length === 0) openMap(result.mapId);
        else setSuccess(result);
      },
    }),
  );

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setLocalError(null);
    importMap.reset();
    if (chosen.size > IMPORT_JSON_MAX_BYTES) {
      setLocalError(`“${chosen.name}” is ${formatSize(chosen.size)}; imports can be at most ${formatSize(IMPORT_JSON_MAX_BYTES)}.`);
      return;
    }
    try {
      const content = await chosen.text();
      setFile({ name: chosen.name, size: chosen.size, text: content });
      const suggested = formatFromFileName(chosen.name);
      if (suggested) setFormat(suggested);
    } catch {
      setLocalError(`“${chosen.name}” could not be read.`);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLocalError(null);
    if (!text.trim()) {
      setLocalError('Paste the text to import or choose a file.');
      return;
    }
    const bytes = new Blob([text]).size;
    const limit = effectiveFormat === 'json' ? IMPORT_JSON_MAX_BYTES : IMPORT_TEXT_MAX_BYTES;
    if (bytes > limit) {
      setLocalError(
        `This ${effectiveFormat ? IMPORT_FORMAT_LABEL[effectiveFormat] : 'document'} is ${formatSize(bytes)}; the limit is ` +
          `${formatSize(limit)}.`,
      );
      return;
    }
    importMap.mutate({ format, text, ...(title.trim() ? { title: title.trim() } : {}) });
  }

  const location = importMap.isError ? locationOf(importMap.error) : null;
  const excerpt = location?.line ? lineExcerpt(text, location.line, location.column) : null;

  return (
    <dialog ref={ref} className="import-dialog" aria-labelledby={titleId} onCancel={closeOnCancel(() => !importMap.isPending)}>
      <div className="import-dialog-body stack">
        <div className="import-dialog-head">
          <h2 id={titleId}>{success ? 'Map imported' : 'Import a map'}</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onCloseRef.current()}
            aria-label="Close import"
            disabled={importMap.isPending}
          >
            ✕
          </button>
        </div>

        {success ? (
          <div className="stack">
            <p>
              <strong>{success.title}</strong> was created with {countsSentence(success.counts)}.
            </p>
            <div className="import-warnings" role="status">
              <p className="small">Some things could not be kept as they were:</p>
              <ul className="small">
                {success.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
            <div className="row">
              <button type="button" className="btn btn-primary" onClick={() => openMap(success.mapId)} autoFocus>
                Open the new map
              </button>
            </div>
          </div>
        ) : (
          <form className="stack" onSubmit={submit} aria-label="Import a map">
            <p className="muted small">
              Argdown, AIF (JSON, as AIFdb and OVA export it), a Kialo discussion exported as text, or a Crux backup. The import becomes a
              new map that you own.
            </p>
            {file ? (
              <div className="import-file row">
                <span>
                  <strong>{file.name}</strong> <span className="muted small">({formatSize(file.size)})</span>
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    setFile(null);
                    importMap.reset();
                  }}
                >
                  Remove file
                </button>
              </div>
            ) : (
              <label className="field">
                Paste the text
                <textarea
                  name="text"
                  rows={10}
                  value={pasted}
                  onChange={(event) => {
                    setPasted(event.target.value);
                    if (importMap.isError) importMap.reset();
                  }}
                  spellCheck={false}
                  className="import-text"
                  placeholder={
                    '[Thesis]: Cities should ban cars from their centres.\n  + [Air]: Fewer cars mean cleaner air.\n  - [Access]: ' +
                    'Deliveries need access.'
                  }
                />
              </label>
            )}
            <div className="row import-options">
              <div className="field">
                <label htmlFor={fileInputId}>{file ? 'Choose another file' : 'Or choose a file'}</label>
                <input id={fileInputId} type="file" accept={ACCEPT} onChange={(event) => void chooseFile(event)} />
              </div>
              <label className="field">
                Format
                <select value={format} onChange={(event) => setFormat(event.target.value as TImportFormat | 'auto')}>
                  <option value="auto">
                    Detect automatically{detected && format === 'auto' ? ` (${IMPORT_FORMAT_LABEL[detected]})` : ''}
                  </option>
                  <LabelledOptions values={IMPORT_FORMATS} labels={IMPORT_FORMAT_LABEL} />
                </select>
              </label>
            </div>
            <label className="field">
              Title <span className="muted small">(optional: otherwise the document’s own)</span>
              <input type="text" value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} />
            </label>
            {(localError ?? importMap.error) && (
              <div className="form-error import-error" role="alert">
                <p>{localError ?? errorMessage(importMap.error)}</p>
                {!localError && location?.path && <p className="small">At {location.path}</p>}
                {!localError && excerpt && (
                  <pre className="import-excerpt" aria-label={`Line ${location?.line ?? ''}`}>
                    {excerpt.text}
                    {'\n'}
                    {excerpt.caret}
                  </pre>
                )}
              </div>
            )}
            <div className="row">
              <button type="submit" className="btn btn-primary" disabled={importMap.isPending || !text.trim()}>
                {importMap.isPending ? 'Importing…' : 'Import'}
              </button>
              <button type="button" className="btn" onClick={() => onCloseRef.current()} disabled={importMap.isPending}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </div>
    </dialog>
  );
}
