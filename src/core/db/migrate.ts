import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import { withSessionLock, type Db } from './index';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));
/** Key of the PostgreSQL advisory lock migrations run under ('zhiliang' in ASCII, as a bigint). */
export const MIGRATION_LOCK_KEY = 0x7a68696c69616e67n;

export interface MigrateOptions {
  /**
   * Loads reference data after the migrations, under the same advisory lock (the platform's is the
   * GB/T 2260 regions: src/server/database.ts). Returns the number of rows it inserted.
   */
  referenceData?: (db: Db) => Promise<number>;
  /**
   * Whether the reference data is all there already (read without the lock): with it, an up-to-date
   * database is answered from three small reads and the advisory lock is not taken at all.
   */
  referenceReady?: (db: Db) => Promise<boolean>;
}

export interface MigrateResult {
  /** Reference rows inserted by this run (0 when they were already loaded, or none was asked for). */
  referenceRowsLoaded: number;
  /** False when the database already had every migration (nothing was run under the lock). */
  migrated: boolean;
}

let newestMillis: number | undefined;

/** The newest migration's timestamp in drizzle/meta/_journal.json: what drizzle's migrator compares with. */
export function newestMigrationMillis(): number {
  if (newestMillis === undefined) {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
    newestMillis = Math.max(0, ...journal.entries.map((e) => e.when));
  }
  return newestMillis;
}

/**
 * Whether the database already holds every migration of this build, by the same rule drizzle's
 * migrator applies (a migration runs when its folder time is after the newest recorded one). Two
 * small reads: an existing data directory starts without drizzle reading and hashing every
 * migration file and re-running its bookkeeping statements.
 */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const present = await db.execute<{ ok: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!present.rows[0]?.ok) return false;
  const last = await db.execute<{ at: string | null }>(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
  const at = last.rows[0]?.at;
  return at !== null && at !== undefined && Number(at) >= newestMigrationMillis();
}

/**
 * Applies drizzle/ migrations under `pg_advisory_lock`, so two servers starting at once on one
 * database do not race; distributes new tables when Citus is present; then runs the caller's
 * reference-data loader (idempotent). Safe to call at every start: when every migration is already
 * there (`migrationsCurrent`), the migration files are not read and Citus is not asked again (a
 * server or command on an up-to-date database has no new table to distribute).
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  // Without the lock first: every migration commits in one transaction and the reference rows in
  // another, so a database seen current here is current (one being migrated beside us is not seen
  // current, and is waited for under the lock below). A start on an up-to-date database then makes
  // three round trips instead of five, while the main thread is busy loading the app.
  if (options.referenceReady && (await migrationsCurrent(db)) && (await options.referenceReady(db))) {
    return { referenceRowsLoaded: 0, migrated: false };
  }
  return withSessionLock(db, MIGRATION_LOCK_KEY, async () => {
    const migrated = !(await migrationsCurrent(db));
    if (migrated) {
      await drizzleMigrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await db.execute(sql`select zl_distribute_tables()`);
    }
    const referenceRowsLoaded = options.referenceData ? await options.referenceData(db) : 0;
    return { referenceRowsLoaded, migrated };
  });
}
