// The office's dashboard (驾驶舱): target status counts by published plan, on-time reporting by
// department (periods whose due date has passed), and the list of overdue reports.
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { loadCalendar } from '../../org/calendar/index';
import type { Db } from '../../core/db/index';
import { selectPlansByIds, selectTargetsOfPlans } from '../store';
import { selectChangeMark, selectOverdueTasks } from './store';
import { TARGET_STATUSES, type TargetStatus } from '../progress/model';
import { ensureAllPeriods, obligationState, ruleInputOf, statusOnDay } from '../progress/service';
import { selectLatestValues, selectObligations, selectPublishedPlanIds } from '../progress/store';

export interface Dashboard {
  today: string;
  plans: { planId: number; title: string; targets: number; counts: Record<TargetStatus, number> }[];
  totals: Record<TargetStatus, number>;
  /** all overdue reports; `overdue` lists the DASHBOARD_OVERDUE_LIMIT longest overdue of them */
  overdueTotal: number;
  onTime: { departmentId: number; departmentName: string; due: number; onTime: number; late: number; missing: number; rate: number | null }[];
  overdue: {
    planId: number;
    planTitle: string;
    periodId: number;
    periodLabel: string;
    dueDate: string;
    departmentId: number;
    departmentName: string;
    reportId: number | null;
    reportStatus: string | null;
    workingDaysOverdue: number;
  }[];
  /** targets past their deadline and not met (未达成), final */
  expired: { planId: number; planTitle: string; targetId: number; indicator: string; deadline: string; latestValue: number | null; unit: string }[];
  /** tasks past their due date without a 已完成 report (逾期) */
  overdueTasks: { planId: number; planTitle: string; taskId: number; title: string; dueDate: string; status: string | null }[];
}

/**
 * How long a computed dashboard is served at most: its inputs are watched through the change mark
 * (selectChangeMark), this bounds what the mark cannot see (a change written without an audit entry).
 */
export const DASHBOARD_MAX_AGE_MS = 60_000;
/** The overdue list carries at most this many reports (the longest overdue first); overdueTotal counts all. */
export const DASHBOARD_OVERDUE_LIMIT = 200;

interface Cached {
  key: string;
  at: number;
  value: Promise<Dashboard>;
}
/** Per database and tenant: the last dashboard computed (or being computed: concurrent requests share it). */
const cache = new WeakMap<Db, Map<number, Cached>>();

/**
 * The dashboard of the actor's authority. Computed once per change: requests read the figures
 * computed for the current change mark and day (and wait for the one computation under way)
 * instead of recomputing everything each time (issue 7: 55 req/s with 5 plans, none with 2 000).
 */
export async function getDashboard(db: Db, actor: Actor, today: string): Promise<Dashboard> {
  assertCan(actor, 'dashboard:read');
  const tenantId = actor.tenantId;
  const key = `${today}|${await selectChangeMark(db, tenantId)}`;
  let byTenant = cache.get(db);
  if (!byTenant) cache.set(db, (byTenant = new Map()));
  const hit = byTenant.get(tenantId);
  const now = Date.now();
  if (hit && hit.key === key && now - hit.at < DASHBOARD_MAX_AGE_MS) return hit.value;
  const value = computeDashboard(db, tenantId, today);
  const entry: Cached = { key, at: now, value };
  byTenant.set(tenantId, entry);
  value.catch(() => {
    if (byTenant.get(tenantId) === entry) byTenant.delete(tenantId);
  });
  return value;
}

async function computeDashboard(db: Db, tenantId: number, today: string): Promise<Dashboard> {
  await ensureAllPeriods(db, tenantId, today);
  const planIds = await selectPublishedPlanIds(db, tenantId);
  const latest = new Map((await selectLatestValues(db, tenantId, planIds)).map((v) => [v.targetId, v]));
  const accepted = new Map((await selectLatestValues(db, tenantId, planIds, { acceptedOnly: true })).map((v) => [v.targetId, v]));
  const expired: Dashboard['expired'] = [];
  const overdueTasks: Dashboard['overdueTasks'] = [];
  const zero = () => Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  const totals = zero();
  const plans: Dashboard['plans'] = [];
  const planRows = new Map((await selectPlansByIds(db, tenantId, planIds)).map((p) => [p.id, p]));
  const targetsByPlan = new Map<number, Awaited<ReturnType<typeof selectTargetsOfPlans>>>();
  for (const t of await selectTargetsOfPlans(db, tenantId, planIds)) {
    const list = targetsByPlan.get(t.planId) ?? [];
    list.push(t);
    targetsByPlan.set(t.planId, list);
  }
  for (const id of planIds) {
    const plan = planRows.get(id)!;
    const counts = zero();
    const rows = targetsByPlan.get(id) ?? [];
    for (const t of rows) {
      const rule = ruleInputOf(t, plan);
      const s = statusOnDay(rule, latest.get(t.id), accepted.get(t.id), today, plan.warningMarginPct);
      counts[s]++;
      totals[s]++;
      if (s === 'missed') {
        expired.push({ planId: id, planTitle: plan.title, targetId: t.id, indicator: t.indicator, deadline: rule.deadline, latestValue: accepted.get(t.id)?.value ?? null, unit: t.unit });
      }
    }
    plans.push({ planId: id, title: plan.title, targets: rows.length, counts });
  }

  for (const k of await selectOverdueTasks(db, tenantId, today)) {
    const plan = planRows.get(k.planId);
    if (plan) overdueTasks.push({ planId: k.planId, planTitle: plan.title, taskId: k.taskId, title: k.title, dueDate: k.dueDate, status: null });
  }

  const cal = await loadCalendar(db, tenantId);
  const due = await selectObligations(db, tenantId, { dueBefore: today });
  const byDep = new Map<number, Dashboard['onTime'][number]>();
  const overdue: Dashboard['overdue'] = [];
  for (const o of due) {
    const d = byDep.get(o.departmentId) ?? { departmentId: o.departmentId, departmentName: o.departmentName, due: 0, onTime: 0, late: 0, missing: 0, rate: null };
    d.due++;
    const state = obligationState(o, today);
    if (state === 'submitted_on_time') d.onTime++;
    else if (state === 'submitted_late') d.late++;
    else {
      d.missing++;
      overdue.push({
        planId: o.planId,
        planTitle: o.planTitle,
        periodId: o.periodId,
        periodLabel: o.periodLabel,
        dueDate: o.dueDate,
        departmentId: o.departmentId,
        departmentName: o.departmentName,
        reportId: o.reportId,
        reportStatus: o.reportStatus,
        workingDaysOverdue: cal.workingDaysBetween(o.dueDate, today),
      });
    }
    byDep.set(o.departmentId, d);
  }
  const onTime = [...byDep.values()]
    .map((d) => ({ ...d, rate: d.due ? Math.round((d.onTime / d.due) * 1000) / 10 : null }))
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.departmentId - b.departmentId);
  // longest overdue first (stable: same period order otherwise); the answer stays bounded
  const sorted = overdue.map((o, i) => [o, i] as const).sort((a, b) => b[0].workingDaysOverdue - a[0].workingDaysOverdue || a[1] - b[1]);
  return {
    today,
    plans,
    totals,
    onTime,
    overdueTotal: overdue.length,
    overdue: sorted.slice(0, DASHBOARD_OVERDUE_LIMIT).map(([o]) => o),
    expired: expired.slice(0, DASHBOARD_OVERDUE_LIMIT),
    overdueTasks: overdueTasks.slice(0, DASHBOARD_OVERDUE_LIMIT),
  };
}
