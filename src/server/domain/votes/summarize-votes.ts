// The vote rules are pure and shared with the client: see src/shared/votes.ts.
export * from '@/shared/votes';
