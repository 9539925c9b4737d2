import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../core/db/index';
import { auditLog, type AuditRow } from './tables';

export async function insertAudit(tx: DbOrTx, row: typeof auditLog.$inferInsert): Promise<AuditRow> {
  const [r] = await tx.insert(auditLog).values(row).returning();
  return r;
}

export interface AuditQuery {
  tenantId: number;
  actorUserId?: number;
  actorName?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function selectAudit(db: Db, q: AuditQuery): Promise<{ items: AuditRow[]; total: number }> {
  const conds: SQL[] = [eq(auditLog.tenantId, q.tenantId)];
  if (q.actorUserId !== undefined) conds.push(eq(auditLog.actorUserId, q.actorUserId));
  if (q.actorName) conds.push(ilike(auditLog.actorName, `%${q.actorName.replace(/[%_\\]/g, '\\$&')}%`));
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.action) conds.push(or(eq(auditLog.action, q.action), ilike(auditLog.action, `${q.action.replace(/[%_\\]/g, '\\$&')}.%`))!);
  if (q.from) conds.push(gte(auditLog.at, q.from));
  if (q.to) conds.push(lt(auditLog.at, q.to));
  const where = and(...conds);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { items, total: Number(total) };
}
