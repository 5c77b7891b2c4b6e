import type { Db } from '@/server/db';
import type { WriteContext } from '@/server/domain/context';
import { runMapWrite } from '@/server/sync/append-event';
import type { ResultsRevealedPayload } from '@/shared/schemas/vote';

/**
 * The owner ends blind voting's secrecy for the whole map: everyone with access now sees every
 * target's aggregates. Revealing twice changes nothing and appends no second event.
 */
export async function revealResults(db: Db, context: WriteContext): Promise<{ resultsRevealed: true; seq: number }> {
  const { actor, mapId } = context;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const changed = await tx.map.updateMany({ where: { id: mapId, resultsRevealed: false }, data: { resultsRevealed: true } });
    const payload: ResultsRevealedPayload = { resultsRevealed: true };
    return {
      result: { resultsRevealed: true as const },
      events: changed.count > 0 ? [{ type: 'results.revealed' as const, payload: { ...payload } }] : [],
    };
  });
}
