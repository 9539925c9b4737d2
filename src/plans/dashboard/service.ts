// The office's dashboard (驾驶舱): target status counts by published plan, on-time reporting by
// department (periods whose due date has passed), and the list of overdue reports.
//
// Kept per plan (decision 030): each published plan's figures are computed on their own (a "part"),
// and the dashboard is assembled from the parts. A write costs the plans it touches: the next reader
// finds the audit entries written since the figures were computed, recomputes the parts of the plans
// they name, and assembles again; only a new day, a holiday edit or a change of the whole authority's
// rules (departments, plan settings) recomputes every plan.
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { loadCalendar } from '../../org/calendar/index';
import type { Db } from '../../core/db/index';
import { selectPlansByIds, selectTargetsOfPlans } from '../store';
import { selectChangeMarks, selectChangesSince, selectOverdueTasks, selectReportPlanIds, type ChangeRow } from './store';
import { TARGET_STATUSES, type TargetStatus } from '../progress/model';
import { ensureAllPeriods, obligationState, ruleInputOf, statusOnDay } from '../progress/service';
import { selectLatestAndAccepted, selectObligations, selectPublishedPlanIds, type ObligationRow } from '../progress/store';

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

/** The overdue list carries at most this many reports (the longest overdue first); overdueTotal counts all. */
export const DASHBOARD_OVERDUE_LIMIT = 200;

/**
 * More audit entries than this since the figures were computed (a bulk import, a restore): every
 * plan is recomputed instead of the plans the entries name.
 */
const MAX_CHANGES = 500;

/**
 * Audit entity types that never bear on the dashboard's figures. Entries of these kinds are skipped;
 * 'plan', 'target', 'task' and 'progress_report' entries recompute the plan they name; entries of
 * any other kind (departments renamed or reordered, plan settings, the tenant, a kind added later
 * and not listed here) recompute every plan: unknown means "may matter".
 */
const IRRELEVANT = new Set([
  'user',
  'tenant_region',
  'notice',
  'assessment',
  'assessment_scheme',
  'assessment_year',
  'credit_event',
  'credit_list_membership',
  'credit_reclassify_run',
  'credit_settings',
  'enterprise_import',
  'inspection_campaign',
  'inspection_item',
  'inspection_result',
  'inspection_settings',
  'inspector',
]);
const PER_PLAN = new Set(['plan', 'target', 'task', 'progress_report']);

type Overdue = Omit<Dashboard['overdue'][number], 'workingDaysOverdue'>;
type OnTimeTally = Omit<Dashboard['onTime'][number], 'rate'>;

/** One published plan's share of the dashboard. */
interface PlanPart {
  plan: Dashboard['plans'][number];
  expired: Dashboard['expired'];
  overdueTasks: Dashboard['overdueTasks'];
  /** per responsible department: its reports due so far */
  onTime: Map<number, OnTimeTally>;
  /** its overdue reports, in the order of the obligations (due date, directory order) */
  overdue: Overdue[];
}

/** The figures of one tenant, computed for `day` and every change up to audit entry `auditId`. */
interface State {
  day: string;
  calendar: string;
  auditId: number;
  parts: Map<number, PlanPart>;
  dashboard: Dashboard;
}
interface Slot {
  state?: State;
  /** the refresh under way: concurrent readers wait for it instead of computing the same again */
  running?: Promise<void>;
  /** what the last refresh recomputed: every plan, or this many */
  last?: 'all' | number;
}
/** Per database and tenant. */
const slots = new WeakMap<Db, Map<number, Slot>>();

/**
 * The dashboard of the actor's authority. One small query per request finds whether anything
 * changed since the figures were computed; if so, the plans concerned are recomputed (issue 7: the
 * whole authority took 4–10 s with 2 000 plans after every write).
 */
export async function getDashboard(db: Db, actor: Actor, today: string): Promise<Dashboard> {
  assertCan(actor, 'dashboard:read');
  const tenantId = actor.tenantId;
  const marks = await selectChangeMarks(db, tenantId);
  let byTenant = slots.get(db);
  if (!byTenant) slots.set(db, (byTenant = new Map()));
  let slot = byTenant.get(tenantId);
  if (!slot) byTenant.set(tenantId, (slot = {}));
  for (;;) {
    const st = slot.state;
    if (st && st.day === today && st.calendar === marks.calendar && st.auditId >= marks.auditId) return st.dashboard;
    if (slot.running) {
      await slot.running.catch(() => {}); // its failure is its caller's; look again
      continue;
    }
    const run = refresh(db, tenantId, today, marks, slot);
    slot.running = run;
    try {
      await run;
    } finally {
      if (slot.running === run) slot.running = undefined;
    }
    return slot.state!.dashboard;
  }
}

/** For tests: what the tenant's last refresh recomputed (every plan, or how many plans). */
export function lastDashboardRefresh(db: Db, tenantId: number): 'all' | number | undefined {
  return slots.get(db)?.get(tenantId)?.last;
}

/** The dashboard computed from nothing, every plan, nothing kept (tests compare the kept figures to it). */
export async function computeDashboard(db: Db, tenantId: number, today: string): Promise<Dashboard> {
  return assemble(db, tenantId, today, await computeParts(db, tenantId, today, 'all'));
}

/** Brings the tenant's figures up to date: the plans that changed, or all of them. */
async function refresh(db: Db, tenantId: number, today: string, marks: { auditId: number; calendar: string }, slot: Slot): Promise<void> {
  const st = slot.state;
  if (st && st.day === today && st.calendar === marks.calendar) {
    const changes = await selectChangesSince(db, tenantId, st.auditId, MAX_CHANGES);
    const plans = changes.length <= MAX_CHANGES ? await plansConcerned(db, tenantId, changes) : 'all';
    if (plans !== 'all') {
      const auditId = changes.length ? changes[changes.length - 1].id : st.auditId;
      slot.last = plans.size;
      if (plans.size === 0) {
        slot.state = { ...st, auditId };
        return;
      }
      const parts = new Map(st.parts);
      const fresh = await computeParts(db, tenantId, today, [...plans]);
      for (const id of plans) {
        const p = fresh.get(id);
        if (p) parts.set(id, p);
        else parts.delete(id); // no longer published (or deleted)
      }
      slot.state = { day: today, calendar: st.calendar, auditId, parts, dashboard: await assemble(db, tenantId, today, parts) };
      return;
    }
  }
  // a new day, a holiday edit, an authority-wide change, or the first request: every plan
  slot.last = 'all';
  const parts = await computeParts(db, tenantId, today, 'all');
  slot.state = { day: today, calendar: marks.calendar, auditId: marks.auditId, parts, dashboard: await assemble(db, tenantId, today, parts) };
}

/** The plans these audit entries concern, or 'all' when one of them may concern every plan. */
async function plansConcerned(db: Db, tenantId: number, changes: ChangeRow[]): Promise<Set<number> | 'all'> {
  const plans = new Set<number>();
  const reports: number[] = [];
  for (const c of changes) {
    if (IRRELEVANT.has(c.entityType)) continue;
    // a department added to the directory is responsible for nothing yet (targets and tasks name it)
    if (c.entityType === 'department' && c.action === 'department.create') continue;
    if (!PER_PLAN.has(c.entityType)) return 'all';
    if (c.planId !== null) plans.add(c.planId);
    else if (c.entityType === 'plan' && c.entityId && /^\d+$/.test(c.entityId)) plans.add(Number(c.entityId));
    else if (c.entityType === 'progress_report' && c.entityId && /^\d+$/.test(c.entityId)) reports.push(Number(c.entityId));
    else return 'all'; // names no plan we can find: be safe
  }
  for (const id of await selectReportPlanIds(db, tenantId, reports)) plans.add(id);
  return plans;
}

const zero = () => Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;

/** Plans computed per round of queries when every plan is. */
const CHUNK = 250;

/**
 * The parts of these plans (those published; the others get none), or of every published plan. Every
 * plan is computed CHUNK plans at a time: no single statement holds the embedded database's one
 * connection (or the event loop, reading its rows) for seconds; other requests' queries take turns.
 */
async function computeParts(db: Db, tenantId: number, today: string, which: number[] | 'all'): Promise<Map<number, PlanPart>> {
  if (which !== 'all') return computeChunk(db, tenantId, today, which);
  const ids = await selectPublishedPlanIds(db, tenantId);
  await ensureAllPeriods(db, tenantId, today, ids);
  const parts = new Map<number, PlanPart>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const [id, part] of await computeChunk(db, tenantId, today, ids.slice(i, i + CHUNK), false)) parts.set(id, part);
  }
  return parts;
}

async function computeChunk(db: Db, tenantId: number, today: string, candidates: number[], ensure = true): Promise<Map<number, PlanPart>> {
  const planRows = new Map((await selectPlansByIds(db, tenantId, candidates)).filter((p) => p.status === 'published').map((p) => [p.id, p]));
  const planIds = [...planRows.keys()].sort((a, b) => a - b);
  const parts = new Map<number, PlanPart>();
  if (planIds.length === 0) return parts;
  if (ensure) await ensureAllPeriods(db, tenantId, today, planIds);
  const values = await selectLatestAndAccepted(db, tenantId, planIds);
  const latest = new Map(values.latest.map((v) => [v.targetId, v]));
  const accepted = new Map(values.accepted.map((v) => [v.targetId, v]));
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
    const expired: Dashboard['expired'] = [];
    for (const t of rows) {
      const rule = ruleInputOf(t, plan);
      const s = statusOnDay(rule, latest.get(t.id), accepted.get(t.id), today, plan.warningMarginPct);
      counts[s]++;
      if (s === 'missed') {
        expired.push({ planId: id, planTitle: plan.title, targetId: t.id, indicator: t.indicator, deadline: rule.deadline, latestValue: accepted.get(t.id)?.value ?? null, unit: t.unit });
      }
    }
    parts.set(id, { plan: { planId: id, title: plan.title, targets: rows.length, counts }, expired, overdueTasks: [], onTime: new Map(), overdue: [] });
  }

  for (const k of await selectOverdueTasks(db, tenantId, today, planIds)) {
    const part = parts.get(k.planId);
    if (part) part.overdueTasks.push({ planId: k.planId, planTitle: part.plan.title, taskId: k.taskId, title: k.title, dueDate: k.dueDate, status: null });
  }

  const due: ObligationRow[] = await selectObligations(db, tenantId, { dueBefore: today, planIds });
  for (const o of due) {
    const part = parts.get(o.planId);
    if (!part) continue;
    let d = part.onTime.get(o.departmentId);
    if (!d) part.onTime.set(o.departmentId, (d = { departmentId: o.departmentId, departmentName: o.departmentName, due: 0, onTime: 0, late: 0, missing: 0 }));
    d.due++;
    const state = obligationState(o, today);
    if (state === 'submitted_on_time') d.onTime++;
    else if (state === 'submitted_late') d.late++;
    else {
      d.missing++;
      part.overdue.push({
        planId: o.planId,
        planTitle: o.planTitle,
        periodId: o.periodId,
        periodLabel: o.periodLabel,
        dueDate: o.dueDate,
        departmentId: o.departmentId,
        departmentName: o.departmentName,
        reportId: o.reportId,
        reportStatus: o.reportStatus,
      });
    }
  }
  return parts;
}

/**
 * The dashboard from the plans' parts. The overdue list is the longest overdue first: working days
 * overdue never grow with a later due date, so that order is the obligations' own (due date, plan,
 * directory order), and only the reports listed need their working days counted.
 */
async function assemble(db: Db, tenantId: number, today: string, parts: Map<number, PlanPart>): Promise<Dashboard> {
  const ordered = [...parts.keys()].sort((a, b) => a - b).map((id) => parts.get(id)!);
  const totals = zero();
  const plans: Dashboard['plans'] = [];
  const expired: Dashboard['expired'] = [];
  const overdueTasks: Dashboard['overdueTasks'] = [];
  const byDep = new Map<number, OnTimeTally>();
  let overdueTotal = 0;
  for (const p of ordered) {
    plans.push(p.plan);
    for (const s of TARGET_STATUSES) totals[s] += p.plan.counts[s];
    for (const x of p.expired) if (expired.length < DASHBOARD_OVERDUE_LIMIT) expired.push(x);
    for (const x of p.overdueTasks) if (overdueTasks.length < DASHBOARD_OVERDUE_LIMIT) overdueTasks.push(x);
    for (const d of p.onTime.values()) {
      const sum = byDep.get(d.departmentId);
      if (!sum) byDep.set(d.departmentId, { ...d });
      else {
        sum.due += d.due;
        sum.onTime += d.onTime;
        sum.late += d.late;
        sum.missing += d.missing;
      }
    }
    overdueTotal += p.overdue.length;
  }
  const onTime = [...byDep.values()]
    .map((d) => ({ ...d, rate: d.due ? Math.round((d.onTime / d.due) * 1000) / 10 : null }))
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.departmentId - b.departmentId);
  const first = firstOf(
    ordered.map((p) => p.overdue),
    DASHBOARD_OVERDUE_LIMIT,
    (a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.planId - b.planId),
  );
  const cal = first.length ? await loadCalendar(db, tenantId) : null;
  const overdue = first.map((o) => ({ ...o, workingDaysOverdue: cal!.workingDaysBetween(o.dueDate, today) }));
  return { today, plans, totals, onTime, overdueTotal, overdue, expired, overdueTasks };
}

/**
 * The first `n` items of several lists, each already in order, merged in `cmp` order (items of two
 * lists never compare equal here: they belong to different plans). A heap of the lists' heads.
 */
function firstOf<T>(lists: T[][], n: number, cmp: (a: T, b: T) => number): T[] {
  const heap: { list: T[]; at: number }[] = lists.filter((l) => l.length > 0).map((list) => ({ list, at: 0 }));
  const less = (i: number, j: number) => cmp(heap[i].list[heap[i].at], heap[j].list[heap[j].at]) < 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const out: T[] = [];
  while (out.length < n && heap.length > 0) {
    const top = heap[0];
    out.push(top.list[top.at++]);
    if (top.at >= top.list.length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    if (heap.length > 0) down(0);
  }
  return out;
}
