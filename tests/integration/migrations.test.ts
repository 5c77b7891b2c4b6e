import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { applyMigrations, MigrationError } from '@/server/infra/migrate';
import { createDatabase, dropDatabase } from '../database';

const MIGRATIONS = path.join('prisma', 'migrations');

async function appliedRows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  it('applies every committed migration once and records it the way Prisma does; a second run is a no-op', async () => {
    const adminUrl = inject('adminUrl');
    const url = await createDatabase(adminUrl, 'crux_mig');
    try {
      const first = await applyMigrations(url, MIGRATIONS);
      const committed = fs.readdirSync(MIGRATIONS).filter((name) => fs.existsSync(path.join(MIGRATIONS, name, 'migration.sql')));
      expect(first.applied).toEqual(committed.sort());
      const second = await applyMigrations(url, MIGRATIONS);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toBe(committed.length);
      const rows = await appliedRows(url);
      expect(rows.map((row) => row.migration_name)).toEqual(committed.sort());
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
      }
    } finally {
      await dropDatabase(adminUrl, url);
    }
  });

  it('applies each migration exactly once when two processes start at the same time', async () => {
    const adminUrl = inject('adminUrl');
    const url = await createDatabase(adminUrl, 'crux_mig');
    try {
      const [a, b] = await Promise.all([applyMigrations(url, MIGRATIONS), applyMigrations(url, MIGRATIONS)]);
      const appliedTwice = [...a.applied, ...b.applied];
      expect(new Set(appliedTwice).size).toBe(appliedTwice.length);
      const rows = await appliedRows(url);
      expect(rows.length).toBe(appliedTwice.length);
    } finally {
      await dropDatabase(adminUrl, url);
    }
  });

  it('refuses a migration whose file changed after it was applied, naming it', async () => {
    const adminUrl = inject('adminUrl');
    const url = await createDatabase(adminUrl, 'crux_mig');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-mig-'));
    try {
      fs.mkdirSync(path.join(dir, '001_first'));
      fs.writeFileSync(path.join(dir, '001_first', 'migration.sql'), 'CREATE TABLE "Thing" (id int);');
      await applyMigrations(url, dir);
      fs.writeFileSync(path.join(dir, '001_first', 'migration.sql'), 'CREATE TABLE "Thing" (id bigint);');
      await expect(applyMigrations(url, dir)).rejects.toThrow(MigrationError);
      await expect(applyMigrations(url, dir)).rejects.toThrow(/001_first was edited after it was applied/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await dropDatabase(adminUrl, url);
    }
  });

  it('rolls back a failing migration entirely and reports which one failed', async () => {
    const adminUrl = inject('adminUrl');
    const url = await createDatabase(adminUrl, 'crux_mig');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-mig-'));
    try {
      fs.mkdirSync(path.join(dir, '001_broken'));
      fs.writeFileSync(path.join(dir, '001_broken', 'migration.sql'), 'CREATE TABLE "Half" (id int); SELECT nonsense_fn();');
      await expect(applyMigrations(url, dir)).rejects.toThrow(/001_broken failed/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rowCount } = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
      await client.end();
      expect(rowCount).toBe(0);
      expect(await appliedRows(url)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await dropDatabase(adminUrl, url);
    }
  });
});
