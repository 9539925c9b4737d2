// Files uploaded for import (the register; credit's events), spooled to disk between the upload (the
// mapping step) and the import, then removed. Nothing of an upload is held in the server's memory:
// the file streams to `<data dir>/uploads/<id>` and who uploaded it to `<id>.json` beside it, so a
// restart between the mapping step and the start of the import loses nothing and a 200 MB file
// costs no memory. An upload belongs to one tenant and is removed after an hour (swept on the next upload).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../core/errors';
import { IMPORT_LIMITS, uploadTooLargeMessage } from './model';

export interface Upload {
  path: string;
  fileName: string;
  tenantId: number;
  at: number;
}

const KEEP_MS = 3600_000;
let baseDir: string | null = null;

/** Where uploads are spooled: the server sets `<data dir>/uploads` at start; tests and tools get a temp dir. */
export function setUploadDir(dir: string): void {
  baseDir = dir;
}

function dir(): string {
  const d = baseDir ?? path.join(os.tmpdir(), 'zhiliang-uploads');
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
}

const ID = /^[0-9a-f]{32}$/;
const filePath = (id: string) => path.join(dir(), id);
const metaPath = (id: string) => path.join(dir(), `${id}.json`);

function sweep(now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir());
  } catch {
    return;
  }
  for (const n of names) {
    const p = path.join(dir(), n);
    try {
      if (now - fs.statSync(p).mtimeMs > KEEP_MS) fs.rmSync(p, { force: true });
    } catch {
      /* removed meanwhile */
    }
  }
}

/** Streams an upload to disk; refuses it when it passes the size limit (`truncated` from the multipart parser). */
export async function saveUpload(tenantId: number, fileName: string, stream: Readable & { truncated?: boolean }, command: 'enterprises' | 'credit' = 'enterprises'): Promise<{ uploadId: string; path: string }> {
  sweep();
  const uploadId = crypto.randomBytes(16).toString('hex');
  const p = filePath(uploadId);
  try {
    await pipeline(stream, fs.createWriteStream(p, { mode: 0o600 }));
  } catch (e) {
    fs.rmSync(p, { force: true });
    throw e;
  }
  if (stream.truncated) {
    fs.rmSync(p, { force: true });
    throw new AppError('FILE_TOO_LARGE', uploadTooLargeMessage(command), 413);
  }
  const meta: Upload = { path: p, fileName, tenantId, at: Date.now() };
  fs.writeFileSync(metaPath(uploadId), JSON.stringify({ fileName, tenantId, at: meta.at }), { mode: 0o600 });
  return { uploadId, path: p };
}

export function takeUpload(tenantId: number, uploadId: string): Upload {
  const gone = () => new AppError('UPLOAD_NOT_FOUND', '上传的文件已过期或不存在，请重新上传', 404);
  if (!ID.test(uploadId)) throw gone();
  let meta: { fileName: string; tenantId: number; at: number };
  try {
    meta = JSON.parse(fs.readFileSync(metaPath(uploadId), 'utf8')) as typeof meta;
  } catch {
    throw gone();
  }
  if (meta.tenantId !== tenantId || Date.now() - meta.at > KEEP_MS || !fs.existsSync(filePath(uploadId))) throw gone();
  return { path: filePath(uploadId), fileName: meta.fileName, tenantId, at: meta.at };
}

export function dropUpload(uploadId: string): void {
  if (!ID.test(uploadId)) return;
  fs.rm(filePath(uploadId), { force: true }, () => {});
  fs.rm(metaPath(uploadId), { force: true }, () => {});
}
