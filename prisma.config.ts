import { defineConfig } from 'prisma/config';

// The app resolves DATABASE_URL itself (embedded Postgres when unset); the CLI only needs a
// placeholder for commands that never connect, such as `prisma generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/placeholder' },
});
