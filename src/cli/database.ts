// The database as every command that needs it opens it: the same steps as `zhiliang serve`
// (open, migrate, create the demo authority on a new database), so a command works on a fresh
// machine, and a clear refusal when a running server holds the embedded data directory.
import { loadConfig, type Config } from '../core/config';
import type { Db, DbHandle } from '../core/db/index';
import { AppError } from '../core/errors';

export interface CliDatabase {
  db: Db;
  handle: DbHandle;
  config: Config;
}

/** The configuration from the environment, with `--data-dir` over ZHILIANG_DATA_DIR. */
export function cliConfig(opts: { dataDir?: string }): Config {
  const env = { ...process.env };
  if (opts.dataDir !== undefined) env.ZHILIANG_DATA_DIR = opts.dataDir;
  return loadConfig(env);
}

/**
 * Opens the database, migrates it and, when it has no authority yet (a new data directory) and
 * ZHILIANG_SEED_DEMO is on, creates the demo authority with its departments and accounts, as
 * `serve` does on its first start; says so on stderr. The five demo plans are left to `serve`
 * (they are the web app's showcase; a command should do only what it was asked plus what it needs).
 * A data directory held by a running server: AppError DATA_DIR_LOCKED naming its pid.
 */
export async function openCliDatabase(opts: { dataDir?: string }, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<CliDatabase> {
  const config = cliConfig(opts);
  // audited writes (the demo seed, imports, users) sign the audit chain with the key kept outside the database
  (await import('../org/audit/chain')).loadAuditKey(config.keyDir);
  const { createDb } = await import('../core/db/index');
  const { prepareDatabase } = await import('../server/database');
  let handle: DbHandle;
  try {
    handle = await createDb({ ...config, poolSize: 2, migratedTemplate: true }); // migrated right below
  } catch (e) {
    if (e instanceof AppError && e.code === 'DATA_DIR_LOCKED') {
      const pid = (e.details as { pid?: number } | undefined)?.pid;
      throw new AppError(
        'DATA_DIR_LOCKED',
        `数据目录 ${config.dataDir} 正被运行中的服务（pid ${pid}）使用：内置数据库同一时间只能由一个进程打开。请先停止该服务（Ctrl+C）再运行此命令，或在网页中操作。`,
        409,
        e.details,
      );
    }
    throw e;
  }
  try {
    await prepareDatabase(handle.db);
    if (config.seedDemo) {
      const { seedDemo } = await import('../org/seed');
      const seeded = await seedDemo(handle.db);
      if (seeded.created) {
        log(
          `新的数据库：已创建示范单位、${seeded.departments} 个责任部门和示范账号（${seeded.accounts.map((a) => a.username).join('、')}，初始密码 ${seeded.password}，登录后请修改）`,
        );
      }
    }
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
  return { db: handle.db, handle, config };
}

/** Runs `fn` on the opened database and closes it (which releases the data directory) whatever happens. */
export async function withCliDatabase<T>(opts: { dataDir?: string }, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const { db, handle, config } = await openCliDatabase(opts);
  try {
    return await fn(db, config);
  } finally {
    await handle.close();
  }
}
