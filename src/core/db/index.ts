import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { acquireDataDirLock, type DataDirLock } from './lock';
import { AppError } from '../errors';
import type { Config } from '../config';

/**
 * The database every service takes as its first argument. Queries name their tables (each domain's
 * tables.ts), so the handle carries no schema: core knows no domain. The aggregation of every table
 * for drizzle-kit is src/server/schema.ts.
 */
export type Db = NodePgDatabase & { $client: pg.Pool };
/**
 * A transaction handle (what `db.transaction(async (tx) => ...)` gives). Inside a transaction use
 * only `tx`: on the embedded database pglite-socket holds every other connection while one is in
 * a transaction, so a query on `db` from inside it waits for the transaction that waits for it.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either: functions that write inside the caller's transaction take this. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  mode: 'embedded' | 'server';
  /** Embedded mode: where the socket listens (127.0.0.1:port). */
  address?: { host: string; port: number };
  /** Ends the pool, stops the embedded database and releases the data directory lock. Idempotent. */
  close(): Promise<void>;
}

export type DbConfig = Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'poolSize'>>;

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

/**
 * One factory for both modes. With `databaseUrl`: a pg.Pool on that PostgreSQL.
 * Without: takes the lock on `dataDir` (AppError DATA_DIR_LOCKED naming the holder's pid),
 * starts PGlite (data in `<dataDir>/pglite`) in a worker thread behind pglite-socket on
 * 127.0.0.1:<free port> with maxConnections = pool size, and connects a pg.Pool to it.
 * Does not migrate: call `migrate(handle.db)`.
 */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client losing its server connection must not crash the process
    try {
      const { rows } = await pool.query<{ v: string }>('show server_version_num');
      if (Number(rows[0].v) < 150000) {
        throw new AppError('DATABASE_VERSION_UNSUPPORTED', `数据库版本过低（${rows[0].v}），需要 PostgreSQL 15 或更高版本`, 500);
      }
    } catch (e) {
      await pool.end().catch(() => {});
      if (e instanceof AppError) throw e;
      throw new AppError('DATABASE_UNAVAILABLE', `无法连接数据库（DATABASE_URL）：${(e as Error).message}`, 500);
    }
    const db = drizzle(pool) as Db;
    let closed = false;
    return {
      db,
      pool,
      mode: 'server',
      async close() {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    };
  }
  return startEmbedded(config.dataDir, config.poolSize ?? 4);
}

async function startEmbedded(dataDir: string, poolSize: number): Promise<DbHandle> {
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  let worker: Worker | undefined;
  try {
    const pgDataDir = path.join(dataDir, 'pglite');
    fs.mkdirSync(pgDataDir, { recursive: true });
    worker = new Worker(WORKER_URL, { workerData: { pgDataDir, maxConnections: poolSize } });
    const w = worker;
    const port = await new Promise<number>((resolve, reject) => {
      const onMessage = (m: { type: string; port?: number; message?: string }) => {
        if (m.type === 'ready') {
          cleanup();
          resolve(m.port!);
        } else if (m.type === 'error') {
          cleanup();
          reject(new AppError('EMBEDDED_DB_FAILED', `内置数据库启动失败：${m.message}`, 500));
        }
      };
      const onError = (e: Error) => {
        cleanup();
        reject(new AppError('EMBEDDED_DB_FAILED', `内置数据库启动失败：${e.message}`, 500));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new AppError('EMBEDDED_DB_FAILED', `内置数据库进程意外退出（代码 ${code}）`, 500));
      };
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
    });
    worker.on('error', (e) => {
      console.error('内置数据库线程出错', e);
    });

    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: poolSize });
    pool.on('error', () => {});
    const db = drizzle(pool) as Db;
    let closing: Promise<void> | undefined;
    return {
      db,
      pool,
      mode: 'embedded',
      address: { host: '127.0.0.1', port },
      close() {
        closing ??= (async () => {
          try {
            await pool.end();
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, 10_000);
              w.once('message', (m: { type: string }) => {
                if (m.type === 'closed') {
                  clearTimeout(t);
                  resolve();
                }
              });
              w.postMessage({ type: 'close' });
            });
            await w.terminate();
          } finally {
            lock.release();
          }
        })();
        return closing;
      },
    };
  } catch (e) {
    await worker?.terminate();
    lock.release();
    throw e;
  }
}

/** The PostgreSQL SQLSTATE of an error (drizzle wraps driver errors in `cause`), e.g. '23505'. */
export function pgErrorCode(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    if (typeof cur.code === 'string' && /^[0-9A-Z]{5}$/.test(cur.code)) return cur.code;
  }
  return undefined;
}

/** The PostgreSQL message of an error, looking through drizzle's wrapper. */
export function pgErrorMessage(e: unknown): string {
  const c = (e as { cause?: { message?: string } })?.cause;
  return c?.message ?? (e as Error)?.message ?? String(e);
}
