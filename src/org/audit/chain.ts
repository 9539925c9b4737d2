/**
 * The audit log's hash chain. Each tenant's entries are numbered 1, 2, 3 … (`seq`) and each carries
 * `mac` = HMAC-SM3(key, content of the entry ‖ mac of the previous entry). The key lives outside
 * the database (ZHILIANG_AUDIT_KEY, or `<keyDir>/audit.key`), so whoever can write the database —
 * the application's own role included, which can disable the append-only triggers — cannot rewrite,
 * insert or remove an entry without `verifyAuditChain` naming the first one that no longer fits.
 * (Cutting off the newest entries leaves a shorter valid chain: compare the count with an earlier
 * verification, which the command prints.)
 *
 * Writers of one tenant are serialized by a transaction-scoped advisory lock taken before reading
 * the previous mac, so concurrent transactions cannot fork the chain.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../core/db/index';
import { AppError } from '../../core/errors';
import { loadOrCreateHexKey, parseHexKey } from '../../core/crypto/keys';
import { auditLog, type AuditRow } from './tables';

let auditKeyBytes: Buffer | undefined;

/** Sets the process's audit key (start-up, CLI; tests set a random one). */
export function setAuditKey(key: Buffer): void {
  if (key.length < 32) throw new AppError('KEY_INVALID', '审计日志密钥至少 32 字节', 500);
  auditKeyBytes = Buffer.from(key);
}

export function hasAuditKey(): boolean {
  return auditKeyBytes !== undefined;
}

function auditKey(): Buffer {
  if (!auditKeyBytes) throw new AppError('AUDIT_KEY_MISSING', '审计日志密钥未加载，无法写入审计记录', 500);
  return auditKeyBytes;
}

/**
 * Loads the key: env ZHILIANG_AUDIT_KEY (hex, ≥ 64 characters) or the file `<keyDir>/audit.key`,
 * created on first start (0600). Returns where it came from, for the start banner.
 */
export function loadAuditKey(keyDir: string, env: Record<string, string | undefined> = process.env): { source: string; created: boolean } {
  const fromEnv = env.ZHILIANG_AUDIT_KEY?.trim();
  if (fromEnv) {
    setAuditKey(parseHexKey(fromEnv, '环境变量 ZHILIANG_AUDIT_KEY'));
    return { source: '环境变量 ZHILIANG_AUDIT_KEY', created: false };
  }
  const file = path.join(keyDir, 'audit.key');
  const { key, created } = loadOrCreateHexKey(file);
  setAuditKey(key);
  return { source: file, created };
}

/** JSON with object keys sorted at every level: jsonb does not keep the order it was given. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChainedFields = Pick<
  AuditRow,
  'tenantId' | 'seq' | 'at' | 'actorUserId' | 'actorName' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'requestId' | 'prevMac'
>;

/** HMAC-SM3 of an entry (hex). */
export function entryMac(e: ChainedFields, key: Buffer = auditKey()): string {
  const content = canonicalJson([
    'zl-audit-v1',
    String(e.tenantId),
    String(e.seq),
    e.at.toISOString(),
    e.actorUserId === null ? null : String(e.actorUserId),
    e.actorName,
    e.action,
    e.entityType,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
    e.requestId,
    e.prevMac,
  ]);
  return crypto.createHmac('sm3', key).update(content, 'utf8').digest('hex');
}

/** Takes the tenant's chain lock for the rest of the transaction (call inside one). */
export async function lockChain(tx: DbOrTx, tenantId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`zl_audit_chain:${tenantId}`}, 0))`);
}

/** The tenant's last chained entry (seq and mac), if any. */
export async function chainHead(tx: DbOrTx, tenantId: number): Promise<{ seq: number; mac: string } | undefined> {
  const [row] = await tx
    .select({ seq: auditLog.seq, mac: auditLog.mac })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), isNotNull(auditLog.seq)))
    .orderBy(sql`${auditLog.seq} desc`)
    .limit(1);
  return row && row.seq !== null && row.mac !== null ? { seq: row.seq, mac: row.mac } : undefined;
}

export interface ChainBreak {
  tenantId: number;
  /** the audit_log id of the first entry that does not verify */
  id: number;
  seq: number | null;
  at: Date;
  action: string;
  reason: 'mac' | 'prev_mac' | 'seq' | 'unchained';
  /** Chinese, for the CLI */
  message: string;
}

export interface ChainReport {
  tenantId: number;
  /** chained entries that verified before the first break (all of them when ok) */
  verified: number;
  /** entries written before the chain existed (null seq), before the first chained one */
  legacy: number;
  ok: boolean;
  firstBreak?: ChainBreak;
}

const BATCH = 1000;

/**
 * Walks a tenant's log in chain order and checks every entry: its seq follows the previous one, its
 * prev_mac is the previous mac, and its mac is right under the key. Stops at the first break.
 */
export async function verifyTenantChain(db: Db, tenantId: number, key: Buffer = auditKey()): Promise<ChainReport> {
  const legacyRows = await db.execute<{ n: string; last_id: string | null }>(
    sql`select count(*)::text as n, max(id)::text as last_id from audit_log where tenant_id = ${tenantId} and seq is null`,
  );
  const legacy = Number(legacyRows.rows[0].n);
  const lastLegacyId = legacyRows.rows[0].last_id === null ? null : Number(legacyRows.rows[0].last_id);
  let expectedSeq = 1;
  let prevMac = '';
  let verified = 0;
  const fail = (r: AuditRow, reason: ChainBreak['reason'], message: string): ChainReport => ({
    tenantId,
    verified,
    legacy,
    ok: false,
    firstBreak: { tenantId, id: r.id, seq: r.seq, at: r.at, action: r.action, reason, message },
  });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), isNotNull(auditLog.seq), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH);
    for (const r of rows) {
      if (r.seq !== expectedSeq) {
        return fail(r, 'seq', `序号不连续：应为 ${expectedSeq}，实为 ${r.seq}（其前的记录被删除）`);
      }
      if (r.prevMac !== prevMac) return fail(r, 'prev_mac', '与前一条记录的链接不符（前一条记录被改动、删除或插入了记录）');
      if (r.mac !== entryMac(r, key)) return fail(r, 'mac', '内容与校验码不符（该记录被改动）');
      prevMac = r.mac!;
      expectedSeq += 1;
      verified += 1;
    }
    if (rows.length < BATCH) break;
  }
  // An unchained row after the chain began was inserted behind the application's back.
  if (lastLegacyId !== null && verified > 0) {
    const [late] = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, tenantId),
          sql`${auditLog.seq} is null`,
          sql`${auditLog.id} > (select min(id) from audit_log where tenant_id = ${tenantId} and seq is not null)`,
        ),
      )
      .orderBy(asc(auditLog.id))
      .limit(1);
    if (late) return fail(late, 'unchained', '链开始之后出现了未签名的记录（绕过应用直接插入）');
  }
  return { tenantId, verified, legacy, ok: true };
}

/** Verifies every tenant's chain (or the given ones). */
export async function verifyAuditChain(db: Db, opts: { tenantIds?: number[]; key?: Buffer } = {}): Promise<ChainReport[]> {
  const ids =
    opts.tenantIds ??
    (await db.execute<{ tenant_id: string }>(sql`select distinct tenant_id::text as tenant_id from audit_log order by 1`)).rows.map((r) => Number(r.tenant_id));
  const reports: ChainReport[] = [];
  for (const id of ids) reports.push(await verifyTenantChain(db, id, opts.key ?? auditKey()));
  return reports;
}
