import type { Db } from '@/server/db';
import type { ReadContext, WriteContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import { compareViews } from './compare-views';
import { mapViewAtSeq } from './replay-map';

export interface SnapshotSummary {
  id: string;
  name: string;
  seq: number;
  createdAt: Date;
}

const SUMMARY_SELECT = { id: true, name: true, seq: true, createdAt: true } as const;

/**
 * Names the map's current state: records its last event seq. The map row is locked first, so no
 * write can slip in between reading the seq and recording it; the snapshot's own event comes after.
 */
export async function createSnapshot(db: Db, context: WriteContext, input: { name: string }) {
  const { actor, mapId } = context;
  const { name } = input;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const rows = await tx.$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "Map" WHERE "id" = ${mapId} FOR UPDATE`;
    const seq = rows[0]?.lastSeq;
    if (seq === undefined) throw new DomainError('NOT_FOUND', 'This map does not exist.');
    const snapshot = await tx.mapSnapshot.create({ data: { mapId, name, seq, createdById: actor.id }, select: SUMMARY_SELECT });
    return { result: { snapshot }, events: [{ type: 'snapshot.created', payload: { snapshotId: snapshot.id, name, seq } }] };
  });
}

export async function listSnapshots(db: Db, context: ReadContext): Promise<{ snapshots: SnapshotSummary[] }> {
  const { mapId } = context.access;
  const snapshots = await db.mapSnapshot.findMany({
    where: { mapId },
    orderBy: [{ seq: 'desc' }, { createdAt: 'desc' }],
    select: SUMMARY_SELECT,
  });
  return { snapshots };
}

export async function mapIdOfSnapshot(db: Db, snapshotId: string): Promise<string> {
  const row = await db.mapSnapshot.findUnique({ where: { id: snapshotId }, select: { mapId: true } });
  if (!row) throw new DomainError('NOT_FOUND', 'That snapshot was not found.');
  return row.mapId;
}

async function snapshotOn(db: Db, mapId: string, snapshotId: string): Promise<SnapshotSummary> {
  const snapshot = await db.mapSnapshot.findFirst({ where: { id: snapshotId, mapId }, select: SUMMARY_SELECT });
  if (!snapshot) throw new DomainError('NOT_FOUND', 'That snapshot is not on this map.');
  return snapshot;
}

/** The map as of the snapshot, read-only, as the caller may see it. */
export async function getSnapshot(db: Db, context: ReadContext, snapshotId: string) {
  const snapshot = await snapshotOn(db, context.access.mapId, snapshotId);
  return { snapshot, view: await mapViewAtSeq(db, context, snapshot.seq) };
}

/** What changed between a snapshot and a later one (or now); either order of the two is accepted. */
export async function compareSnapshots(db: Db, context: ReadContext, input: { fromId: string; toId?: string }) {
  const { access } = context;
  const { fromId, toId } = input;
  const first = await snapshotOn(db, access.mapId, fromId);
  const second = toId ? await snapshotOn(db, access.mapId, toId) : null;
  const headSeq = (await db.map.findUniqueOrThrow({ where: { id: access.mapId }, select: { lastSeq: true } })).lastSeq;
  const [from, to] = second && second.seq < first.seq ? [second, first] : [first, second];
  const toSeq = to?.seq ?? headSeq;
  const [fromView, toView] = await Promise.all([mapViewAtSeq(db, context, from.seq), mapViewAtSeq(db, context, toSeq)]);
  return { from, to, toSeq, changes: compareViews(fromView, toView) };
}
