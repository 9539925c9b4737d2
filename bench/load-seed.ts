// The load benches' data: PLANS published plans (10 targets and 5 tasks each, linked to the
// authority's departments) inserted straight into the tables (no audit entries), in batches of 250.
import { eq } from 'drizzle-orm';
import type { Db } from '../src/core/db/index';
import { departments } from '../src/org/departments/tables';
import { plans, targetDepartments, targets, taskDepartments, tasks } from '../src/plans/tables';

export async function seedLoadPlans(db: Db, tenantId: number, PLANS: number): Promise<void> {
  const deps = (await db.select({ id: departments.id }).from(departments).where(eq(departments.tenantId, tenantId))).map((d) => d.id);
  for (let b = 0; b < PLANS; b += 250) {
    const n = Math.min(250, PLANS - b);
    const rows = await db
      .insert(plans)
      .values(
        Array.from({ length: n }, (_, i) => ({
          tenantId,
          title: `基准计划 ${b + i + 1}`,
          issuer: '示范区人民政府',
          documentNumber: `示政发〔2026〕${b + i + 1}号`,
          status: 'published',
          publishedAt: new Date('2026-01-05T01:00:00+08:00'),
          periodStartYear: 2026,
          periodEndYear: 2027,
          reportingCycle: 'quarterly',
        })),
      )
      .returning({ id: plans.id });
    const ts = await db
      .insert(targets)
      .values(rows.flatMap((p) => Array.from({ length: 10 }, (_, i) => ({ tenantId, planId: p.id, indicator: `指标 ${i + 1}`, comparator: '>=', value: 90 + i / 10, unit: '%', deadlineYear: 2027, sortOrder: i }))))
      .returning({ id: targets.id });
    await db.insert(targetDepartments).values(ts.map((x, i) => ({ tenantId, targetId: x.id, departmentId: deps[i % deps.length], role: 'lead' })));
    const ks = await db
      .insert(tasks)
      .values(rows.flatMap((p) => Array.from({ length: 5 }, (_, i) => ({ tenantId, planId: p.id, title: `任务 ${i + 1}`, sortOrder: i }))))
      .returning({ id: tasks.id });
    await db.insert(taskDepartments).values(ks.map((x, i) => ({ tenantId, taskId: x.id, departmentId: deps[(i * 7) % deps.length], role: 'lead' })));
  }
}
