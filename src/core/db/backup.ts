// Logical backup of the platform's database, the same format for the embedded database and PostgreSQL
// (docs/decisions/017-backup-and-restore.md).
//
// A backup is gzip-compressed text, one line each:
//   #{"format":"zhiliang-backup","version":1,...}   header: the migrations applied, tables, sequences
//   #{"table":"name","columns":[...]}                 a table starts
//   {...}                                             one row, as PostgreSQL's row_to_json gives it
//   #{"end":true,"tables":N,"rows":M}                 the end (a file without it is truncated)
// Rows are never parsed in JavaScript (bigint ids and numerics stay exact): restore hands them back to
// PostgreSQL in batches through json_populate_recordset.
//
// It is read inside one REPEATABLE READ READ ONLY transaction, so it is one consistent moment of the
// database while the platform keeps writing. On the embedded database that transaction holds the one
// connection (decision 010): other requests wait for the seconds it takes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type pg from 'pg';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { AppError } from '../errors';
import type { Db } from './index';
import { MIGRATIONS_FOLDER } from './migrate';

export const BACKUP_FORMAT = 'zhiliang-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** drizzle migrations applied in the backed-up database (sha256 of each file), oldest first */
  migrations: { hash: string; createdAt: number }[];
  tables: string[];
  /** public sequences and their last values (null: never used) */
  sequences: { name: string; lastValue: string | null }[];
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

const FETCH_ROWS = 500;
/** rows of one INSERT during restore: at most this many, or this many bytes of JSON */
const RESTORE_BATCH_ROWS = 500;
const RESTORE_BATCH_BYTES = 4 * 1024 * 1024;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Tables of the public schema (the platform's), in name order. */
async function publicTables(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  );
  return rows.map((r) => r.name);
}

async function insertableColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select attname as name from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
    [`public.${ident(table)}`],
  );
  return rows.map((r) => r.name);
}

/**
 * Writes a backup of `db` to `out` (gzip) and ends `out`. One consistent snapshot: REPEATABLE READ,
 * READ ONLY. Returns the number of tables and rows written.
 */
export async function writeBackup(db: Db, out: Writable): Promise<BackupSummary> {
  const gz = zlib.createGzip({ level: 6 });
  gz.pipe(out);
  const finished = once(out, 'finish');
  let summary: BackupSummary = { tables: 0, rows: 0 };
  try {
    summary = await db.$client.hold(async (client) => {
      await client.query('begin isolation level repeatable read read only');
      try {
        let migrations: BackupHeader['migrations'] = [];
        const hasMigrations = await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
        if (hasMigrations.rows[0].ok) {
          const m = await client.query<{ hash: string; created_at: string }>('select hash, created_at from drizzle.__drizzle_migrations order by created_at, id');
          migrations = m.rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
        }
        const tables = await publicTables(client);
        const seq = await client.query<{ name: string; last_value: string | null }>(
          `select sequencename as name, last_value::text from pg_sequences where schemaname = 'public' order by sequencename`,
        );
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations,
          tables,
          sequences: seq.rows.map((r) => ({ name: r.name, lastValue: r.last_value })),
        };
        await write(gz, `#${JSON.stringify(header)}\n`);
        let rows = 0;
        for (const table of tables) {
          const columns = await insertableColumns(client, table);
          await write(gz, `#${JSON.stringify({ table, columns })}\n`);
          await client.query(`declare zl_backup no scroll cursor for select row_to_json(t)::text as r from public.${ident(table)} t`);
          for (;;) {
            const batch = await client.query<{ r: string }>(`fetch forward ${FETCH_ROWS} from zl_backup`);
            for (const r of batch.rows) await write(gz, `${r.r}\n`);
            rows += batch.rows.length;
            if (batch.rows.length < FETCH_ROWS) break;
          }
          await client.query('close zl_backup');
        }
        await write(gz, `#${JSON.stringify({ end: true, tables: tables.length, rows })}\n`);
        return { tables: tables.length, rows };
      } finally {
        await client.query('rollback').catch(() => {});
      }
    });
  } catch (e) {
    gz.destroy();
    throw e;
  }
  gz.end();
  await finished;
  return summary;
}

function invalidBackup(detail: string): AppError {
  return new AppError('BACKUP_INVALID', `备份文件无效：${detail}`, 400);
}

/** The lines of a backup file (or stream), gunzipped. */
function backupLines(input: Readable): AsyncIterable<string> {
  const gunzip = zlib.createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  return readline.createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
}

function parseControl<T>(line: string): T {
  try {
    return JSON.parse(line.slice(1)) as T;
  } catch {
    throw invalidBackup('无法读取其中的控制行');
  }
}

/** Reads a backup through: its header and counts; throws BACKUP_INVALID when truncated or damaged. */
export async function inspectBackup(file: string): Promise<BackupSummary & { header: BackupHeader }> {
  let header: BackupHeader | undefined;
  let end: { tables: number; rows: number } | undefined;
  let rows = 0;
  try {
    for await (const line of backupLines(fs.createReadStream(file))) {
      if (!header) {
        header = parseControl<BackupHeader>(line);
        if (header.format !== BACKUP_FORMAT) throw invalidBackup('不是本系统的备份');
        continue;
      }
      if (line.startsWith('#')) {
        const c = parseControl<{ end?: boolean; tables: number; rows: number }>(line);
        if (c.end) end = c;
      } else if (line) rows++;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalidBackup(`${(e as Error).message}（文件可能已损坏）`);
  }
  if (!header) throw invalidBackup('文件为空');
  if (!end || end.rows !== rows) throw invalidBackup('文件不完整（缺少结尾标记），可能在写入时中断');
  return { header, tables: header.tables.length, rows };
}

/**
 * Applies the first `count` migrations of this version (those the backup was taken at), from a
 * temporary copy of the migrations folder whose journal stops there.
 */
async function migrateTo(db: Db, count: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-restore-migrations-'));
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, count);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    await drizzleMigrate(db, { migrationsFolder: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Tables in the public schema, or the drizzle migrations table: anything that says "not empty". */
export async function databaseTableCount(db: Db): Promise<number> {
  const { rows } = await db.$client.query<{ n: string }>(
    `select count(*)::text as n from pg_tables where schemaname = 'public' or (schemaname = 'drizzle' and tablename = '__drizzle_migrations')`,
  );
  return Number(rows[0].n);
}

/**
 * Restores a backup into an EMPTY database: the migrations the backup was taken at, then every row
 * (triggers and foreign-key checks off while loading, as PostgreSQL's own restore does; needs a
 * superuser, which the embedded database is), then the sequences, in one transaction. The caller then
 * runs the platform's migrations to bring the schema up to this version (prepareDatabase).
 */
export async function restoreBackup(db: Db, file: string): Promise<BackupSummary> {
  const existing = await databaseTableCount(db);
  if (existing > 0) {
    throw new AppError('DATABASE_NOT_EMPTY', `目标数据库不是空的（已有 ${existing} 张表）：备份只能恢复到空数据库`, 409);
  }
  const { header: info } = await inspectBackup(file); // a damaged file is refused before anything is written
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  info.migrations.forEach((m, i) => {
    if (known[i]?.hash !== m.hash) {
      throw new AppError(
        'BACKUP_VERSION_MISMATCH',
        i >= known.length
          ? '这份备份来自更新版本的系统（含本版本没有的数据库迁移），请用该版本或更新的版本恢复'
          : `这份备份的第 ${i + 1} 个数据库迁移与本版本不同，无法恢复`,
        400,
      );
    }
  });
  await migrateTo(db, info.migrations.length);

  return db.$client.hold(async (client) => {
    const run = (text: string, params?: unknown[]) => client.query(text, params);
    await run('begin');
    try {
      return await loadRows(run, file, info);
    } catch (e) {
      await run('rollback').catch(() => {});
      throw e;
    }
  });
}

async function loadRows(run: (text: string, params?: unknown[]) => Promise<pg.QueryResult>, file: string, info: BackupHeader): Promise<BackupSummary> {
  {
    try {
      await run('set local session_replication_role = replica');
    } catch (e) {
      throw new AppError('RESTORE_NEEDS_SUPERUSER', `恢复需要超级用户权限（加载数据时须暂停触发器和外键检查）：${(e as Error).message}`, 403);
    }
    let table: string | undefined;
    let columns: string[] = [];
    let batch: string[] = [];
    let bytes = 0;
    let rows = 0;
    let tables = 0;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const cols = columns.map(ident).join(', ');
      await run(
        `insert into public.${ident(table)} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::public.${ident(table)}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
      rows += batch.length;
      batch = [];
      bytes = 0;
    };
    let first = true;
    for await (const line of backupLines(fs.createReadStream(file))) {
      if (first) {
        first = false;
        continue;
      }
      if (line.startsWith('#')) {
        await flush();
        const c = parseControl<{ table?: string; columns?: string[]; end?: boolean }>(line);
        if (c.table) {
          table = c.table;
          columns = c.columns ?? [];
          tables++;
          const present = await run('select to_regclass($1) is not null as ok', [`public.${ident(table)}`]);
          if (!present.rows[0].ok) throw invalidBackup(`表 ${table} 在对应版本的数据库结构中不存在`);
        }
        continue;
      }
      if (!line) continue;
      batch.push(line);
      bytes += line.length;
      if (batch.length >= RESTORE_BATCH_ROWS || bytes >= RESTORE_BATCH_BYTES) await flush();
    }
    await flush();
    for (const s of info.sequences) {
      if (s.lastValue !== null) await run('select setval($1::regclass, $2::bigint, true)', [`public.${ident(s.name)}`, s.lastValue]);
    }
    await run('commit');
    return { tables, rows };
  }
}

/**
 * Per table of the public schema: the row count and an md5 over its rows' text in a fixed order. Two
 * databases with equal results hold the same data (the backup round-trip test compares them).
 */
export async function tableChecksums(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  return db.$client.hold(async (client) => {
    const out: Record<string, { rows: number; md5: string }> = {};
    // the same text on both databases: times in UTC, rows ordered bytewise whatever the collation
    await client.query('begin isolation level repeatable read read only');
    try {
      await client.query(`set local timezone = 'UTC'`);
      for (const table of await publicTables(client)) {
        const { rows } = await client.query<{ n: string; h: string | null }>(
          `select count(*)::text as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text collate "C"), '')) as h from public.${ident(table)} t`,
        );
        out[table] = { rows: Number(rows[0].n), md5: rows[0].h ?? '' };
      }
    } finally {
      await client.query('rollback').catch(() => {});
    }
    return out;
  });
}
