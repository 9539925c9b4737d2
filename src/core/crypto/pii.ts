/**
 * Personal information in a column (a complainant's name, phone, ID number), encrypted under a key
 * kept outside the database (docs/decisions/015-personal-information-encryption.md).
 *
 * A stored value is one text:  zlpi:1:<alg>:<keyId>:<iv>:<ciphertext>:<tag>  (base64url parts)
 *
 * - alg `A256GCM`: AES-256-GCM, 96-bit IV, 128-bit tag.
 * - alg `SM4CTR-HSM3`: SM4-CTR, encrypt-then-MAC with HMAC-SM3 (256-bit tag) — the 国密 choice for
 *   密评, since Node's OpenSSL (3.0) has no SM4-GCM. The two sub-keys come from the 32-byte key
 *   by HMAC-SM3 with fixed labels.
 *
 * The key id travels with each value, so keys rotate: a new active key encrypts from then on, old
 * keys still decrypt, and `reencrypt` moves a value to the active key. An optional context string
 * (table, column, tenant, row id) is authenticated with the value, so a ciphertext copied into
 * another row or column does not decrypt.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { ensureKeyDir } from './keys';

export type PiiAlgorithm = 'A256GCM' | 'SM4CTR-HSM3';
export const PII_ALGORITHMS: readonly PiiAlgorithm[] = ['A256GCM', 'SM4CTR-HSM3'];
const PREFIX = 'zlpi';
const VERSION = '1';

export interface KeyringData {
  /** the key id new values are encrypted with */
  active: string;
  /** algorithm for new values (default A256GCM) */
  algorithm?: PiiAlgorithm;
  /** key id → 32 bytes, hex */
  keys: Record<string, string>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export const decryptFailed = () =>
  new AppError('PII_DECRYPT_FAILED', '个人信息无法解密：数据被改动、放错了位置，或缺少加密时所用的密钥', 500);

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function subKey(key: Buffer, label: string, length: number): Buffer {
  return crypto.createHmac('sm3', key).update(label).digest().subarray(0, length);
}

export class PiiKeyring {
  private readonly keys = new Map<string, Buffer>();
  readonly active: string;
  readonly algorithm: PiiAlgorithm;

  constructor(data: KeyringData) {
    for (const [id, hex] of Object.entries(data.keys)) {
      if (!KEY_ID.test(id)) throw new AppError('KEY_INVALID', `个人信息密钥编号无效：${id}`, 500);
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new AppError('KEY_INVALID', `个人信息密钥 ${id} 无效：应为 64 位十六进制字符`, 500);
      this.keys.set(id, Buffer.from(hex, 'hex'));
    }
    if (!this.keys.has(data.active)) throw new AppError('KEY_INVALID', `当前个人信息密钥 ${data.active} 不在密钥环中`, 500);
    this.active = data.active;
    this.algorithm = data.algorithm ?? 'A256GCM';
    if (!PII_ALGORITHMS.includes(this.algorithm)) throw new AppError('KEY_INVALID', `不支持的加密算法：${this.algorithm}`, 500);
  }

  keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Encrypts `plain` under the active key; `context` (e.g. "complaints.phone:3:1042") is authenticated too. */
  encrypt(plain: string, context = ''): string {
    const key = this.keys.get(this.active)!;
    const header = `${PREFIX}:${VERSION}:${this.algorithm}:${this.active}`;
    const aad = Buffer.from(`${header}\u0000${context}`, 'utf8');
    if (this.algorithm === 'A256GCM') {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(aad);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `${header}:${b64(iv)}:${b64(ct)}:${b64(c.getAuthTag())}`;
    }
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-ctr', subKey(key, 'zlpi-sm4-enc', 16), iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const tag = crypto.createHmac('sm3', subKey(key, 'zlpi-sm3-mac', 32)).update(aad).update(iv).update(ct).digest();
    return `${header}:${b64(iv)}:${b64(ct)}:${b64(tag)}`;
  }

  /** The plain text; PII_DECRYPT_FAILED when the value was altered, moved (other context) or its key is unknown. */
  decrypt(stored: string, context = ''): string {
    const p = parse(stored);
    const key = p && this.keys.get(p.keyId);
    if (!p || !key) throw decryptFailed();
    const aad = Buffer.from(`${p.header}\u0000${context}`, 'utf8');
    try {
      if (p.alg === 'A256GCM') {
        if (p.iv.length !== 12 || p.tag.length !== 16) throw decryptFailed();
        const d = crypto.createDecipheriv('aes-256-gcm', key, p.iv);
        d.setAAD(aad);
        d.setAuthTag(p.tag);
        return Buffer.concat([d.update(p.ct), d.final()]).toString('utf8');
      }
      const expected = crypto.createHmac('sm3', subKey(key, 'zlpi-sm3-mac', 32)).update(aad).update(p.iv).update(p.ct).digest();
      if (p.iv.length !== 16 || p.tag.length !== expected.length || !crypto.timingSafeEqual(p.tag, expected)) throw decryptFailed();
      const d = crypto.createDecipheriv('sm4-ctr', subKey(key, 'zlpi-sm4-enc', 16), p.iv);
      return Buffer.concat([d.update(p.ct), d.final()]).toString('utf8');
    } catch {
      throw decryptFailed();
    }
  }

  /** Is the value under another key or algorithm than the active ones? */
  needsRotation(stored: string): boolean {
    const p = parse(stored);
    return !p || p.keyId !== this.active || p.alg !== this.algorithm;
  }

  /** The value re-encrypted under the active key (unchanged when it already is). */
  reencrypt(stored: string, context = ''): string {
    if (!this.needsRotation(stored)) return stored;
    return this.encrypt(this.decrypt(stored, context), context);
  }
}

/** Is `value` one of our ciphertexts (rather than plain text from before encryption)? */
export function isPiiCiphertext(value: string): boolean {
  return parse(value) !== null;
}

function parse(stored: string): { header: string; alg: PiiAlgorithm; keyId: string; iv: Buffer; ct: Buffer; tag: Buffer } | null {
  const parts = typeof stored === 'string' ? stored.split(':') : [];
  if (parts.length !== 7 || parts[0] !== PREFIX || parts[1] !== VERSION) return null;
  const [, , alg, keyId, iv, ct, tag] = parts;
  if (!PII_ALGORITHMS.includes(alg as PiiAlgorithm) || !KEY_ID.test(keyId)) return null;
  if (![iv, ct, tag].every((s) => /^[A-Za-z0-9_-]*$/.test(s))) return null;
  return { header: parts.slice(0, 4).join(':'), alg: alg as PiiAlgorithm, keyId, iv: unb64(iv), ct: unb64(ct), tag: unb64(tag) };
}

// ---- the keyring file: <keyDir>/pii-keys.json (0600) ----

export const keyringFile = (keyDir: string) => path.join(keyDir, 'pii-keys.json');

function newKeyId(existing: string[], now: Date): string {
  const base = `k${now.toISOString().slice(0, 10).replace(/-/g, '')}`;
  let id = base;
  for (let n = 2; existing.includes(id); n++) id = `${base}-${n}`;
  return id;
}

function writeKeyring(file: string, data: KeyringData): void {
  ensureKeyDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * The keyring from env ZHILIANG_PII_KEYS (the file's JSON) or `<keyDir>/pii-keys.json`, created with
 * one fresh key on first use.
 */
export function loadPiiKeyring(keyDir: string, env: Record<string, string | undefined> = process.env, now = new Date()): PiiKeyring {
  const fromEnv = env.ZHILIANG_PII_KEYS?.trim();
  if (fromEnv) return new PiiKeyring(JSON.parse(fromEnv) as KeyringData);
  const file = keyringFile(keyDir);
  if (!fs.existsSync(file)) {
    const id = newKeyId([], now);
    writeKeyring(file, { active: id, algorithm: 'A256GCM', keys: { [id]: crypto.randomBytes(32).toString('hex') } });
  }
  const st = fs.statSync(file);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new AppError('KEY_FILE_EXPOSED', `密钥文件 ${file} 的权限过宽（应为 600），请执行 chmod 600`, 500);
  }
  return new PiiKeyring(JSON.parse(fs.readFileSync(file, 'utf8')) as KeyringData);
}

/**
 * Adds a new key to the keyring file and makes it the active one (old keys stay, to decrypt what
 * they encrypted until it is re-encrypted). Optionally switches the algorithm. Returns the new keyring.
 */
export function rotatePiiKey(keyDir: string, opts: { algorithm?: PiiAlgorithm; now?: Date } = {}): PiiKeyring {
  const current = loadPiiKeyring(keyDir, {}, opts.now);
  const file = keyringFile(keyDir);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyringData;
  const id = newKeyId(Object.keys(data.keys), opts.now ?? new Date());
  data.keys[id] = crypto.randomBytes(32).toString('hex');
  data.active = id;
  data.algorithm = opts.algorithm ?? current.algorithm;
  writeKeyring(file, data);
  return new PiiKeyring(data);
}

/** Removes keys no value uses any more (after re-encryption); refuses the active one. */
export function retirePiiKeys(keyDir: string, keyIds: string[]): PiiKeyring {
  const file = keyringFile(keyDir);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyringData;
  for (const id of keyIds) {
    if (id === data.active) throw new AppError('KEY_ACTIVE', `不能删除当前使用的密钥 ${id}`, 400);
    delete data.keys[id];
  }
  writeKeyring(file, data);
  return new PiiKeyring(data);
}
