// SQL: the tracking records that supervision judges — responsible departments, the latest
// submitted target values and task statuses (the reports due and when they were submitted come
// from selectObligations in src/plans/progress/store.ts). Shared by
// notices (督查通报), the annual assessment (考核) and the public plan page. Every query filters by
// tenant. Only submitted and accepted reports count (drafts and returned reports do not), as in
// the tracking rules (src/plans/progress/model.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import type { ObligationRow } from '../progress/store';

const COUNTED = sql`('submitted', 'accepted')`;

const inList = (ids: readonly number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

export interface RecordScope {
  /** plan statuses considered (default published) */
  planStatuses?: readonly string[];
  planIds?: readonly number[];
}

function planFilter(alias: string, scope: RecordScope): SQL {
  const statuses = scope.planStatuses ?? ['published'];
  const parts: SQL[] = [sql`${sql.raw(alias)}.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})`];
  if (scope.planIds?.length) parts.push(sql`${sql.raw(alias)}.id in (${inList(scope.planIds)})`);
  return sql.join(parts, sql` and `);
}

export interface TargetRecord {
  id: number;
  planId: number;
  planTitle: string;
  indicator: string;
  comparator: string;
  value: number;
  valueMax: number | null;
  unit: string;
  kind: string;
  deadlineYear: number | null;
  baselineValue: number | null;
  baselineDate: string | null;
  tolerance: number | null;
  sortOrder: number;
  planStartYear: number | null;
  planEndYear: number | null;
  warningMarginPct: number;
  planPublishedAt: Date | null;
  planCreatedAt: Date;
  /** responsible departments, lead first */
  departments: { id: number; name: string; role: 'lead' | 'co' }[];
}

/** Targets of the plans in scope, with their plan's settings and responsible departments. */
export async function selectTargetRecords(db: DbOrTx, tenantId: number, scope: RecordScope): Promise<TargetRecord[]> {
  const r = await db.execute<Record<string, unknown>>(sql`
    select t.id::text as id, t.plan_id::text as plan_id, p.title as plan_title, t.indicator, t.comparator,
           t.value::float8 as value, t.value_max::float8 as value_max, t.unit, t.kind, t.deadline_year,
           t.baseline_value::float8 as baseline_value, t.baseline_date::text as baseline_date, t.tolerance::float8 as tolerance,
           t.sort_order, p.period_start_year, p.period_end_year, p.warning_margin_pct::float8 as warning_margin_pct,
           p.published_at, p.created_at,
           coalesce((select json_agg(json_build_object('id', d.id::text, 'name', d.name, 'role', td.role) order by (td.role <> 'lead'), td.sort_order, d.id)
                       from target_departments td join departments d on d.tenant_id = td.tenant_id and d.id = td.department_id
                      where td.tenant_id = t.tenant_id and td.target_id = t.id), '[]'::json) as departments
      from targets t join plans p on p.tenant_id = t.tenant_id and p.id = t.plan_id
     where t.tenant_id = ${tenantId} and ${planFilter('p', scope)}
     order by p.id, t.sort_order, t.id`);
  return r.rows.map((x) => ({
    id: Number(x.id),
    planId: Number(x.plan_id),
    planTitle: String(x.plan_title),
    indicator: String(x.indicator),
    comparator: String(x.comparator),
    value: Number(x.value),
    valueMax: x.value_max === null ? null : Number(x.value_max),
    unit: String(x.unit),
    kind: String(x.kind),
    deadlineYear: x.deadline_year === null ? null : Number(x.deadline_year),
    baselineValue: x.baseline_value === null ? null : Number(x.baseline_value),
    baselineDate: (x.baseline_date as string | null) ?? null,
    tolerance: x.tolerance === null ? null : Number(x.tolerance),
    sortOrder: Number(x.sort_order),
    planStartYear: x.period_start_year === null ? null : Number(x.period_start_year),
    planEndYear: x.period_end_year === null ? null : Number(x.period_end_year),
    warningMarginPct: Number(x.warning_margin_pct),
    planPublishedAt: x.published_at ? new Date(x.published_at as string | Date) : null,
    planCreatedAt: new Date(x.created_at as string | Date),
    departments: (x.departments as { id: string; name: string; role: 'lead' | 'co' }[]).map((d) => ({ id: Number(d.id), name: d.name, role: d.role })),
  }));
}

/**
 * The latest counted value of each target with `as_of` on or before `upTo` (all when omitted):
 * the greatest as_of, then the latest report.
 */
export async function selectLatestValues(
  db: DbOrTx,
  tenantId: number,
  targetIds: readonly number[],
  upTo?: string,
  opts: { acceptedOnly?: boolean } = {},
): Promise<Map<number, { value: number; asOf: string }>> {
  const out = new Map<number, { value: number; asOf: string }>();
  if (targetIds.length === 0) return out;
  const r = await db.execute<{ target_id: string; value: number; as_of: string }>(sql`
    select distinct on (v.target_id) v.target_id::text as target_id, v.value::float8 as value, v.as_of::text as as_of
      from report_target_values v join progress_reports r on r.tenant_id = v.tenant_id and r.id = v.report_id
     where v.tenant_id = ${tenantId} and r.status in ${opts.acceptedOnly ? sql`('accepted')` : COUNTED} and v.target_id in (${inList(targetIds)})
       ${upTo ? sql`and v.as_of <= ${upTo}::date` : sql``}
     order by v.target_id, v.as_of desc, r.submitted_at desc nulls last, r.id desc`);
  for (const x of r.rows) out.set(Number(x.target_id), { value: Number(x.value), asOf: x.as_of });
  return out;
}

export interface TaskRecord {
  id: number;
  planId: number;
  planTitle: string;
  marker: string | null;
  title: string;
  dueDate: string | null;
  planStartYear: number | null;
  planEndYear: number | null;
  planPublishedAt: Date | null;
  planCreatedAt: Date;
  departments: { id: number; name: string; role: 'lead' | 'co' }[];
  /** the latest counted status (by the period's end, then submission), null when never reported */
  latest: { status: string; note: string | null; periodLabel: string; periodEnd: string; departmentId: number } | null;
}

/** Tasks of the plans in scope with their latest counted status in a period ending on or before `upTo`. */
export async function selectTaskRecords(db: DbOrTx, tenantId: number, scope: RecordScope, upTo?: string): Promise<TaskRecord[]> {
  const r = await db.execute<Record<string, unknown>>(sql`
    select k.id::text as id, k.plan_id::text as plan_id, p.title as plan_title, k.marker, k.title, k.due_date::text as due_date,
           p.period_start_year, p.period_end_year, p.published_at, p.created_at,
           coalesce((select json_agg(json_build_object('id', d.id::text, 'name', d.name, 'role', kd.role) order by (kd.role <> 'lead'), kd.sort_order, d.id)
                       from task_departments kd join departments d on d.tenant_id = kd.tenant_id and d.id = kd.department_id
                      where kd.tenant_id = k.tenant_id and kd.task_id = k.id), '[]'::json) as departments,
           l.status as l_status, l.note as l_note, l.label as l_label, l.end_date as l_end, l.department_id as l_dep
      from tasks k join plans p on p.tenant_id = k.tenant_id and p.id = k.plan_id
      left join lateral (
        select i.status, i.note, rp.label, rp.end_date::text as end_date, r.department_id::text as department_id
          from report_task_items i
          join progress_reports r on r.tenant_id = i.tenant_id and r.id = i.report_id
          join reporting_periods rp on rp.tenant_id = r.tenant_id and rp.id = r.period_id
         where i.tenant_id = k.tenant_id and i.task_id = k.id and r.status in ${COUNTED}
           ${upTo ? sql`and rp.end_date <= ${upTo}::date` : sql``}
         order by rp.end_date desc, r.submitted_at desc nulls last, r.id desc
         limit 1) l on true
     where k.tenant_id = ${tenantId} and ${planFilter('p', scope)}
     order by p.id, k.sort_order, k.id`);
  return r.rows.map((x) => ({
    id: Number(x.id),
    planId: Number(x.plan_id),
    planTitle: String(x.plan_title),
    marker: (x.marker as string | null) ?? null,
    title: String(x.title),
    dueDate: (x.due_date as string | null) ?? null,
    planStartYear: x.period_start_year === null ? null : Number(x.period_start_year),
    planEndYear: x.period_end_year === null ? null : Number(x.period_end_year),
    planPublishedAt: x.published_at ? new Date(x.published_at as string | Date) : null,
    planCreatedAt: new Date(x.created_at as string | Date),
    departments: (x.departments as { id: string; name: string; role: 'lead' | 'co' }[]).map((d) => ({ id: Number(d.id), name: d.name, role: d.role })),
    latest: x.l_status
      ? {
          status: String(x.l_status),
          note: (x.l_note as string | null) ?? null,
          periodLabel: String(x.l_label),
          periodEnd: String(x.l_end),
          departmentId: Number(x.l_dep),
        }
      : null,
  }));
}

/** Submitted (and not returned since) on or before the due date — ON_TIME_RULE of the tracking model. */
export function submittedOnTime(r: Pick<ObligationRow, 'reportStatus' | 'submittedOn' | 'dueDate'>): boolean {
  return (r.reportStatus === 'submitted' || r.reportStatus === 'accepted') && r.submittedOn !== null && r.submittedOn <= r.dueDate;
}
