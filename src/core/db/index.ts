import fs from 'node:fs';
import path from 'node:path';
import { IdleAsyncLocalStorage } from './idle-storage';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { bootEmbedded, initDataDir, type EmbeddedBoot } from './embedded-boot';
import { AppError } from '../errors';
import type { Config } from '../config';
import { AppPool } from './pool';
import { analyzeStale } from './analyze';
import { MIGRATIONS_DIR, saveTemplate, templateBuildDir } from './template';

export { AppPool, serverBusy, SERVER_BUSY_MESSAGE } from './pool';
export { analyzeStale } from './analyze';
/**
 * The database every service takes as its first argument. Queries name their tables (each domain's
 * tables.ts), so the handle carries no schema: core knows no domain. The aggregation of every table
 * for drizzle-kit is src/server/schema.ts.
 */
export type Db = NodePgDatabase & { $client: AppPool };
/**
 * A transaction handle (what `db.transaction(async (tx) => ...)` gives). Inside a transaction use
 * `tx`. On the embedded database (one connection, see docs/decisions/010-embedded-one-connection.md)
 * a query on `db` from inside a transaction runs on the transaction's connection, so inside it
 * (it sees the transaction's writes, and its error aborts the transaction); `db.transaction` inside
 * becomes a savepoint of it. On PostgreSQL it would run on another connection: do not rely on either.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either: functions that write inside the caller's transaction take this. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  pool: AppPool;
  mode: 'embedded' | 'server';
  /** Embedded mode: where the socket listens (127.0.0.1:port). */
  address?: { host: string; port: number };
  /** Ends the pool, stops the embedded database and releases the data directory lock. Idempotent. */
  close(): Promise<void>;
  /**
   * Embedded, `migratedTemplate`, a new data directory made without a template: builds the template
   * (initdb and the migrations in a throwaway thread, in a folder of its own) for the next new data
   * directory. The server calls it once it answers, so that this first start is no slower than
   * without templates; `close()` stops it. Resolves true when the template was saved.
   */
  buildTemplate?: () => Promise<boolean>;
  /** Embedded: a full garbage collection on the database's thread (after a large one-off job). */
  collectGarbage?: () => void;
}

export type DbConfig = Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'poolSize' | 'dbMaxWaiting' | 'dbWaitMs'>> & {
  /**
   * Embedded, new data directory: start it already migrated, from the template of these migrations
   * (template.ts), building the template when there is none. For callers that migrate right after
   * (the server's start); without it a new data directory is left empty (e.g. for `db restore`).
   */
  migratedTemplate?: boolean;
  /** Embedded: the database's thread already booting for this data directory (src/cli/early-open.ts). */
  embeddedBoot?: Promise<EmbeddedBoot>;
};

/** Defaults of the bounded wait for a connection (ZHILIANG_DB_MAX_WAITING, ZHILIANG_DB_WAIT_MS). */
export const DEFAULT_DB_MAX_WAITING = 500;
export const DEFAULT_DB_WAIT_MS = 5000;

/**
 * Shutdown bounds (the server's SIGTERM must be done within 5 s, issue 7): queries in flight get
 * POOL_END_MS to finish, then PGlite gets WORKER_CLOSE_MS to close its files before its thread is
 * terminated (PGlite survives even kill -9 without losing what it acknowledged).
 */
const POOL_END_MS = 1000;
const WORKER_CLOSE_MS = 2000;

/** Waits for `p`, but not longer than `ms`; its failure is ignored (shutdown goes on regardless). */
async function withinMs(p: Promise<unknown>, ms: number): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise<void>((resolve) => (t = setTimeout(resolve, ms)))]);
  clearTimeout(t);
}

/**
 * One factory for both modes. With `databaseUrl`: a pool of `poolSize` connections on that PostgreSQL.
 * Without: takes the lock on `dataDir` (AppError DATA_DIR_LOCKED naming the holder's pid),
 * starts PGlite (data in `<dataDir>/pglite`) in a worker thread behind pglite-socket on
 * 127.0.0.1:<free port>, and reaches it over ONE connection (PGlite is a single session; several
 * connections through pglite-socket mix their extended-protocol messages, issue 7): queries queue
 * for it, a transaction keeps it until it ends. `poolSize` does not apply there.
 * Both: a query waiting too long for a connection fails with SERVER_BUSY (503).
 * Does not migrate: call `migrate(handle.db)`.
 */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const pool = new AppPool(
      { connectionString: config.databaseUrl, max: config.poolSize ?? 10 },
      { maxWaiting: config.dbMaxWaiting ?? DEFAULT_DB_MAX_WAITING, waitMs: config.dbWaitMs ?? DEFAULT_DB_WAIT_MS, holdRouting: false },
    );
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
        await withinMs(pool.end(), POOL_END_MS);
      },
    };
  }
  return startEmbedded(config);
}

/**
 * Embedded mode: `db.transaction` holds the one connection for the transaction's duration, and
 * makes a transaction started on `db` from inside another one a savepoint of it (one session has
 * one transaction; a second BEGIN would be ignored and its COMMIT would end the outer one).
 */
function holdTransactions(db: Db, pool: AppPool): void {
  const original = db.transaction.bind(db);
  const open = new IdleAsyncLocalStorage<{ tx: Tx; done: boolean }>();
  db.transaction = ((fn: (tx: Tx) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) => {
    const outer = open.getStore();
    if (outer && !outer.done) return outer.tx.transaction(fn);
    return pool.hold(() =>
      original(async (tx) => {
        const state = { tx, done: false };
        try {
          return await open.run(state, () => fn(tx));
        } finally {
          state.done = true;
        }
      }, config),
    );
  }) as Db['transaction'];
}

/** How often the embedded database's tables are checked for stale planner statistics (analyze.ts). */
const ANALYZE_EVERY_MS = 5 * 60_000;
/** The first check: after the start's migrations and first imports. */
const ANALYZE_FIRST_MS = 60_000;

async function startEmbedded(config: DbConfig): Promise<DbHandle> {
  const { lock, worker, port, sharedBuffers, templateToBuild } = await (config.embeddedBoot ?? bootEmbedded(config));
  const w = worker;
  try {
    const pool = new AppPool(
      { host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1 },
      { maxWaiting: config.dbMaxWaiting ?? DEFAULT_DB_MAX_WAITING, waitMs: config.dbWaitMs ?? DEFAULT_DB_WAIT_MS, holdRouting: true },
    );
    pool.on('error', () => {});
    // PGlite is one session whatever the socket: statements a closed connection named (prepared.ts)
    // are still there when the pool opens the next one (after an idle timeout or a broken socket),
    // and that connection would name them again. It is the only connection (max 1), so before its
    // first query (node-postgres runs a client's queries in order) they go.
    let firstConnection = true;
    pool.on('connect', (client) => {
      // the database thread's first connection finds nothing named: one cold statement fewer at start
      if (firstConnection) {
        firstConnection = false;
        return;
      }
      client.query('deallocate all').catch(() => {});
    });
    const db = drizzle(pool) as Db;
    holdTransactions(db, pool);
    // no autovacuum in PGlite: vacuum and analyze the tables that grew (analyze.ts)
    let analyzer: NodeJS.Timeout;
    const analyzeLater = (ms: number) => {
      analyzer = setTimeout(() => void analyzeStale(db, { vacuum: true }).catch(() => {}).finally(() => analyzeLater(ANALYZE_EVERY_MS)), ms);
      analyzer.unref();
    };
    analyzeLater(ANALYZE_FIRST_MS);
    let closing: Promise<void> | undefined;
    const building = new AbortController();
    let templateBuild: Promise<boolean> | undefined;
    return {
      db,
      pool,
      mode: 'embedded',
      address: { host: '127.0.0.1', port },
      buildTemplate: templateToBuild
        ? () => (templateBuild ??= buildTemplateAt(templateToBuild, sharedBuffers, building.signal))
        : undefined,
      collectGarbage: () => w.postMessage({ type: 'gc' }),
      close() {
        closing ??= (async () => {
          clearTimeout(analyzer);
          building.abort();
          await templateBuild;
          try {
            // queries in flight get a moment to finish; then the socket server goes, which ends them
            await withinMs(pool.end(), POOL_END_MS);
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, WORKER_CLOSE_MS);
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
    await worker.terminate();
    lock.release();
    throw e;
  }
}

/** initdb and the migrations in a throwaway thread, into a folder of its own, then renamed into place as the template. */
async function buildTemplateAt(template: string, sharedBuffers: string | undefined, signal: AbortSignal): Promise<boolean> {
  const building = templateBuildDir(template);
  try {
    await initDataDir(path.join(building, 'pglite'), sharedBuffers, MIGRATIONS_DIR, signal);
    return saveTemplate(template, building);
  } catch {
    return false; // the next fresh start tries again
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
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

/**
 * Runs `fn` while this process holds the PostgreSQL session advisory lock `key` (two servers starting
 * at once on one database: the second waits). The lock lives on a connection kept for the duration;
 * on the embedded database that is the one connection, and `fn`'s queries run on it.
 */
export async function withSessionLock<T>(db: Db, key: bigint | string, fn: () => Promise<T>): Promise<T> {
  return db.$client.hold(async (client) => {
    await client.query('select pg_advisory_lock($1)', [key.toString()]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key.toString()]).catch(() => {});
    }
  });
}
