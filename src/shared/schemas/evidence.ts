import { z } from 'zod';
import { ZClientMutationId, ZRelation } from './claim';
import { ZId } from './map';

export const EVIDENCE_NOTE_MAX = 2000;
/** Longest passage one piece of evidence may quote, in UTF-16 code units. */
export const EVIDENCE_QUOTE_MAX = 20_000;

/** An offset into a source's text, in UTF-16 code units (JavaScript string indices). */
const ZOffset = z
  .number({ error: 'Offsets must be numbers.' })
  .int('Offsets must be whole numbers (UTF-16 code units of the source text).')
  .min(0, 'Offsets cannot be negative.');

const ZNote = z
  .string()
  .trim()
  .max(EVIDENCE_NOTE_MAX, `A note can be at most ${EVIDENCE_NOTE_MAX} characters.`)
  .transform((note) => (note === '' ? null : note));

const ZCoordinate = z.number().finite().min(-1e7).max(1e7);

export const ZCreateEvidenceInput = z
  .object({
    sourceId: ZId,
    /** Start of the selection in the source text (UTF-16 code units, inclusive). */
    start: ZOffset,
    /** End of the selection (UTF-16 code units, exclusive). */
    end: ZOffset,
    /**
     * What the client saw at [start, end). Never stored: the server quotes its own text, and refuses
     * the write when this no longer matches (someone edited the source meanwhile).
     */
    expectedExact: z
      .string()
      .max(EVIDENCE_QUOTE_MAX + 1000)
      .optional(),
    claimId: ZId,
    relation: ZRelation,
    note: ZNote.optional(),
    x: ZCoordinate.optional(),
    y: ZCoordinate.optional(),
    clientMutationId: ZClientMutationId,
  })
  .refine((input) => input.end > input.start, {
    message: 'Select at least one character of the source as the quote.',
    path: ['end'],
  })
  .refine((input) => input.end - input.start <= EVIDENCE_QUOTE_MAX, {
    message: `A quote can be at most ${EVIDENCE_QUOTE_MAX.toLocaleString('en-US')} characters; select a shorter passage.`,
    path: ['end'],
  });
export type TCreateEvidenceInput = z.infer<typeof ZCreateEvidenceInput>;

export const ZUpdateEvidenceInput = z
  .object({
    id: ZId,
    /** A new note; '' or null removes it. */
    note: ZNote.nullable().optional(),
    /** Which of the passage's links to change; may be left out when it has exactly one. */
    linkId: ZId.optional(),
    relation: ZRelation.optional(),
    /** Re-point the passage at another claim of the same map. */
    claimId: ZId.optional(),
    clientMutationId: ZClientMutationId,
  })
  .refine((input) => input.note !== undefined || input.relation !== undefined || input.claimId !== undefined, {
    message: 'Nothing to change: give a note, a relation or a claim.',
    path: ['id'],
  });
export type TUpdateEvidenceInput = z.infer<typeof ZUpdateEvidenceInput>;

export const ZEvidenceIdInput = z.object({ id: ZId, clientMutationId: ZClientMutationId });
