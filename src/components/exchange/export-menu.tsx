'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, slugify, type TExportFormat } from '@/shared/schemas/exchange';
import { useTRPC } from '@/trpc/client';
import { exportGraphImage, GraphImageError, type GraphImageKind } from './graph-image';
import { FormError } from '@/components/ui/form-messages';

export interface ExportMenuProps {
  mapId: string;
  mapTitle: string;
  /** False while the outline is shown: images are drawn from the graph on screen. */
  isGraphVisible?: boolean;
}

const FORMAT_HINT: Record<TExportFormat, string> = {
  argdown: 'Text for argdown.org tools',
  aif: 'For AIFdb, OVA and other AIF tools',
  kialo: 'Kialo’s text layout, for Kialo-compatible tools',
  json: 'Everything, to restore or move the map',
  md: 'A readable outline with quotes',
};

const IMAGE_LABEL: Record<GraphImageKind, string> = { png: 'PNG image', svg: 'SVG image' };
const IMAGE_HINT: Record<GraphImageKind, string> = {
  png: 'The whole map as a picture',
  svg: 'The whole map as a drawing, for Inkscape, Word, Docs',
};

export function exportUrl(mapId: string, format: TExportFormat): string {
  return `/api/maps/${encodeURIComponent(mapId)}/export?format=${format}`;
}

/**
 * "Export": the map as Argdown, AIF, a Crux backup or Markdown (downloads from the export route,
 * with the same access as reading the map), or the whole graph as a PNG or SVG image drawn in
 * the browser.
 */
export function ExportMenu({ mapId, mapTitle, isGraphVisible = true }: ExportMenuProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isOpen, setIsOpen] = useState(false);
  const [drawing, setDrawing] = useState<GraphImageKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const close = (restoreFocus: boolean) => {
    setIsOpen(false);
    if (restoreFocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? items.length - 1
          : (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  async function drawImage(kind: GraphImageKind) {
    if (!isGraphVisible || drawing) return;
    setError(null);
    setDrawing(kind);
    try {
      const map = queryClient.getQueryData<MapView>(trpc.map.get.queryKey({ mapId }));
      if (!map) throw new GraphImageError('The map is still loading. Try again in a moment.');
      await exportGraphImage(kind, map, `${slugify(mapTitle)}.${kind}`);
      close(true);
    } catch (caught) {
      setError(caught instanceof GraphImageError ? caught.message : 'The image could not be drawn. Please try again.');
    } finally {
      setDrawing(null);
    }
  }

  return (
    <div className="export-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-small"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        onClick={() => {
          setError(null);
          setIsOpen((open) => !open);
        }}
      >
        Export
      </button>
      {isOpen && (
        <div id={menuId} ref={menuRef} className="export-menu-list" role="menu" aria-label="Export the map" onKeyDown={onMenuKeyDown}>
          {EXPORT_FORMATS.map((format) => (
            <a
              key={format}
              role="menuitem"
              className="export-menu-item"
              href={exportUrl(mapId, format)}
              download={`${slugify(mapTitle)}.${EXPORT_FORMAT_INFO[format].extension}`}
              onClick={() => close(false)}
            >
              <span>{EXPORT_FORMAT_INFO[format].label}</span>
              <span className="export-menu-hint">{FORMAT_HINT[format]}</span>
            </a>
          ))}
          <a
            role="menuitem"
            className="export-menu-item"
            href={`/maps/${encodeURIComponent(mapId)}/print`}
            target="_blank"
            rel="noopener"
            onClick={() => close(false)}
          >
            <span>Printable outline</span>
            <span className="export-menu-hint">A handout to print or save as PDF</span>
          </a>
          <div role="separator" className="export-menu-separator" />
          {(['png', 'svg'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              role="menuitem"
              className="export-menu-item"
              aria-disabled={!isGraphVisible || drawing !== null}
              onClick={() => void drawImage(kind)}
            >
              <span>{drawing === kind ? 'Drawing…' : IMAGE_LABEL[kind]}</span>
              <span className="export-menu-hint">{IMAGE_HINT[kind]}</span>
            </button>
          ))}
          {!isGraphVisible && (
            <p className="export-menu-note" role="note">
              Switch to the graph to export an image.
            </p>
          )}
          <FormError message={error} className="form-error export-menu-note" />
        </div>
      )}
    </div>
  );
}
