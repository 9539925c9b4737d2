// Register files uploaded for import, kept on disk between the upload (the mapping step) and the
// start of the import, then removed. In this process's memory: an upload belongs to one tenant and
// is forgotten after an hour.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../core/errors';
import { IMPORT_LIMITS } from './model';

interface Upload {
  path: string;
  fileName: string;
  tenantId: number;
  at: number;
}

const KEEP_MS = 3600_000;
const uploads = new Map<string, Upload>();
const dir = () => {
  const d = path.join(os.tmpdir(), 'zhiliang-enterprise-uploads');
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
};

function sweep(now = Date.now()): void {
  for (const [id, u] of uploads) {
    if (now - u.at > KEEP_MS) {
      fs.rm(u.path, { force: true }, () => {});
      uploads.delete(id);
    }
  }
}

/** Streams an upload to disk; refuses it when it passes the size limit (`truncated` from the multipart parser). */
export async function saveUpload(tenantId: number, fileName: string, stream: Readable & { truncated?: boolean }): Promise<{ uploadId: string; path: string }> {
  sweep();
  const uploadId = crypto.randomBytes(16).toString('hex');
  const p = path.join(dir(), uploadId);
  await pipeline(stream, fs.createWriteStream(p, { mode: 0o600 }));
  if (stream.truncated) {
    fs.rmSync(p, { force: true });
    throw new AppError('FILE_TOO_LARGE', `文件过大，不能超过 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB。请按区域分成几个文件导入。`, 413);
  }
  uploads.set(uploadId, { path: p, fileName, tenantId, at: Date.now() });
  return { uploadId, path: p };
}

export function takeUpload(tenantId: number, uploadId: string): Upload {
  const u = uploads.get(uploadId);
  if (!u || u.tenantId !== tenantId) throw new AppError('UPLOAD_NOT_FOUND', '上传的文件已过期或不存在，请重新上传', 404);
  return u;
}

export function dropUpload(uploadId: string): void {
  const u = uploads.get(uploadId);
  if (!u) return;
  uploads.delete(uploadId);
  fs.rm(u.path, { force: true }, () => {});
}
