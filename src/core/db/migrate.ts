import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import type { Db } from './index';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));
/** Key of the PostgreSQL advisory lock migrations run under ('zhiliang' in ASCII, as a bigint). */
export const MIGRATION_LOCK_KEY = 0x7a68696c69616e67n;

export interface MigrateOptions {
  /**
   * Loads reference data after the migrations, under the same advisory lock (the platform's is the
   * GB/T 2260 regions: src/server/database.ts). Returns the number of rows it inserted.
   */
  referenceData?: (db: Db) => Promise<number>;
}

export interface MigrateResult {
  /** Reference rows inserted by this run (0 when they were already loaded, or none was asked for). */
  referenceRowsLoaded: number;
}

/**
 * Applies drizzle/ migrations under `pg_advisory_lock`, so two servers starting at once on one
 * database do not race; distributes new tables when Citus is present; then runs the caller's
 * reference-data loader (idempotent). Safe to call at every start.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await drizzleMigrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await db.execute(sql`select zl_distribute_tables()`);
      const referenceRowsLoaded = options.referenceData ? await options.referenceData(db) : 0;
      return { referenceRowsLoaded };
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}
