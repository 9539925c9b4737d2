// SQL of the dashboard: what tells a cached dashboard that it is out of date.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';

/**
 * A mark that changes whenever the dashboard's inputs may have: every change to plans, targets,
 * reports and departments writes an audit entry in its own transaction (the newest entry's id), and
 * the authority's holiday table (count and newest edit). Two index lookups, whatever the data size.
 */
export async function selectChangeMark(db: DbOrTx, tenantId: number): Promise<string> {
  const { rows } = await db.execute(sql`
    select (select coalesce(max(id), 0) from audit_log where tenant_id = ${tenantId})::text
        || '/' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from calendar_overrides where tenant_id = ${tenantId}) as mark`);
  return String((rows[0] as { mark: string }).mark);
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
): Promise<{ planId: number; taskId: number; title: string; dueDate: string }[]> {
  const { rows } = await db.execute(sql`
    with latest as (
      select distinct on (i.task_id, r.department_id) i.task_id, i.status
      from progress_reports r
      join report_task_items i on i.tenant_id = ${tenantId} and i.report_id = r.id
      join reporting_periods per on per.tenant_id = ${tenantId} and per.id = r.period_id
      where r.tenant_id = ${tenantId} and r.status in ('submitted', 'accepted')
      order by i.task_id, r.department_id, per.start_date desc, r.submitted_at desc nulls last
    )
    select t.plan_id, t.id, t.title, t.due_date::text as due_date
    from tasks t
    join plans p on p.tenant_id = ${tenantId} and p.id = t.plan_id and p.status = 'published'
    where t.tenant_id = ${tenantId} and t.due_date < ${today}::date
      and not exists (select 1 from latest l where l.task_id = t.id and l.status = 'done')
    order by t.plan_id, t.sort_order, t.id`);
  return (rows as Record<string, unknown>[]).map((x) => ({ planId: Number(x.plan_id), taskId: Number(x.id), title: String(x.title), dueDate: String(x.due_date) }));
}
