'use client';

import { forwardRef, memo, useMemo } from 'react';
import { buildParagraphs, segmentTone, type PassageRange, type PassageTone } from './reader-segments';

interface Props {
  text: string;
  passages: readonly PassageRange[];
  /** Passage ids currently flashing (just opened from the graph, or just created). */
  flashIds: readonly string[];
  /** Accessible names of the passages, for the first segment of each (which takes keyboard focus). */
  labelById: ReadonlyMap<string, string>;
}

function segmentClass(passageIds: readonly string[], toneById: ReadonlyMap<string, PassageTone>, flashIds: readonly string[]) {
  const tone = segmentTone(passageIds, toneById);
  const classes = ['hl'];
  if (tone.support) classes.push('hl-support');
  if (tone.oppose) classes.push('hl-oppose');
  if (tone.none && !tone.support && !tone.oppose) classes.push('hl-none');
  if (tone.depth > 1) classes.push('hl-overlap');
  if (tone.hit) classes.push('hl-hit');
  if (passageIds.some((id) => flashIds.includes(id))) classes.push('is-flashing');
  return classes.join(' ');
}

/**
 * The source text as paragraphs of segments (see reader-segments.ts for the DOM contract that
 * maps selections back to offsets). Memoised: hovering or selecting does not re-render the text.
 */
export const ReaderText = memo(
  forwardRef<HTMLDivElement, Props>(function ReaderText({ text, passages, flashIds, labelById }, ref) {
    const paragraphs = useMemo(() => buildParagraphs(text, passages), [text, passages]);
    const toneById = useMemo(() => new Map(passages.map((p) => [p.id, p.tone])), [passages]);
    return (
      <div ref={ref} className="reader-text" data-reader-text="">
        {paragraphs.map((paragraph) => (
          <p key={paragraph.start} data-start={paragraph.start} data-end={paragraph.end}>
            {paragraph.segments.map((segment) =>
              segment.passageIds.length === 0 ? (
                <span key={segment.start} data-seg="" data-start={segment.start} data-end={segment.end}>
                  {segment.text}
                </span>
              ) : (
                <mark
                  key={segment.start}
                  data-seg=""
                  data-start={segment.start}
                  data-end={segment.end}
                  data-evidence={segment.passageIds.join(' ')}
                  data-passage-start={segment.startsPassageIds.join(' ') || undefined}
                  className={segmentClass(segment.passageIds, toneById, flashIds)}
                  tabIndex={segment.startsPassageIds.some((id) => labelById.has(id)) ? 0 : undefined}
                  aria-label={
                    segment.startsPassageIds.length
                      ? segment.startsPassageIds
                          .map((id) => labelById.get(id))
                          .filter(Boolean)
                          .join('; ') + `: ${segment.text}`
                      : undefined
                  }
                >
                  {segment.text}
                </mark>
              ),
            )}
          </p>
        ))}
      </div>
    );
  }),
);
