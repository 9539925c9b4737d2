// Test fixtures for supervision (notices, assessment, public page): a plan with targets, tasks,
// responsible departments, reporting periods and reports written straight into the tables, so
// each test states exactly the records it judges.
import type { Db } from '../../core/db/index';
import {
  plans,
  progressReports,
  reportingPeriods,
  reportTargetValues,
  reportTaskItems,
  targetDepartments,
  targets,
  taskDepartments,
  tasks,
} from '../tables';

export interface FixtureTarget {
  key: string;
  indicator: string;
  comparator?: '>=' | '<=' | '>' | '<' | '=' | '~' | 'range';
  value: number;
  valueMax?: number;
  unit?: string;
  deadlineYear?: number | null;
  baselineValue?: number | null;
  departments: [number, 'lead' | 'co'][];
}

export interface FixtureTask {
  key: string;
  title: string;
  dueDate?: string | null;
  departments: [number, 'lead' | 'co'][];
}

export interface FixturePeriod {
  key: string;
  label: string;
  start: string;
  end: string;
  due: string;
}

export interface FixtureReport {
  period: string;
  department: number;
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  /** ISO time of submission */
  submittedAt?: string;
  values?: { target: string; value: number; asOf: string }[];
  tasks?: { task: string; status: 'not_started' | 'in_progress' | 'done' | 'blocked'; note?: string }[];
}

export interface FixturePlan {
  title: string;
  status?: 'draft' | 'published' | 'archived';
  periodStartYear?: number;
  periodEndYear?: number;
  warningMarginPct?: number;
  targets?: FixtureTarget[];
  tasks?: FixtureTask[];
  periods?: FixturePeriod[];
  reports?: FixtureReport[];
}

export interface PlanFixtureIds {
  planId: number;
  target: Record<string, number>;
  task: Record<string, number>;
  period: Record<string, number>;
  report: number[];
}

export async function insertPlanFixture(db: Db, tenantId: number, f: FixturePlan): Promise<PlanFixtureIds> {
  const [plan] = await db
    .insert(plans)
    .values({
      tenantId,
      title: f.title,
      status: f.status ?? 'published',
      periodStartYear: f.periodStartYear ?? 2026,
      periodEndYear: f.periodEndYear ?? 2026,
      warningMarginPct: f.warningMarginPct ?? 5,
      publishedAt: (f.status ?? 'published') === 'draft' ? null : new Date('2026-01-10T00:00:00Z'),
    })
    .returning();
  const ids: PlanFixtureIds = { planId: plan.id, target: {}, task: {}, period: {}, report: [] };
  for (const [i, t] of (f.targets ?? []).entries()) {
    const [row] = await db
      .insert(targets)
      .values({
        tenantId,
        planId: plan.id,
        indicator: t.indicator,
        comparator: t.comparator ?? '>=',
        value: t.value,
        valueMax: t.comparator === 'range' ? (t.valueMax ?? t.value) : null,
        unit: t.unit ?? '%',
        deadlineYear: t.deadlineYear === undefined ? 2026 : t.deadlineYear,
        baselineValue: t.baselineValue ?? null,
        sortOrder: i,
        origin: 'manual',
      })
      .returning();
    ids.target[t.key] = row.id;
    if (t.departments.length) {
      await db.insert(targetDepartments).values(t.departments.map(([d, role], j) => ({ tenantId, targetId: row.id, departmentId: d, role, sortOrder: j })));
    }
  }
  for (const [i, k] of (f.tasks ?? []).entries()) {
    const [row] = await db
      .insert(tasks)
      .values({ tenantId, planId: plan.id, title: k.title, dueDate: k.dueDate ?? null, sortOrder: i, origin: 'manual' })
      .returning();
    ids.task[k.key] = row.id;
    if (k.departments.length) {
      await db.insert(taskDepartments).values(k.departments.map(([d, role], j) => ({ tenantId, taskId: row.id, departmentId: d, role, sortOrder: j })));
    }
  }
  for (const p of f.periods ?? []) {
    const [row] = await db
      .insert(reportingPeriods)
      .values({ tenantId, planId: plan.id, label: p.label, startDate: p.start, endDate: p.end, dueDate: p.due })
      .returning();
    ids.period[p.key] = row.id;
  }
  for (const r of f.reports ?? []) {
    const [row] = await db
      .insert(progressReports)
      .values({
        tenantId,
        planId: plan.id,
        departmentId: r.department,
        periodId: ids.period[r.period],
        status: r.status,
        submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
      })
      .returning();
    ids.report.push(row.id);
    if (r.values?.length) {
      await db.insert(reportTargetValues).values(r.values.map((v) => ({ tenantId, reportId: row.id, targetId: ids.target[v.target], value: v.value, asOf: v.asOf })));
    }
    if (r.tasks?.length) {
      await db.insert(reportTaskItems).values(r.tasks.map((k) => ({ tenantId, reportId: row.id, taskId: ids.task[k.task], status: k.status, note: k.note ?? null })));
    }
  }
  return ids;
}

/** An app whose sessions are the given actors by token (cookie zl_session=<token>), on a movable clock. */
export async function supervisionApp(
  db: Db,
  sessions: Map<string, import('../../org/auth/model').Actor>,
  now: { value: Date },
): Promise<import('fastify').FastifyInstance> {
  const { fakeSessionApp } = await import('../../server/testing');
  const clock = () => now.value;
  return fakeSessionApp(db, sessions, { clock, expiresFrom: clock });
}
