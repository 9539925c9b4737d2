import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/** Name of the lock file inside the data directory; it holds the pid of the process using it. */
export const LOCK_FILE = 'zhiliang.lock';

export interface DataDirLock {
  path: string;
  pid: number;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const n = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function dataDirLockedError(dataDir: string, pid: number): AppError {
  return new AppError(
    'DATA_DIR_LOCKED',
    `数据目录 ${dataDir} 正被另一个进程（pid ${pid}）使用，不能同时打开。请先停止该进程；若该进程已不存在，系统会自动接管。`,
    409,
    { dataDir, pid },
  );
}

/**
 * Takes the data directory's lock file (created atomically with our pid in it).
 * Refused with AppError DATA_DIR_LOCKED naming the holder's pid while that process lives;
 * a lock left by a dead process is taken over. Released on release(), on process exit, and on
 * SIGINT/SIGTERM when nobody else handles those signals.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const tmp = path.join(dataDir, `.${LOCK_FILE}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(tmp, `${process.pid}\n`);
  } catch (e) {
    throw new AppError('DATA_DIR_UNAVAILABLE', `无法使用数据目录 ${dataDir}：${(e as Error).message}（请检查路径和写入权限，或用 ZHILIANG_DATA_DIR 指定其他目录）`, 500, {
      dataDir,
    });
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(tmp, lockPath); // atomic: fails if the lock exists, and the file is never seen empty
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
      }
      const holder = readPid(lockPath);
      if (holder !== null && isAlive(holder)) throw dataDirLockedError(dataDir, holder);
      // stale (holder gone) or unreadable: take it over, but only if it did not change meanwhile
      if (readPid(lockPath) === holder) {
        try {
          fs.unlinkSync(lockPath);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (readPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // Someone else (the server) handles the signal and will close the database, which releases us.
    if (process.listenerCount(signal) > 1) return;
    release();
    process.kill(process.pid, signal); // our listener is gone: default behaviour (terminate)
  };
  process.on('exit', release);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { path: lockPath, pid: process.pid, release };
}
