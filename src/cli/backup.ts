// `zhiliang db backup FILE` and `zhiliang db restore FILE` (docs/decisions/017-backup-and-restore.md).
//
// Embedded database: the platform's own format (src/core/db/backup.ts). With the server running, the
// backup is asked of the server through its control socket (the server holds the data directory;
// its one connection reads one consistent snapshot); with no server, this process opens the data
// directory itself. Restore only into an empty (or new) data directory.
//
// PostgreSQL (DATABASE_URL): pg_dump's custom format through `pg_dump`/`pg_restore` when they are
// installed (`--portable` for the platform's own format instead, which also moves an embedded
// database to PostgreSQL and back). Restore only into an empty database.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../core/config';
import { AppError } from '../core/errors';
import { cliConfig } from './database';

const run = promisify(execFile);

export interface BackupOptions {
  dataDir?: string;
  /** PostgreSQL: the platform's format instead of pg_dump's */
  portable?: boolean;
}

export interface BackupResult {
  file: string;
  format: 'zhiliang' | 'pg_dump';
  bytes: number;
  /** zhiliang format: tables and rows in the file */
  tables?: number;
  rows?: number;
  /** how it was taken */
  via: 'running-server' | 'data-dir' | 'postgresql';
}

async function hasTool(tool: string): Promise<boolean> {
  try {
    await run(tool, ['--version']);
    return true;
  } catch {
    return false;
  }
}

function toolError(tool: string, e: unknown): AppError {
  const err = e as { stderr?: string; message?: string };
  const detail = (err.stderr || err.message || String(e)).trim().split('\n').slice(0, 3).join(' ');
  return new AppError('BACKUP_TOOL_FAILED', `${tool} 失败：${detail}`, 500);
}

/** Writes to `file` through a temporary file beside it, renamed when complete. */
async function intoFile<T>(file: string, fn: (tmp: string) => Promise<T>): Promise<T> {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new AppError('BACKUP_DIR_MISSING', `备份文件所在目录不存在：${dir}`, 400);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const r = await fn(tmp);
    fs.renameSync(tmp, file);
    return r;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Asks the running embedded server for a backup through its control socket. */
function backupFromServer(socketPath: string, tmp: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/backup', method: 'GET' }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new AppError('BACKUP_FAILED', `运行中的服务拒绝了备份请求（${res.statusCode}）`, 500));
        return;
      }
      const out = fs.createWriteStream(tmp);
      res.pipe(out);
      res.on('error', reject);
      res.on('aborted', () => reject(new AppError('BACKUP_FAILED', '备份过程中与服务的连接中断', 500)));
      out.on('error', reject);
      out.on('finish', () => resolve());
    });
    req.on('error', (e) => reject(new AppError('BACKUP_FAILED', `无法连接运行中的服务（${socketPath}）：${e.message}`, 500)));
    req.end();
  });
}

async function backupEmbedded(config: Config, tmp: string): Promise<BackupResult['via']> {
  if (!fs.existsSync(path.join(config.dataDir, 'pglite', 'PG_VERSION'))) {
    throw new AppError('NO_DATABASE', `数据目录 ${config.dataDir} 中没有数据库，无可备份`, 400);
  }
  const { createDb } = await import('../core/db/index');
  const { writeBackup } = await import('../core/db/backup');
  const { controlSocketPath } = await import('../server/control');
  let handle;
  try {
    handle = await createDb({ ...config, poolSize: 2 });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'DATA_DIR_LOCKED')) throw e;
    const socketPath = controlSocketPath(config.dataDir);
    if (!fs.existsSync(socketPath)) {
      const pid = (e.details as { pid?: number } | undefined)?.pid;
      throw new AppError(
        'DATA_DIR_LOCKED',
        `数据目录 ${config.dataDir} 正被另一个进程（pid ${pid}）使用，且它不是可在线备份的服务：请等它结束后再备份`,
        409,
        e.details,
      );
    }
    await backupFromServer(socketPath, tmp);
    return 'running-server';
  }
  try {
    await writeBackup(handle.db, fs.createWriteStream(tmp));
  } finally {
    await handle.close();
  }
  return 'data-dir';
}

export async function dbBackup(file: string, opts: BackupOptions): Promise<BackupResult> {
  const config = cliConfig(opts);
  const { inspectBackup } = await import('../core/db/backup');
  if (config.databaseUrl && !opts.portable) {
    if (!(await hasTool('pg_dump'))) {
      throw new AppError('PG_DUMP_MISSING', '未找到 pg_dump：请安装与服务器同版本的 PostgreSQL 客户端工具，或加 --portable 使用本系统自带的备份格式', 400);
    }
    return intoFile(file, async (tmp) => {
      try {
        await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', tmp, '--dbname', config.databaseUrl!], { maxBuffer: 16 * 1024 * 1024 });
      } catch (e) {
        throw toolError('pg_dump', e);
      }
      return { file, format: 'pg_dump' as const, bytes: fs.statSync(tmp).size, via: 'postgresql' as const };
    });
  }
  return intoFile(file, async (tmp) => {
    let via: BackupResult['via'] = 'postgresql';
    if (config.databaseUrl) {
      const { createDb } = await import('../core/db/index');
      const { writeBackup } = await import('../core/db/backup');
      const handle = await createDb({ ...config, poolSize: 2 });
      try {
        await writeBackup(handle.db, fs.createWriteStream(tmp));
      } finally {
        await handle.close();
      }
    } else {
      via = await backupEmbedded(config, tmp);
    }
    const info = await inspectBackup(tmp); // read back: complete, every row there
    return { file, format: 'zhiliang' as const, bytes: fs.statSync(tmp).size, tables: info.tables, rows: info.rows, via };
  });
}

/** 'zhiliang' (gzip) or 'pg_dump' (custom format, starts with PGDMP). */
function formatOf(file: string): 'zhiliang' | 'pg_dump' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new AppError('BACKUP_NOT_FOUND', `无法读取备份文件 ${file}：${(e as Error).message}`, 400);
  }
  const b = Buffer.alloc(5);
  try {
    fs.readSync(fd, b, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (b[0] === 0x1f && b[1] === 0x8b) return 'zhiliang';
  if (b.toString('latin1') === 'PGDMP') return 'pg_dump';
  throw new AppError('BACKUP_INVALID', `备份文件无效：${file} 既不是本系统的备份，也不是 pg_dump 的 custom 格式`, 400);
}

export interface RestoreResult {
  format: 'zhiliang' | 'pg_dump';
  target: string;
  tables?: number;
  rows?: number;
}

export async function dbRestore(file: string, opts: { dataDir?: string }): Promise<RestoreResult> {
  const config = cliConfig(opts);
  const format = formatOf(file);
  const { createDb } = await import('../core/db/index');
  const { restoreBackup, databaseTableCount, inspectBackup } = await import('../core/db/backup');
  if (format === 'zhiliang') await inspectBackup(file); // a damaged file is refused before any database is touched
  const { prepareDatabase } = await import('../server/database');

  if (config.databaseUrl) {
    const handle = await createDb({ ...config, poolSize: 2 });
    try {
      const existing = await databaseTableCount(handle.db);
      if (existing > 0) {
        throw new AppError('DATABASE_NOT_EMPTY', `目标数据库（DATABASE_URL）不是空的（已有 ${existing} 张表）：备份只能恢复到新建的空数据库`, 409);
      }
      let counts: { tables?: number; rows?: number } = {};
      if (format === 'pg_dump') {
        if (!(await hasTool('pg_restore'))) throw new AppError('PG_DUMP_MISSING', '未找到 pg_restore：请安装与服务器同版本的 PostgreSQL 客户端工具', 400);
        try {
          await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', config.databaseUrl, file], {
            maxBuffer: 16 * 1024 * 1024,
          });
        } catch (e) {
          throw toolError('pg_restore', e);
        }
      } else {
        counts = await restoreBackup(handle.db, file);
      }
      await prepareDatabase(handle.db); // migrations newer than the backup
      return { format, target: 'PostgreSQL（DATABASE_URL）', ...counts };
    } finally {
      await handle.close();
    }
  }

  if (format === 'pg_dump') {
    throw new AppError('BACKUP_FORMAT_MISMATCH', 'pg_dump 格式的备份只能恢复到 PostgreSQL：请设置 DATABASE_URL 指向一个新建的空数据库', 400);
  }
  const dir = config.dataDir;
  const existed = fs.existsSync(dir);
  if (existed) {
    if (!fs.statSync(dir).isDirectory()) throw new AppError('DATA_DIR_NOT_EMPTY', `${dir} 不是目录`, 409);
    const entries = fs.readdirSync(dir);
    if (entries.length > 0) {
      throw new AppError(
        'DATA_DIR_NOT_EMPTY',
        `数据目录 ${dir} 不是空的（有 ${entries.slice(0, 3).join('、')}${entries.length > 3 ? ' 等' : ''}）：恢复只会写入空目录，以免覆盖现有数据。请用 --data-dir 指定一个新目录`,
        409,
      );
    }
  }
  let done = false;
  try {
    const handle = await createDb({ ...config, poolSize: 2 });
    try {
      const counts = await restoreBackup(handle.db, file);
      await prepareDatabase(handle.db);
      done = true;
      return { format, target: `内置数据库，数据目录 ${dir}`, ...counts };
    } finally {
      await handle.close();
    }
  } finally {
    // a failed restore leaves the directory as it found it (empty, or absent), ready for another try
    if (!done) {
      if (existed) for (const e of fs.readdirSync(dir)) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
      else fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
