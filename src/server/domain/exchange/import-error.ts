// The import error is shared with the client (the import dialog shows its location): src/shared/import-error.ts.
export * from '@/shared/import-error';
