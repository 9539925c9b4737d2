// The public plan page (no sign-in): published plans of the deployment's authority and their
// targets with status. Only what a published plan already makes public: titles, targets, deadlines,
// responsible units, the latest submitted value and its status — no report texts or notes, no
// people, no drafts. The tenant is the deployment's only one, or `?tenant=ID` when there are several.
import { todayInShanghai } from '../../org/calendar/index';
import type { Db } from '../../core/db/index';
import { AppError, notFound } from '../../core/errors';
import { selectTenant, selectTenants } from '../../org/tenancy/store';
import { judgeTarget, targetGoalText } from '../notices/model';
import { selectLatestValues, selectTargetRecords } from '../notices/records-store';
import { TARGET_STATUS_LABELS, TARGET_STATUS_RULES, type TargetStatus } from '../progress/model';
import type { PlanRow } from '../tables';
import { selectPublishedPlan, selectPublishedPlanList } from './store';

const planNotFound = () => notFound('计划不存在或尚未公开', 'PLAN_NOT_FOUND');

export interface PublicTenant {
  id: number;
  name: string;
}

/** The tenant a public request is about: `?tenant=ID`, else the only tenant of the deployment. */
export async function resolvePublicTenant(db: Db, tenantParam?: string): Promise<PublicTenant> {
  if (tenantParam !== undefined) {
    const t = /^[1-9][0-9]{0,15}$/.test(tenantParam) ? await selectTenant(db, Number(tenantParam)) : undefined;
    if (!t) throw notFound('地区不存在', 'TENANT_NOT_FOUND');
    return { id: t.id, name: t.name };
  }
  const all = await selectTenants(db);
  if (all.length === 0) throw notFound('平台尚未开通任何地区', 'TENANT_NOT_FOUND');
  if (all.length > 1) throw new AppError('TENANT_REQUIRED', '本平台服务多个地区，请用 tenant 参数指定地区', 400);
  return { id: all[0].id, name: all[0].name };
}

export async function listPublicTenants(db: Db): Promise<PublicTenant[]> {
  return (await selectTenants(db)).map((t) => ({ id: t.id, name: t.name }));
}

export interface PublicPlan {
  id: number;
  title: string;
  issuer: string | null;
  documentNumber: string | null;
  region: string | null;
  periodStartYear: number | null;
  periodEndYear: number | null;
  publishedDate: string | null;
  publishedAt: Date | null;
}

export interface PublicTarget {
  id: number;
  indicator: string;
  comparator: string;
  goal: string;
  value: number;
  valueMax: number | null;
  unit: string;
  deadlineYear: number | null;
  baselineValue: number | null;
  latestValue: number | null;
  latestAsOf: string | null;
  status: TargetStatus;
  statusLabel: string;
  departments: string[];
}

function publicPlan(p: PlanRow): PublicPlan {
  return {
    id: p.id,
    title: p.title,
    issuer: p.issuer,
    documentNumber: p.documentNumber,
    region: p.region,
    periodStartYear: p.periodStartYear,
    periodEndYear: p.periodEndYear,
    publishedDate: p.publishedDate,
    publishedAt: p.publishedAt,
  };
}

async function targetsOf(db: Db, tenantId: number, planIds: number[], today: string): Promise<Map<number, PublicTarget[]>> {
  const out = new Map<number, PublicTarget[]>();
  if (planIds.length === 0) return out;
  const records = await selectTargetRecords(db, tenantId, { planStatuses: ['published'], planIds });
  // the public sees only values the office has accepted (采纳), never a department's own claim
  const latest = await selectLatestValues(
    db,
    tenantId,
    records.map((t) => t.id),
    undefined,
    { acceptedOnly: true },
  );
  for (const t of records) {
    const l = latest.get(t.id) ?? null;
    const status = judgeTarget(t, l, today);
    const list = out.get(t.planId) ?? [];
    list.push({
      id: t.id,
      indicator: t.indicator,
      comparator: t.comparator,
      goal: targetGoalText(t),
      value: t.value,
      valueMax: t.valueMax,
      unit: t.unit,
      deadlineYear: t.deadlineYear,
      baselineValue: t.baselineValue,
      latestValue: l?.value ?? null,
      latestAsOf: l?.asOf ?? null,
      status,
      statusLabel: TARGET_STATUS_LABELS[status],
      departments: t.departments.map((d) => d.name),
    });
    out.set(t.planId, list);
  }
  return out;
}

export type StatusCounts = Record<TargetStatus, number>;

function countStatuses(list: PublicTarget[]): StatusCounts {
  const c: StatusCounts = { achieved: 0, on_track: 0, warning: 0, behind: 0, no_report: 0, missed: 0 };
  for (const t of list) c[t.status]++;
  return c;
}

export async function listPublicPlans(
  db: Db,
  tenantParam: string | undefined,
  now: Date = new Date(),
): Promise<{ tenant: PublicTenant; items: (PublicPlan & { targetCount: number; statusCounts: StatusCounts })[] }> {
  const tenant = await resolvePublicTenant(db, tenantParam);
  const rows = await selectPublishedPlanList(db, tenant.id);
  const targets = await targetsOf(
    db,
    tenant.id,
    rows.map((p) => p.id),
    todayInShanghai(() => now),
  );
  return {
    tenant,
    items: rows.map((p) => {
      const list = targets.get(p.id) ?? [];
      return { ...publicPlan(p), targetCount: list.length, statusCounts: countStatuses(list) };
    }),
  };
}

export async function getPublicPlan(
  db: Db,
  tenantParam: string | undefined,
  id: number,
  now: Date = new Date(),
): Promise<{ tenant: PublicTenant; plan: PublicPlan; targets: PublicTarget[]; statusCounts: StatusCounts; rules: Record<TargetStatus, string> }> {
  const tenant = await resolvePublicTenant(db, tenantParam);
  const p = await selectPublishedPlan(db, tenant.id, id);
  if (!p) throw planNotFound();
  const list = (await targetsOf(db, tenant.id, [p.id], todayInShanghai(() => now))).get(p.id) ?? [];
  const margin = String(Number(p.warningMarginPct));
  const rules = Object.fromEntries(Object.entries(TARGET_STATUS_RULES).map(([k, v]) => [k, v.replace('{margin}', margin)])) as Record<TargetStatus, string>;
  return { tenant, plan: publicPlan(p), targets: list, statusCounts: countStatuses(list), rules };
}
