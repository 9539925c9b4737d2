// The embedded server's control socket: `<dataDir>/zhiliang.sock`, a Unix socket only the data
// directory's owner can open (0600; whoever can read the data directory can read the data anyway).
// While the server runs it holds the data directory's lock, so no other process may open PGlite;
// `zhiliang db backup` asks the server through this socket instead, and the server writes the backup
// through its own connection (one consistent snapshot, src/core/db/backup.ts).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Db } from '../core/db/index';
import { writeBackup } from '../core/db/backup';

export const CONTROL_SOCKET = 'zhiliang.sock';
/** Unix socket paths longer than this are refused by the OS (sun_path is 108 bytes on Linux). */
const MAX_SOCKET_PATH = 103;

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, CONTROL_SOCKET);
}

export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on the control socket. Returns undefined (and says why through `warn`) where a Unix socket
 * cannot be made: the data directory's path too long, or Windows.
 */
export async function startControlSocket(dataDir: string, db: Db, warn: (line: string) => void): Promise<ControlSocket | undefined> {
  const socketPath = controlSocketPath(dataDir);
  if (process.platform === 'win32' || Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    warn(`  在线备份不可用：数据目录路径过长或系统不支持（${socketPath}）；请停止服务后再运行 zhiliang db backup`);
    return undefined;
  }
  fs.rmSync(socketPath, { force: true }); // left by a server that died: we hold the data-dir lock now
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/backup') {
      res.writeHead(200, { 'content-type': 'application/gzip' });
      writeBackup(db, res).catch((e: Error) => {
        // the status line is gone: cut the stream, the client sees no end marker and refuses the file
        res.destroy(e);
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'NOT_FOUND', message: '未知的控制命令' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}
