// A small tracking fixture for tests (and the benchmark's shape): a new authority with three
// departments and a published plan whose targets and tasks name two of them, plus a draft plan.
import crypto from 'node:crypto';
import type { Actor } from '../../org/auth/model';
import type { Db } from '../../core/db/index';
import { insertTenant } from '../../org/tenancy/store';
import { insertDepartment } from '../../org/departments/store';
import type { ReportingCycle } from '../model';
import { insertPlan, insertTargetDepartments, insertTargets, insertTaskDepartments, insertTasks } from '../store';

export interface TrackingFixture {
  tenantId: number;
  /** 区市场监管局: t1 (合格率), t3 (投诉率), task k1 (lead) */
  depA: number;
  /** 区科技局: t2 (新增品牌), task k1 (co), task k2 (lead) */
  depB: number;
  /** 区教育局: named by nothing */
  depC: number;
  planId: number;
  draftPlanId: number;
  t1: number;
  t2: number;
  t3: number;
  k1: number;
  k2: number;
  office: Actor;
  admin: Actor;
  deptA: Actor;
  deptB: Actor;
  deptC: Actor;
}

export async function trackingFixture(
  db: Db,
  opts: { publishedAt?: Date; cycle?: ReportingCycle; startYear?: number; endYear?: number } = {},
): Promise<TrackingFixture> {
  const tenant = await insertTenant(db, { name: `跟踪测试区-${crypto.randomBytes(3).toString('hex')}`, regionCode: '330902' });
  const tenantId = tenant.id;
  const dep = async (name: string, sortOrder: number) => (await insertDepartment(db, { tenantId, name, sortOrder })).id;
  const depA = await dep('区市场监管局', 1);
  const depB = await dep('区科技局', 2);
  const depC = await dep('区教育局', 3);
  const plan = await insertPlan(db, {
    tenantId,
    title: '质量强区建设实施方案（2026—2027年）',
    status: 'published',
    publishedAt: opts.publishedAt ?? new Date('2026-01-05T02:00:00Z'),
    periodStartYear: opts.startYear ?? 2026,
    periodEndYear: opts.endYear ?? 2027,
    reportingCycle: opts.cycle ?? 'quarterly',
  });
  const draft = await insertPlan(db, { tenantId, title: '草稿计划', status: 'draft', periodStartYear: 2026, periodEndYear: 2027 });
  const [t1, t2, t3] = await insertTargets(db, [
    { tenantId, planId: plan.id, indicator: '产品质量监督抽查合格率', comparator: '>=', value: 96, unit: '%', deadlineYear: 2027, baselineValue: 90, baselineDate: '2026-01-01', sortOrder: 1 },
    { tenantId, planId: plan.id, indicator: '新增区级以上品牌', comparator: '>=', value: 40, unit: '家', kind: 'increment', deadlineYear: 2027, sortOrder: 2 },
    { tenantId, planId: plan.id, indicator: '消费投诉率', comparator: '<=', value: 5, unit: '‰', deadlineYear: 2026, baselineValue: 8, baselineDate: '2026-01-01', sortOrder: 3 },
  ]);
  const [dt] = await insertTargets(db, [{ tenantId, planId: draft.id, indicator: '草稿指标', comparator: '>=', value: 1, unit: '项' }]);
  await insertTargetDepartments(db, [
    { tenantId, targetId: t1.id, departmentId: depA, role: 'lead' },
    { tenantId, targetId: t2.id, departmentId: depB, role: 'lead' },
    { tenantId, targetId: t3.id, departmentId: depA, role: 'lead' },
    { tenantId, targetId: dt.id, departmentId: depA, role: 'lead' },
  ]);
  const [k1, k2] = await insertTasks(db, [
    { tenantId, planId: plan.id, marker: '（一）', title: '开展产品质量提升行动', sortOrder: 1 },
    { tenantId, planId: plan.id, marker: '（二）', title: '推进品牌建设', sortOrder: 2 },
  ]);
  await insertTaskDepartments(db, [
    { tenantId, taskId: k1.id, departmentId: depA, role: 'lead' },
    { tenantId, taskId: k1.id, departmentId: depB, role: 'co', sortOrder: 1 },
    { tenantId, taskId: k2.id, departmentId: depB, role: 'lead' },
  ]);
  const actor = (role: Actor['role'], departmentId: number | null, name: string): Actor => ({
    tenantId,
    userId: null,
    username: name,
    displayName: name,
    role,
    departmentId,
  });
  return {
    tenantId,
    depA,
    depB,
    depC,
    planId: plan.id,
    draftPlanId: draft.id,
    t1: t1.id,
    t2: t2.id,
    t3: t3.id,
    k1: k1.id,
    k2: k2.id,
    office: actor('office', null, '质量办'),
    admin: actor('admin', null, '管理员'),
    deptA: actor('department', depA, '市场监管局联络员'),
    deptB: actor('department', depB, '科技局联络员'),
    deptC: actor('department', depC, '教育局联络员'),
  };
}

/** 09:00 Asia/Shanghai on a date. */
export const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);
