// Issue 7 "paginate every list": the lists that used to answer everything at once — the department
// directory, a department's own tasks, targets and periods, a year's assessments — answer a page of
// at most 200 (200 unless asked) with the total, and the next page holds the rest. An authority with
// 205 departments, one of which has 204 tasks, 3 targets and 8 reporting periods; all 205 assessed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../org/auth/model';
import { insertDepartment } from '../org/departments/store';
import { forEachDb } from '../core/db/testing';
import { callAs } from '../server/testing';
import { insertPlanFixture, supervisionApp } from './notices/fixture';
import { departmentActor, officeActor, otherTenant } from './testing';

interface Paged<T = { id: string }> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

forEachDb('lists answered a page at a time', (getDb) => {
  let app: FastifyInstance;
  const sessions = new Map<string, Actor>();
  const now = { value: new Date('2027-01-25T02:00:00Z') };
  const departmentIds: number[] = [];
  const get = async <T = { id: string }>(who: string, url: string): Promise<Paged<T>> => {
    const res = await callAs(app, who, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Paged<T>;
  };

  beforeAll(async () => {
    const { db } = getDb();
    const tenantId = await otherTenant(db, '分页区');
    for (let i = 1; i <= 205; i++) {
      const d = await insertDepartment(db, { tenantId, name: `测试局${String(i).padStart(3, '0')}`, kind: 'department', sortOrder: i });
      departmentIds.push(d.id);
    }
    const [mine] = departmentIds;
    sessions.set('office', officeActor(tenantId));
    sessions.set('dept', departmentActor(tenantId, mine));
    sessions.set('dept2', departmentActor(tenantId, departmentIds[1]));
    await insertPlanFixture(db, tenantId, {
      title: '一个部门的许多任务',
      targets: [1, 2, 3].map((i) => ({ key: `t${i}`, indicator: `指标${i}`, value: 90 + i, departments: [[mine, 'lead']] })),
      tasks: Array.from({ length: 203 }, (_, i) => ({ key: `k${i}`, title: `任务${String(i + 1).padStart(3, '0')}`, dueDate: '2026-12-31', departments: [[mine, 'lead']] })),
    });
    await insertPlanFixture(db, tenantId, {
      title: '每个部门一项任务',
      tasks: departmentIds.map((d, i) => ({ key: `e${i}`, title: `部门任务${i + 1}`, dueDate: '2026-12-31', departments: [[d, 'lead']] })),
    });
    app = await supervisionApp(db, sessions, now);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('the directory: 200 by default with the total, the rest on page 2, a search paged too', async () => {
    const first = await get<{ id: string; name: string }>('office', '/api/departments');
    expect(first).toMatchObject({ total: 205, page: 1, pageSize: 200 });
    expect(first.items).toHaveLength(200);
    expect(first.items[0].name).toBe('测试局001');
    const second = await get<{ id: string; name: string }>('office', '/api/departments?page=2');
    expect(second.items.map((d) => d.name)).toEqual(['测试局201', '测试局202', '测试局203', '测试局204', '测试局205']);
    expect(new Set([...first.items, ...second.items].map((d) => d.id)).size).toBe(205);
    const search = await get<{ name: string }>('dept', '/api/departments?q=%E6%B5%8B%E8%AF%95%E5%B1%8000&pageSize=4&page=3'); // q=测试局00: 001–009
    expect(search).toMatchObject({ total: 9, page: 3, pageSize: 4 });
    expect(search.items.map((d) => d.name)).toEqual(['测试局009']);
  });

  it('refuses a page larger than 200, and a page size or page below 1', async () => {
    for (const url of ['/api/departments', '/api/my/tasks', '/api/my/targets', '/api/my/periods', '/api/assessments?year=2026']) {
      const sep = url.includes('?') ? '&' : '?';
      const who = url.startsWith('/api/my/') ? 'dept' : 'office';
      for (const q of ['pageSize=201', 'pageSize=0', 'page=0']) {
        const res = await callAs(app, who, 'GET', `${url}${sep}${q}`);
        expect(res.statusCode, `${url} ${q}`).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    }
  });

  it("a department's tasks: 200 of its 204, then 4, none twice; the other department sees its one", async () => {
    const first = await get<{ id: string; title: string; planTitle: string }>('dept', '/api/my/tasks');
    expect(first).toMatchObject({ total: 204, page: 1, pageSize: 200 });
    expect(first.items).toHaveLength(200);
    const second = await get<{ id: string; title: string; planTitle: string }>('dept', '/api/my/tasks?page=2');
    expect(second.items).toHaveLength(4);
    expect(second.items.at(-1)).toMatchObject({ planTitle: '每个部门一项任务', title: '部门任务1' });
    expect(new Set([...first.items, ...second.items].map((t) => t.id)).size).toBe(204);
    expect(await get('dept2', '/api/my/tasks')).toMatchObject({ total: 1, items: [{ title: '部门任务2' }] });
  });

  it("a department's targets and periods, two or three at a time, with their status", async () => {
    const t1 = await get<{ indicator: string; statusLabel: string }>('dept', '/api/my/targets?pageSize=2');
    const t2 = await get<{ indicator: string; statusLabel: string }>('dept', '/api/my/targets?pageSize=2&page=2');
    expect(t1.total).toBe(3);
    expect([...t1.items, ...t2.items].map((t) => t.indicator)).toEqual(['指标1', '指标2', '指标3']);
    expect(t2.items[0].statusLabel).toBe('未达成'); // due 2026, nothing accepted by 2027-01-25

    // two plans × four quarters of 2026, newest first
    const pages = [1, 2, 3].map((p) => get<{ periodId: string; periodStart: string }>('dept', `/api/my/periods?pageSize=3&page=${p}`));
    const [p1, p2, p3] = await Promise.all(pages);
    expect(p1.total).toBe(8);
    expect([p1.items.length, p2.items.length, p3.items.length]).toEqual([3, 3, 2]);
    const all = [...p1.items, ...p2.items, ...p3.items];
    expect(new Set(all.map((p) => p.periodId)).size).toBe(8);
    expect(all.map((p) => p.periodStart)).toEqual([...all.map((p) => p.periodStart)].sort().reverse());
    expect(await get('dept', '/api/my/periods?page=4&pageSize=3')).toMatchObject({ total: 8, items: [] });
  });

  it("a year's assessments: 200 of 205, then 5; a department reads its own only", async () => {
    const computed = await callAs(app, 'office', 'POST', '/api/assessments/compute', { year: 2026 });
    expect(computed.statusCode, computed.body).toBe(200);
    const first = await get<{ id: string; departmentName: string }>('office', '/api/assessments?year=2026');
    expect(first).toMatchObject({ year: 2026, total: 205, page: 1, pageSize: 200 });
    expect(first.items).toHaveLength(200);
    const second = await get<{ id: string; departmentName: string }>('office', '/api/assessments?year=2026&page=2');
    expect(second.items.map((a) => a.departmentName)).toEqual(['测试局201', '测试局202', '测试局203', '测试局204', '测试局205']);
    expect(new Set([...first.items, ...second.items].map((a) => a.id)).size).toBe(205);
    const own = await get<{ departmentName: string }>('dept2', '/api/assessments?year=2026');
    expect(own).toMatchObject({ total: 1, items: [{ departmentName: '测试局002' }] });
  });
});
