import { z } from 'zod';
import { ZId } from './map';

/** Without `ids`: every unread notification of the caller. */
export const ZMarkNotificationsReadInput = z.object({ ids: z.array(ZId).min(1).max(100).optional() });
