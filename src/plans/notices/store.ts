// SQL of notices (督查通报). Every query filters by tenant.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { tenants } from '../../org/tenancy/tables';
import { departments } from '../../org/departments/tables';
import { noticeDepartments, notices, notifications, plans, reportingPeriods, type NoticeRow, type PlanRow, type ReportingPeriodRow } from '../tables';

export async function insertNotice(db: DbOrTx, row: typeof notices.$inferInsert, departmentIds: number[]): Promise<NoticeRow> {
  const [n] = await db.insert(notices).values(row).returning();
  if (departmentIds.length) {
    await db.insert(noticeDepartments).values(departmentIds.map((d) => ({ tenantId: row.tenantId, noticeId: n.id, departmentId: d })));
  }
  return n;
}

export async function selectNotice(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<NoticeRow | undefined> {
  const q = db.select().from(notices).where(and(eq(notices.tenantId, tenantId), eq(notices.id, id)));
  const [n] = forUpdate ? await q.for('update') : await q;
  return n;
}

/** Notices newest first; with `departmentId`, only those concerning that department. */
export async function selectNotices(
  db: DbOrTx,
  tenantId: number,
  opts: { status?: string; departmentId?: number; planId?: number; limit?: number; offset?: number } = {},
): Promise<NoticeRow[]> {
  const q = db
    .select()
    .from(notices)
    .where(and(...noticeConds(tenantId, opts)))
    .orderBy(desc(notices.createdAt), desc(notices.id));
  return opts.limit !== undefined ? q.limit(opts.limit).offset(opts.offset ?? 0) : q;
}

export async function countNotices(db: DbOrTx, tenantId: number, opts: { status?: string; departmentId?: number; planId?: number } = {}): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(notices).where(and(...noticeConds(tenantId, opts)));
  return Number(r?.n ?? 0);
}

function noticeConds(tenantId: number, opts: { status?: string; departmentId?: number; planId?: number }): SQL[] {
  const conds: SQL[] = [eq(notices.tenantId, tenantId)];
  if (opts.status) conds.push(eq(notices.status, opts.status));
  if (opts.planId !== undefined) conds.push(eq(notices.planId, opts.planId));
  if (opts.departmentId !== undefined) {
    conds.push(
      sql`exists (select 1 from ${noticeDepartments} nd where nd.tenant_id = ${tenantId} and nd.notice_id = ${notices.id} and nd.department_id = ${opts.departmentId})`,
    );
  }
  return conds;
}

export async function selectNoticeDepartments(db: DbOrTx, tenantId: number, noticeIds: number[]): Promise<{ noticeId: number; id: number; name: string }[]> {
  if (noticeIds.length === 0) return [];
  return db
    .select({ noticeId: noticeDepartments.noticeId, id: departments.id, name: departments.name })
    .from(noticeDepartments)
    .innerJoin(departments, and(eq(departments.tenantId, noticeDepartments.tenantId), eq(departments.id, noticeDepartments.departmentId)))
    .where(and(eq(noticeDepartments.tenantId, tenantId), inArray(noticeDepartments.noticeId, noticeIds)))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

export async function replaceNoticeDepartments(db: DbOrTx, tenantId: number, noticeId: number, departmentIds: number[]): Promise<void> {
  await db.delete(noticeDepartments).where(and(eq(noticeDepartments.tenantId, tenantId), eq(noticeDepartments.noticeId, noticeId)));
  if (departmentIds.length) await db.insert(noticeDepartments).values(departmentIds.map((d) => ({ tenantId, noticeId, departmentId: d })));
}

export async function updateNoticeIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof notices.$inferInsert>,
): Promise<NoticeRow | undefined> {
  const [n] = await db
    .update(notices)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(notices.tenantId, tenantId), eq(notices.id, id), eq(notices.version, version)))
    .returning();
  return n;
}

export async function deleteNoticeIfVersion(db: DbOrTx, tenantId: number, id: number, version: number): Promise<boolean> {
  const r = await db
    .delete(notices)
    .where(and(eq(notices.tenantId, tenantId), eq(notices.id, id), eq(notices.version, version), eq(notices.status, 'draft')))
    .returning({ id: notices.id });
  return r.length > 0;
}

/** Serializes 文号 numbering of one tenant inside the caller's transaction. */
export async function lockNoticeNumbering(tx: DbOrTx, tenantId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`zl_notice_number:${tenantId}`}))`);
}

/** 文号 already used by an issued notice of the tenant that start with `prefix〔year〕`. */
export async function selectIssuedNumbers(db: DbOrTx, tenantId: number): Promise<string[]> {
  const rows = await db
    .select({ n: notices.documentNumber })
    .from(notices)
    .where(and(eq(notices.tenantId, tenantId), eq(notices.status, 'issued')));
  return rows.map((r) => r.n).filter((n): n is string => !!n);
}

export async function insertNoticeNotifications(
  db: DbOrTx,
  tenantId: number,
  noticeId: number,
  title: string,
  departmentIds: number[],
): Promise<void> {
  if (departmentIds.length === 0) return;
  await db
    .insert(notifications)
    .values(
      departmentIds.map((d) => ({
        tenantId,
        departmentId: d,
        kind: 'notice_issued',
        title: `督查通报：${title}`,
        body: '领导小组办公室印发了涉及本单位的督查通报，请及时查阅并落实整改。',
        link: `/notices/${noticeId}`,
        dedupeKey: `notice:${noticeId}:${d}`,
      })),
    )
    .onConflictDoNothing();
}

export async function selectPeriod(db: DbOrTx, tenantId: number, id: number): Promise<ReportingPeriodRow | undefined> {
  const [p] = await db
    .select()
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.tenantId, tenantId), eq(reportingPeriods.id, id)));
  return p;
}

export async function selectPlanRow(db: DbOrTx, tenantId: number, id: number): Promise<PlanRow | undefined> {
  const [p] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)));
  return p;
}

export async function selectPublishedPlans(db: DbOrTx, tenantId: number): Promise<{ id: number; title: string }[]> {
  return db
    .select({ id: plans.id, title: plans.title })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.status, 'published')))
    .orderBy(asc(plans.id));
}

export async function selectDepartmentOrder(db: DbOrTx, tenantId: number): Promise<Map<number, { name: string; order: number }>> {
  const rows = await db
    .select({ id: departments.id, name: departments.name, sortOrder: departments.sortOrder })
    .from(departments)
    .where(eq(departments.tenantId, tenantId));
  return new Map(rows.map((r) => [r.id, { name: r.name, order: r.sortOrder * 1e6 + r.id }]));
}

export async function selectTenantName(db: DbOrTx, tenantId: number): Promise<string> {
  const [t] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return t?.name ?? '';
}
