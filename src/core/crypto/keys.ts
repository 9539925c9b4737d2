/**
 * Keys kept outside the database: a directory beside the data directory (Config.keyDir, default
 * `<dataDir>-keys`), created 0700 with key files 0600 on first start. A database backup therefore
 * does not carry the keys that protect it; back the key directory up separately (docs/decisions).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/** Makes `dir` (0700) if missing. */
export function ensureKeyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Reads a hex key file, or creates it with `bytes` random bytes (0600, written atomically so two
 * processes starting at once agree on one key). Refuses a file others may read.
 */
export function loadOrCreateHexKey(file: string, bytes = 32): { key: Buffer; created: boolean } {
  ensureKeyDir(path.dirname(file));
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, `${crypto.randomBytes(bytes).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file); // fails if another process made it first: then use theirs
      fs.unlinkSync(tmp);
      return { key: readHexKey(file, bytes), created: true };
    } catch {
      fs.unlinkSync(tmp);
    }
  }
  return { key: readHexKey(file, bytes), created: false };
}

export function readHexKey(file: string, minBytes = 32): Buffer {
  const st = fs.statSync(file);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new AppError('KEY_FILE_EXPOSED', `密钥文件 ${file} 的权限过宽（应为 600，仅属主可读写），请执行 chmod 600`, 500);
  }
  return parseHexKey(fs.readFileSync(file, 'utf8'), file, minBytes);
}

export function parseHexKey(text: string, where: string, minBytes = 32): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2 !== 0 || hex.length < minBytes * 2) {
    throw new AppError('KEY_INVALID', `${where} 中的密钥无效：应为至少 ${minBytes * 2} 位十六进制字符`, 500);
  }
  return Buffer.from(hex, 'hex');
}
