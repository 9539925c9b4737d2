// The plan list's counts (decision 044) are kept by the database's triggers, not counted per request:
// after each change to a plan's targets, tasks or their departments, the list must show what the
// items say — for the office (the plan's counts) and for each department (its own items, and only the
// plans that give it one) — and archiving must change nothing but the status.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Db } from '../core/db/index';
import { insertPlan } from './store';
import { archivePlan, createTarget, createTask, deleteTarget, deleteTask, listPlans, publishPlan, updateTarget, updateTask } from './service';
import { demoTenant, departmentActor, officeActor } from './testing';

/** The counts as the list computed them before decision 044: from the items themselves. */
async function countedFromItems(db: Db, tenantId: number, planId: number) {
  const { rows } = await db.execute<{ targets: number; tasks: number; departments: number }>(sql`select
      (select count(*)::int from targets t where t.tenant_id = ${tenantId} and t.plan_id = ${planId}) as targets,
      (select count(*)::int from tasks k where k.tenant_id = ${tenantId} and k.plan_id = ${planId}) as tasks,
      (select count(*)::int from (
         select kd.department_id from task_departments kd join tasks k on k.tenant_id = kd.tenant_id and k.id = kd.task_id
          where k.tenant_id = ${tenantId} and k.plan_id = ${planId}
         union
         select td.department_id from target_departments td join targets t on t.tenant_id = td.tenant_id and t.id = td.target_id
          where t.tenant_id = ${tenantId} and t.plan_id = ${planId}) x) as departments`);
  return rows[0];
}

/** Three active departments of the demo directory. */
async function activeDepartments(db: Db, tenantId: number): Promise<number[]> {
  const { rows } = await db.execute<{ id: string }>(sql`select id from departments where tenant_id = ${tenantId} and active order by id limit 3`);
  return rows.map((r) => Number(r.id));
}

forEachDb('plan list counts kept by the database', (getDb) => {
  it('follow every added, moved and deleted target, task and department, and survive archiving', async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    const tenantId = demo.tenantId;
    const office = officeActor(tenantId);
    const [depA, depB, depC] = await activeDepartments(db, tenantId);
    const plan = await insertPlan(db, { tenantId, title: '计数测试计划', status: 'draft' });
    const planId = plan.id;

    const officeRow = async () => {
      const { items } = await listPlans(db, office, { pageSize: 200 });
      const p = items.find((x) => x.id === planId);
      expect(p, 'the office lists the plan').toBeDefined();
      // the kept counts are the counts of the items
      expect(p!.counts).toEqual(await countedFromItems(db, tenantId, planId));
      return p!.counts;
    };
    const deptRow = async (dep: number) => {
      const { items, total } = await listPlans(db, departmentActor(tenantId, dep), { pageSize: 200 });
      expect(total).toBe(items.length);
      const p = items.find((x) => x.id === planId);
      return p ? { targets: p.counts.targets, tasks: p.counts.tasks } : null;
    };

    expect(await officeRow()).toEqual({ targets: 0, tasks: 0, departments: 0 });

    const t1 = await createTarget(db, office, planId, {
      indicator: '抽检合格率',
      comparator: '>=',
      value: 98,
      unit: '%',
      departments: [
        { departmentId: String(depA), role: 'lead' },
        { departmentId: String(depB), role: 'co' },
      ],
    });
    const t2 = await createTarget(db, office, planId, { indicator: '投诉处理率', comparator: '>=', value: 95, unit: '%', departments: [{ departmentId: String(depA), role: 'lead' }] });
    expect(await officeRow()).toEqual({ targets: 2, tasks: 0, departments: 2 });

    const k1 = await createTask(db, office, planId, { title: '开展专项整治', departments: [{ departmentId: String(depC), role: 'lead' }] });
    expect(await officeRow()).toEqual({ targets: 2, tasks: 1, departments: 3 });

    // a draft is no department's: published, each sees its own items only
    await publishPlan(db, office, planId);
    expect(await deptRow(depA)).toEqual({ targets: 2, tasks: 0 });
    expect(await deptRow(depB)).toEqual({ targets: 1, tasks: 0 });
    expect(await deptRow(depC)).toEqual({ targets: 0, tasks: 1 });

    // a target's departments changed (B dropped, C added), a text edit (no count changes), a task moved to A
    const t1b = await updateTarget(db, office, planId, t1.id, { version: t1.version, departments: [{ departmentId: String(depC), role: 'lead' }] });
    await updateTarget(db, office, planId, t2.id, { version: t2.version, indicator: '投诉按期处理率' });
    const k1b = await updateTask(db, office, planId, k1.id, { version: k1.version, departments: [{ departmentId: String(depA), role: 'co' }] });
    expect(await officeRow()).toEqual({ targets: 2, tasks: 1, departments: 2 });
    expect(await deptRow(depB)).toBeNull();
    expect(await deptRow(depA)).toEqual({ targets: 1, tasks: 1 });
    expect(await deptRow(depC)).toEqual({ targets: 1, tasks: 0 });

    // deletions
    await deleteTask(db, office, planId, k1b.id, k1b.version);
    expect(await officeRow()).toEqual({ targets: 2, tasks: 0, departments: 2 });
    expect(await deptRow(depA)).toEqual({ targets: 1, tasks: 0 });
    await deleteTarget(db, office, planId, t1b.id, t1b.version);
    expect(await officeRow()).toEqual({ targets: 1, tasks: 0, departments: 1 });
    expect(await deptRow(depC)).toBeNull();

    // archived: the same counts, for the office and for the department that still has an item
    await archivePlan(db, office, planId);
    const archived = await listPlans(db, office, { status: 'archived', pageSize: 200 });
    expect(archived.items.find((x) => x.id === planId)?.counts).toEqual({ targets: 1, tasks: 0, departments: 1 });
    expect(await officeRow()).toEqual({ targets: 1, tasks: 0, departments: 1 });
    expect(await deptRow(depA)).toEqual({ targets: 1, tasks: 0 });
    const deptArchived = await listPlans(db, departmentActor(tenantId, depA), { status: 'archived', pageSize: 200 });
    expect(deptArchived.items.map((x) => x.id)).toContain(planId);

    // and every plan of the authority (the demo's imported ones too) agrees with its items
    const { items } = await listPlans(db, office, { pageSize: 200 });
    for (const p of items) expect(p.counts, p.title).toEqual(await countedFromItems(db, tenantId, p.id));
  });

  it('a deleted plan leaves no department rows behind', async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    const office = officeActor(demo.tenantId);
    const depA = await demo.departmentId('区市场监管局');
    const plan = await insertPlan(db, { tenantId: demo.tenantId, title: '将删除的计划', status: 'draft' });
    await createTarget(db, office, plan.id, { indicator: '指标', comparator: '>=', value: 1, departments: [{ departmentId: String(depA), role: 'lead' }] });
    await createTask(db, office, plan.id, { title: '任务', departments: [{ departmentId: String(depA), role: 'lead' }] });
    const count = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from plan_departments where tenant_id = ${demo.tenantId} and plan_id = ${plan.id}`)).rows[0].n;
    expect(await count()).toBe(1);
    // the items go with the plan (foreign keys): the triggers must neither fail nor leave rows
    await db.execute(sql`delete from plans where tenant_id = ${demo.tenantId} and id = ${plan.id}`);
    expect(await count()).toBe(0);
  });
});
