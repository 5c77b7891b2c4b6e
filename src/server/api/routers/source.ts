import { createTRPCRouter } from '../trpc';

// Procedures are added by the issue that owns this resource.
export const sourceRouter = createTRPCRouter({});
