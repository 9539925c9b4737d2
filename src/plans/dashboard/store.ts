// SQL of the dashboard: what tells computed figures that they are out of date (and which plans a change concerns), overdue tasks.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';

/**
 * What tells computed figures that they are out of date: the tenant's newest audit entry (every change
 * to plans, targets, tasks, reports and departments writes one in its own transaction; the tenant's
 * writers are serialized by the audit chain's lock until they commit, so ids become visible in order),
 * the authority's holiday table and the platform's State Council schedule (count and newest edit; the
 * schedule's audit entry is written under the entering admin's tenant only). A few index lookups.
 */
export async function selectChangeMarks(db: DbOrTx, tenantId: number): Promise<{ auditId: number; calendar: string }> {
  const { rows } = await db.execute(sql`
    select (select coalesce(max(id), 0) from audit_log where tenant_id = ${tenantId})::text as audit_id,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from calendar_overrides where tenant_id = ${tenantId})
        || '/' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from calendar_official_years) as calendar`);
  const r = rows[0] as { audit_id: string; calendar: string };
  return { auditId: Number(r.audit_id), calendar: String(r.calendar) };
}

/** One audit entry after a mark, read for the plan it concerns (where the entry names one). */
export interface ChangeRow {
  id: number;
  entityType: string;
  action: string;
  entityId: string | null;
  /** the planId the entry's after/before snapshot records (targets, tasks, new reports) */
  planId: number | null;
}

/**
 * The tenant's audit entries with id > `afterId` (at most `limit` + 1 of them: more says "too many,
 * recompute everything"); the snapshots are read only for the kinds that carry a plan id.
 */
export async function selectChangesSince(db: DbOrTx, tenantId: number, afterId: number, limit: number): Promise<ChangeRow[]> {
  const { rows } = await db.execute(sql`
    select id, entity_type, action, entity_id,
      case when entity_type in ('target', 'task', 'progress_report') then coalesce(after->>'planId', before->>'planId') end as plan_id
    from audit_log where tenant_id = ${tenantId} and id > ${afterId}
    order by id limit ${limit + 1}`);
  return (rows as Record<string, unknown>[]).map((x) => ({
    id: Number(x.id),
    entityType: String(x.entity_type),
    action: String(x.action),
    entityId: (x.entity_id as string | null) ?? null,
    planId: x.plan_id === null || x.plan_id === undefined || !/^\d+$/.test(String(x.plan_id)) ? null : Number(x.plan_id),
  }));
}

/** The plans of these progress reports. */
export async function selectReportPlanIds(db: DbOrTx, tenantId: number, reportIds: number[]): Promise<number[]> {
  if (reportIds.length === 0) return [];
  const { rows } = await db.execute(sql`
    select distinct plan_id from progress_reports
    where tenant_id = ${tenantId} and id in (${sql.join(reportIds.map((id) => sql`${id}`), sql`, `)})`);
  return (rows as { plan_id: unknown }[]).map((r) => Number(r.plan_id));
}

/** Each department's place in the directory (the order of the overdue list after the due date and plan). */
export async function selectDepartmentOrder(db: DbOrTx, tenantId: number): Promise<Map<number, number>> {
  const { rows } = await db.execute(sql`select id, sort_order from departments where tenant_id = ${tenantId}`);
  return new Map((rows as { id: unknown; sort_order: unknown }[]).map((r) => [Number(r.id), Number(r.sort_order)]));
}

/**
 * Tasks of published plans past their due date without a 已完成 report: a task is done when, for any
 * of its departments, the item of its latest submitted or accepted report says `done` (the same
 * reading as the plan page). One set-based query for the whole authority (it was two per plan).
 */
export async function selectOverdueTasks(
  db: DbOrTx,
  tenantId: number,
  today: string,
  planIds?: readonly number[],
): Promise<{ planId: number; taskId: number; title: string; dueDate: string }[]> {
  const onlyPlans = (col: string) => (planIds ? sql` and ${sql.raw(col)} in (${sql.join(planIds.map((id) => sql`${id}`), sql`, `)})` : sql``);
  if (planIds?.length === 0) return [];
  const { rows } = await db.execute(sql`
    with latest as (
      select distinct on (i.task_id, r.department_id) i.task_id, i.status
      from progress_reports r
      join report_task_items i on i.tenant_id = ${tenantId} and i.report_id = r.id
      join reporting_periods per on per.tenant_id = ${tenantId} and per.id = r.period_id
      where r.tenant_id = ${tenantId} and r.status in ('submitted', 'accepted')${onlyPlans('r.plan_id')}
      order by i.task_id, r.department_id, per.start_date desc, r.submitted_at desc nulls last
    )
    select t.plan_id, t.id, t.title, t.due_date::text as due_date
    from tasks t
    join plans p on p.tenant_id = ${tenantId} and p.id = t.plan_id and p.status = 'published'
    where t.tenant_id = ${tenantId} and t.due_date < ${today}::date${onlyPlans('t.plan_id')}
      and not exists (select 1 from latest l where l.task_id = t.id and l.status = 'done')
    order by t.plan_id, t.sort_order, t.id`);
  return (rows as Record<string, unknown>[]).map((x) => ({ planId: Number(x.plan_id), taskId: Number(x.id), title: String(x.title), dueDate: String(x.due_date) }));
}
