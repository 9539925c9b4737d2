// Follow-up tasks as a room uses them (registry.ts): a source kind registered by the room, a task opened
// inside the room's transaction in the default plan (or none when there is no plan), the office's choice
// of plan, one open task per record, closing refused until the record agrees, a department closing its own.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../../org/testing';
import { insertDepartment } from '../../org/departments/store';
import type { Actor } from '../../org/auth/model';
import { insertPlan } from '../store';
import { registerFollowUpSource } from './registry';
import { closeFollowUp, getFollowUpSettings, listFollowUps, openFollowUp, openFollowUpAsOffice, saveFollowUpSettings } from './service';

// a stand-in room: records kept in memory, "done" when their flag is set
const records = new Map<number, { name: string; done: boolean }>();
registerFollowUpSource({
  kind: 'test_record',
  label: '测试记录',
  describe: async (_db, _tenantId, ids) =>
    new Map(
      ids.flatMap((id) => {
        const r = records.get(id);
        return r ? [[id, { title: r.name, state: r.done ? '已处置' : '处置中', link: `/test/${id}`, mayClose: r.done, whyNot: r.done ? null : '记录尚未处置完毕' }] as const] : [];
      }),
    ),
});

forEachDb('plan follow-ups', (getDb) => {
  let tenantId: number;
  let office: Actor;
  let dept: Actor;
  let other: Actor;
  let departmentId: number;
  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    departmentId = (await insertDepartment(db, { tenantId, name: '区市场监管局' })).id;
    const otherId = (await insertDepartment(db, { tenantId, name: '区卫健委' })).id;
    office = { tenantId, userId: null, username: 'office', displayName: '质量办', role: 'office', departmentId: null };
    dept = { tenantId, userId: null, username: 'm', displayName: '市场监管局联络员', role: 'department', departmentId };
    other = { tenantId, userId: null, username: 'w', displayName: '卫健委联络员', role: 'department', departmentId: otherId };
    records.set(1, { name: '记录一', done: false });
    records.set(2, { name: '记录二', done: false });
  });
  afterAll(() => records.clear());

  it('opens nothing without a plan, and the office is told why', async () => {
    const { db } = getDb();
    expect(await db.transaction((tx) => openFollowUp(tx, office, { source: { kind: 'test_record', id: 1 }, planId: null, departmentId, title: 't' }))).toBeNull();
    await expect(openFollowUpAsOffice(db, office, { source: { kind: 'test_record', id: 1 }, planId: null, departmentId })).rejects.toMatchObject({ code: 'NO_PLAN' });
    await expect(openFollowUpAsOffice(db, office, { source: { kind: 'unknown', id: 1 }, planId: null, departmentId })).rejects.toMatchObject({ code: 'UNKNOWN_SOURCE' });
  });

  it('opens in the latest published plan, or the default one, or the one chosen; one open task per record', async () => {
    const { db } = getDb();
    const draft = await insertPlan(db, { tenantId, title: '草稿计划', status: 'draft' });
    const archived = await insertPlan(db, { tenantId, title: '已归档计划', status: 'archived' });
    const a = await insertPlan(db, { tenantId, title: '计划甲', status: 'published', publishedAt: new Date('2025-01-01T00:00:00Z') });
    const b = await insertPlan(db, { tenantId, title: '计划乙', status: 'published', publishedAt: new Date('2026-01-01T00:00:00Z') });
    const f1 = await db.transaction((tx) => openFollowUp(tx, office, { source: { kind: 'test_record', id: 1 }, planId: null, departmentId, title: '处置记录一' }));
    expect(f1).toMatchObject({ planId: b.id, state: 'open', departmentId });
    const again = await db.transaction((tx) => openFollowUp(tx, office, { source: { kind: 'test_record', id: 1 }, planId: a.id, departmentId, title: 'x' }));
    expect(again!.id).toBe(f1!.id);
    expect((await getFollowUpSettings(db, office)).effectivePlan).toMatchObject({ id: b.id });
    await expect(saveFollowUpSettings(db, office, { defaultPlanId: archived.id, version: 0 })).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
    await saveFollowUpSettings(db, office, { defaultPlanId: a.id, version: 0 });
    await expect(saveFollowUpSettings(db, dept, { defaultPlanId: b.id, version: 1 })).rejects.toMatchObject({ status: 403 });
    const f2 = await openFollowUpAsOffice(db, office, { source: { kind: 'test_record', id: 2 }, planId: null, departmentId });
    expect(f2).toMatchObject({ planId: a.id, title: '记录二' });
    await expect(openFollowUpAsOffice(db, office, { source: { kind: 'test_record', id: 99 }, planId: draft.id, departmentId })).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    await expect(openFollowUpAsOffice(db, dept, { source: { kind: 'test_record', id: 2 }, planId: null, departmentId })).rejects.toMatchObject({ status: 403 });
    // the plan shows the record as its room describes it now; another department sees none of it
    const shown = await listFollowUps(db, dept, a.id);
    expect(shown.map((f) => [f.title, f.sourceLabel, f.source?.state, f.source?.link])).toEqual([['记录二', '测试记录', '处置中', '/test/2']]);
    expect(await listFollowUps(db, other, a.id)).toEqual([]);
  });

  it('closes only when the record agrees, by the office or the responsible department', async () => {
    const { db } = getDb();
    const [f] = await listFollowUps(db, office, (await getFollowUpSettings(db, office)).defaultPlanId!);
    const now = new Date('2026-12-02T02:00:00Z');
    await expect(closeFollowUp(db, dept, f!.id, { note: '', version: f!.version }, now)).rejects.toMatchObject({ code: 'SOURCE_NOT_DONE' });
    records.get(2)!.done = true;
    await expect(closeFollowUp(db, other, f!.id, { note: '', version: f!.version }, now)).rejects.toMatchObject({ status: 403 });
    const closed = await closeFollowUp(db, dept, f!.id, { note: '已整改', version: f!.version }, now);
    expect(closed).toMatchObject({ state: 'closed', closingNote: '已整改', closedByName: '市场监管局联络员', source: { mayClose: true } });
    await expect(closeFollowUp(db, office, f!.id, { note: '', version: closed.version }, now)).rejects.toMatchObject({ code: 'BAD_STATE' });
    // a closed task lets the record open a new one
    const next = await db.transaction((tx) => openFollowUp(tx, office, { source: { kind: 'test_record', id: 2 }, planId: null, departmentId, title: '再次处置' }));
    expect(next!.id).not.toBe(f!.id);
  });
});
