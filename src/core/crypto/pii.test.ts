import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { forEachDb } from '../db/testing';
import { isPiiCiphertext, loadPiiKeyring, PiiKeyring, retirePiiKeys, rotatePiiKey } from './pii';
import { piiContext, reencryptColumn } from './pii-rotation';

const ring = (algorithm: 'A256GCM' | 'SM4CTR-HSM3') =>
  new PiiKeyring({ active: 'k1', algorithm, keys: { k1: crypto.randomBytes(32).toString('hex') } });

function flipChar(s: string, at: number): string {
  const c = s[at] === 'A' ? 'B' : 'A';
  return s.slice(0, at) + c + s.slice(at + 1);
}

describe.each(['A256GCM', 'SM4CTR-HSM3'] as const)('personal information, %s', (alg) => {
  it('round-trips Chinese text, with a fresh IV each time and the key id beside the ciphertext', () => {
    const k = ring(alg);
    const a = k.encrypt('张三 13800138000 浙江省舟山市普陀区', 'complaints.phone:1:7');
    const b = k.encrypt('张三 13800138000 浙江省舟山市普陀区', 'complaints.phone:1:7');
    expect(a).not.toBe(b);
    expect(a.startsWith(`zlpi:1:${alg}:k1:`)).toBe(true);
    expect(a).not.toContain('13800138000');
    expect(isPiiCiphertext(a)).toBe(true);
    expect(isPiiCiphertext('13800138000')).toBe(false);
    expect(k.decrypt(a, 'complaints.phone:1:7')).toBe('张三 13800138000 浙江省舟山市普陀区');
    expect(k.decrypt(k.encrypt(''), '')).toBe('');
  });

  it('detects tampering, a value moved to another row, and an unknown key', () => {
    const k = ring(alg);
    const v = k.encrypt('330902199001011234', 'complaints.id_number:1:7');
    const parts = v.split(':');
    for (const i of [4, 5, 6]) {
      const bad = [...parts];
      bad[i] = flipChar(bad[i], 2);
      expect(() => k.decrypt(bad.join(':'), 'complaints.id_number:1:7')).toThrow(expect.objectContaining({ code: 'PII_DECRYPT_FAILED' }));
    }
    expect(() => k.decrypt(v, 'complaints.id_number:1:8')).toThrow(expect.objectContaining({ code: 'PII_DECRYPT_FAILED' }));
    expect(() => ring(alg).decrypt(v, 'complaints.id_number:1:7')).toThrow(expect.objectContaining({ code: 'PII_DECRYPT_FAILED' }));
    expect(() => k.decrypt(v.replace(':k1:', ':k9:'), 'complaints.id_number:1:7')).toThrow(expect.objectContaining({ code: 'PII_DECRYPT_FAILED' }));
  });
});

describe('the keyring file', () => {
  it('is created 0600 beside the data, rotates to a new active key, and old values still decrypt until re-encrypted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-keys-'));
    try {
      const first = loadPiiKeyring(path.join(dir, 'keys'), {}, new Date('2026-03-01T00:00:00Z'));
      const file = path.join(dir, 'keys', 'pii-keys.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(first.active).toBe('k20260301');
      const old = first.encrypt('李四', 'x');

      const second = rotatePiiKey(path.join(dir, 'keys'), { algorithm: 'SM4CTR-HSM3', now: new Date('2026-03-01T08:00:00Z') });
      expect(second.active).toBe('k20260301-2');
      expect(second.keyIds()).toEqual(['k20260301', 'k20260301-2']);
      expect(second.decrypt(old, 'x')).toBe('李四');
      expect(second.needsRotation(old)).toBe(true);
      const moved = second.reencrypt(old, 'x');
      expect(moved.startsWith('zlpi:1:SM4CTR-HSM3:k20260301-2:')).toBe(true);
      expect(second.reencrypt(moved, 'x')).toBe(moved);

      const retired = retirePiiKeys(path.join(dir, 'keys'), ['k20260301']);
      expect(retired.decrypt(moved, 'x')).toBe('李四');
      expect(() => retired.decrypt(old, 'x')).toThrow(expect.objectContaining({ code: 'PII_DECRYPT_FAILED' }));
      expect(() => retirePiiKeys(path.join(dir, 'keys'), ['k20260301-2'])).toThrow(expect.objectContaining({ code: 'KEY_ACTIVE' }));

      fs.chmodSync(file, 0o644);
      expect(() => loadPiiKeyring(path.join(dir, 'keys'), {})).toThrow(expect.objectContaining({ code: 'KEY_FILE_EXPOSED' }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

forEachDb('personal information column rotation', (getDb) => {
  it('re-encrypts every value of a column under the new key, leaving the plain text unchanged', async () => {
    const { db } = getDb();
    await db.execute(sql`create table pii_demo (tenant_id bigint not null, id bigint not null, phone text, primary key (tenant_id, id))`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-keys-'));
    try {
      const before = loadPiiKeyring(dir, {});
      const phones = Array.from({ length: 1203 }, (_, i) => `1380013${String(i).padStart(4, '0')}`);
      const values = phones.map((p, i) => sql`(1, ${i + 1}, ${before.encrypt(p, piiContext('pii_demo', 'phone', 1, i + 1))})`);
      for (let i = 0; i < values.length; i += 400) await db.execute(sql`insert into pii_demo values ${sql.join(values.slice(i, i + 400), sql`, `)}`);
      await db.execute(sql`insert into pii_demo values (1, 9999, null)`);

      const after = rotatePiiKey(dir);
      expect(await reencryptColumn(db, after, { table: 'pii_demo', column: 'phone' })).toBe(1203);
      expect(await reencryptColumn(db, after, { table: 'pii_demo', column: 'phone' })).toBe(0);
      const { rows } = await db.execute<{ id: string; phone: string }>(sql`select id::text, phone from pii_demo where phone is not null order by pii_demo.id`);
      expect(rows.every((r) => r.phone.includes(`:${after.active}:`))).toBe(true);
      expect(rows.map((r) => after.decrypt(r.phone, piiContext('pii_demo', 'phone', 1, Number(r.id))))).toEqual(phones);
      // the old key is no longer needed
      const retired = retirePiiKeys(dir, [before.active]);
      expect(retired.decrypt(rows[0].phone, piiContext('pii_demo', 'phone', 1, 1))).toBe(phones[0]);
      await expect(reencryptColumn(db, after, { table: 'pii_demo; drop table users', column: 'phone' })).rejects.toMatchObject({ code: 'INVALID_COLUMN' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.execute(sql`drop table pii_demo`);
    }
  });
});
