// The audit log names what each record is about: a plan by its title, a target by its indicator, a
// task by its text (with their plan), a department and a user by name; an object deleted since has
// no name (the page then falls back to the record's own before/after data).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../org/auth/model';
import { forEachDb } from '../core/db/testing';
import { createDepartment } from '../org/departments/service';
import { makeTenant } from '../org/testing';
import { callAs, fakeSessionApp } from '../server/testing';
import type { AuditListResponse } from '../org/audit/schemas';
import { insertPlanFixture } from './notices/fixture';
import { deleteTask, updatePlan, updateTarget } from './service';
import { adminActor, officeActor } from './testing';

forEachDb('audit log names', (getDb) => {
  let app: FastifyInstance;
  let tenantId: number;
  const sessions = new Map<string, Actor>();

  beforeAll(async () => {
    const { db } = getDb();
    ({ tenantId } = await makeTenant(db));
    sessions.set('admin', adminActor(tenantId));
    app = await fakeSessionApp(db, sessions);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the names of plans, targets, tasks and departments, not their ids', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const dept = await createDepartment(db, adminActor(tenantId), { name: '区统计局', kind: 'department' });
    const f = await insertPlanFixture(db, tenantId, {
      title: '质量强区建设三年行动计划',
      targets: [{ key: 't', indicator: '制造业产品质量合格率', value: 95, unit: '%', departments: [[dept.id, 'lead']] }],
      tasks: [
        { key: 'k', title: '开展质量提升行动', departments: [[dept.id, 'lead']] },
        { key: 'gone', title: '一项后来删除的任务', departments: [] },
      ],
    });
    await updatePlan(db, office, f.planId, { version: 1, documentNumber: '示质办〔2026〕3号' });
    await updateTarget(db, office, f.planId, f.target.t, { version: 1, value: 96 });
    await deleteTask(db, office, f.planId, f.task.gone, 1);

    const res = await callAs(app, 'admin', 'GET', '/api/admin/audit?pageSize=50');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as AuditListResponse).items;
    const nameOf = (type: string, id: number) => items.find((e) => e.entityType === type && e.entityId === String(id))?.entityName;
    expect(nameOf('plan', f.planId)).toBe('质量强区建设三年行动计划');
    expect(nameOf('target', f.target.t)).toBe('制造业产品质量合格率（质量强区建设三年行动计划）');
    expect(nameOf('department', dept.id)).toBe('区统计局');
    // the deleted task has no current name; its record keeps what it was
    const deleted = items.find((e) => e.entityType === 'task' && e.entityId === String(f.task.gone));
    expect(deleted).toMatchObject({ action: 'task.delete', entityName: null });
    // no record of this tenant reads as a bare id where the object still exists
    for (const e of items.filter((x) => ['plan', 'target', 'department'].includes(x.entityType))) expect(e.entityName).toBeTruthy();
  });
});
