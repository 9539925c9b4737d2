import type { Db, DbOrTx } from '../../core/db/index';
import type { Actor } from '../auth/model';
import { assertCan } from '../auth/policy';
import { badRequest } from '../../core/errors';
import { insertAudit, selectAudit } from './store';
import { auditNames } from './names';
import { chainHead, entryMac, lockChain } from './chain';
import type { AuditRow } from './tables';

export interface AuditEntry {
  actor: Actor;
  /** dotted verb, e.g. 'department.create', 'user.reset_password', 'auth.login' */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** defaults to actor.requestId */
  requestId?: string | null;
}

/** JSON-safe snapshot: Dates become ISO strings, bigints strings, secrets are dropped. */
export function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (k, v) => {
      if (k === 'passwordHash' || k === 'password' || k === 'tokenHash') return undefined;
      return typeof v === 'bigint' ? v.toString() : v;
    }),
  );
}

/**
 * Appends one audit record, chained (chain.ts). Call it INSIDE the transaction of the change it
 * records (pass `tx`), so a change that rolls back leaves no record and a recorded change always
 * happened. It holds the tenant's chain lock until that transaction ends; given the database
 * itself, it runs in a transaction of its own.
 */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<AuditRow> {
  if (!('rollback' in tx)) return (tx as Db).transaction((t) => writeAudit(t, entry));
  const tenantId = entry.actor.tenantId;
  await lockChain(tx, tenantId);
  const head = await chainHead(tx, tenantId);
  const fields = {
    tenantId,
    seq: (head?.seq ?? 0) + 1,
    // Millisecond precision, so the time read back is the time signed.
    at: new Date(),
    actorUserId: entry.actor.userId,
    actorName: entry.actor.displayName || entry.actor.username,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: snapshot(entry.before),
    after: snapshot(entry.after),
    requestId: entry.requestId ?? entry.actor.requestId ?? null,
    prevMac: head?.mac ?? '',
  };
  return insertAudit(tx, { ...fields, mac: entryMac(fields) });
}

export interface AuditFilters {
  /** actor user id */
  actorUserId?: number;
  /** substring of the actor's name */
  actor?: string;
  entityType?: string;
  entityId?: string;
  /** exact action or a prefix: 'department' matches 'department.create' … */
  action?: string;
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
  /** 1-based, default 1 */
  page?: number;
  /** default 20, max 200 */
  pageSize?: number;
}

export interface AuditPage {
  items: AuditRow[];
  /** the current names of the records' objects, by auditNameKey (names.ts) */
  names: Map<string, string>;
  total: number;
  page: number;
  pageSize: number;
}

/** The tenant's audit log, newest first, filtered. Admins only (`audit:read`). */
export async function listAudit(db: Db, actor: Actor, filters: AuditFilters = {}): Promise<AuditPage> {
  assertCan(actor, 'audit:read');
  const page = filters.page ?? 1;
  const pageSize = filters.pageSize ?? 20;
  if (!Number.isInteger(page) || page < 1) throw badRequest('页码应为正整数', 'INVALID_PAGE');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw badRequest('每页条数应在 1–200 之间', 'INVALID_PAGE');
  if (filters.from && filters.to && filters.from > filters.to) throw badRequest('开始时间不能晚于结束时间', 'INVALID_RANGE');
  const { items, total } = await selectAudit(db, {
    tenantId: actor.tenantId,
    actorUserId: filters.actorUserId,
    actorName: filters.actor?.trim() || undefined,
    entityType: filters.entityType,
    entityId: filters.entityId,
    action: filters.action?.trim() || undefined,
    from: filters.from,
    to: filters.to,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const names = await auditNames(db, actor.tenantId, items);
  return { items, names, total, page, pageSize };
}
