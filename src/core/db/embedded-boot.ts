// The embedded database's thread, booted: the data directory locked, a new one made (from the
// template or by initdb), PGlite started in a worker thread behind its socket. A module of its own
// with nothing but Node's built-ins, the lock and the template beside it, so that `zhiliang serve`
// can start this before loading the driver, the ORM and the server (src/cli/early-open.ts); the
// connection on top is createDb's (index.ts).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { acquireDataDirLock, type DataDirLock } from './lock';
import { restoreTemplate, templatePath, templateReady, templateRoot } from './template';

export const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

/** Socket connections PGlite's server accepts: the one the app uses, and one spare while a broken one is replaced. */
const EMBEDDED_SOCKET_CONNECTIONS = 2;

export interface EmbeddedBoot {
  lock: DataDirLock;
  worker: Worker;
  /** where PGlite's socket listens on 127.0.0.1 */
  port: number;
  sharedBuffers: string | undefined;
  /** a new data directory made without a template: the template to build later (index.ts) */
  templateToBuild: string | undefined;
}

/**
 * Takes the lock on `dataDir` (AppError DATA_DIR_LOCKED naming the holder's pid), makes the data
 * directory when it is new (`migratedTemplate`: a copy of the migrated template when there is one)
 * and starts the database's thread; resolves when it accepts connections.
 */
export async function bootEmbedded(config: { dataDir: string; migratedTemplate?: boolean }): Promise<EmbeddedBoot> {
  const lock = acquireDataDirLock(config.dataDir);
  let worker: Worker | undefined;
  try {
    const pgDataDir = path.join(config.dataDir, 'pglite');
    fs.mkdirSync(pgDataDir, { recursive: true });
    const sharedBuffers = process.env.ZHILIANG_PGLITE_SHARED_BUFFERS?.trim() || undefined;
    let templateToBuild: string | undefined;
    if (!fs.existsSync(path.join(pgDataDir, 'PG_VERSION'))) {
      // a new data directory: a copy of the template when there is one for these migrations, else
      // initdb as before (the template is built later, when asked: buildTemplate)
      const root = config.migratedTemplate ? templateRoot() : undefined;
      const template = root ? templatePath(root, sharedBuffers) : undefined;
      if (template && templateReady(template)) restoreTemplate(template, pgDataDir);
      else {
        await initDataDir(pgDataDir, sharedBuffers, undefined);
        templateToBuild = template;
      }
    }
    worker = new Worker(WORKER_URL, { workerData: { pgDataDir, maxConnections: EMBEDDED_SOCKET_CONNECTIONS, sharedBuffers } });
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
    return { lock, worker, port, sharedBuffers, templateToBuild };
  } catch (e) {
    await worker?.terminate();
    lock.release();
    throw e;
  }
}

/**
 * initdb for a new data directory in a thread of its own that then ends, so the memory initdb
 * grows is returned before the database thread that serves the app starts (994 → about 500 MiB
 * RSS after a fresh start, measured in issue 10); with `migrationsFolder`, migrated too (the template).
 */
export async function initDataDir(pgDataDir: string, sharedBuffers: string | undefined, migrationsFolder: string | undefined, signal?: AbortSignal): Promise<void> {
  const w = new Worker(WORKER_URL, { workerData: { pgDataDir, initOnly: true, sharedBuffers, migrationsFolder } });
  const abort = () => void w.terminate();
  signal?.addEventListener('abort', abort);
  try {
    await new Promise<void>((resolve, reject) => {
      w.on('message', (m: { type: string; message?: string }) => {
        if (m.type === 'initialized') resolve();
        else if (m.type === 'error') reject(new AppError('EMBEDDED_DB_FAILED', `内置数据库初始化失败：${m.message}`, 500));
      });
      w.on('error', (e) => reject(new AppError('EMBEDDED_DB_FAILED', `内置数据库初始化失败：${e.message}`, 500)));
      w.on('exit', (code) => reject(new AppError('EMBEDDED_DB_FAILED', `内置数据库初始化进程意外退出（代码 ${code}）`, 500)));
    });
  } finally {
    signal?.removeEventListener('abort', abort);
    await w.terminate();
  }
}
