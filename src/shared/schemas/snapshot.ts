import { z } from 'zod';
import { ZId } from './map';

export const SNAPSHOT_NAME_MAX = 120;

export const ZSnapshotName = z
  .string()
  .trim()
  .min(1, 'Give the snapshot a name, such as “End of period 2”.')
  .max(SNAPSHOT_NAME_MAX, `A snapshot name can be at most ${SNAPSHOT_NAME_MAX} characters.`)
  .refine((name) => !name.includes('\u0000'), 'A snapshot name cannot contain a NUL character.');

export const ZCreateSnapshotInput = z.object({ mapId: ZId, name: ZSnapshotName });
export const ZSnapshotIdInput = z.object({ id: ZId });
/** Without `toId`: compare the snapshot with the map as it is now. */
export const ZCompareSnapshotsInput = z.object({ fromId: ZId, toId: ZId.optional() });
