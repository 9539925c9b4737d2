// The office's dashboard (驾驶舱): target status counts by published plan, on-time reporting by
// department (periods whose due date has passed), and the list of overdue reports.
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { loadCalendar } from '../../org/calendar/index';
import type { Db } from '../../core/db/index';
import { selectPlan, selectTargets } from '../store';
import { targetStatus, TARGET_STATUSES, type TargetStatus } from '../progress/model';
import { ensureAllPeriods, obligationState, ruleInputOf } from '../progress/service';
import { selectLatestValues, selectObligations, selectPublishedPlanIds } from '../progress/store';

export interface Dashboard {
  today: string;
  plans: { planId: number; title: string; targets: number; counts: Record<TargetStatus, number> }[];
  totals: Record<TargetStatus, number>;
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
}

export async function getDashboard(db: Db, actor: Actor, today: string): Promise<Dashboard> {
  assertCan(actor, 'dashboard:read');
  const tenantId = actor.tenantId;
  await ensureAllPeriods(db, tenantId, today);
  const planIds = await selectPublishedPlanIds(db, tenantId);
  const latest = new Map((await selectLatestValues(db, tenantId, planIds)).map((v) => [v.targetId, v]));
  const zero = () => Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  const totals = zero();
  const plans: Dashboard['plans'] = [];
  for (const id of planIds) {
    const plan = (await selectPlan(db, tenantId, id))!;
    const counts = zero();
    const rows = await selectTargets(db, tenantId, id);
    for (const t of rows) {
      const l = latest.get(t.id);
      const s = targetStatus(ruleInputOf(t, plan), l ? { value: l.value, asOf: l.asOf } : null, { today, marginPct: plan.warningMarginPct });
      counts[s]++;
      totals[s]++;
    }
    plans.push({ planId: id, title: plan.title, targets: rows.length, counts });
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
  return { today, plans, totals, onTime, overdue };
}
