// The dashboard's numbers on a small fixture: target statuses by plan, on-time reporting by
// department, the overdue list; office and admin only.
import type { FastifyInstance } from 'fastify';
import { can } from '../../org/auth/policy';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../org/auth/model';
import { saveOverride } from '../../org/calendar/index';
import { createClock } from '../../core/clock';
import { forEachDb } from '../../core/db/testing';
import { sql } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { callAs, fakeSessionApp, sessionHeaders } from '../../server/testing';
import type { DashboardResponse } from '../progress/schemas';
import { createReport, ensurePeriods, obligationsOf, submitReport, targetStatusesOf, updateReport, type ReportPatch } from '../progress/service';
import { at, trackingFixture, type TrackingFixture } from '../progress/testing';

forEachDb('dashboard', (getDb) => {
  let app: FastifyInstance;
  let f: TrackingFixture;
  const sessions = new Map<string, Actor>();
  let q3: number;
  const call = (who: string, url: string) => callAs(app, who, 'GET', url);

  beforeAll(async () => {
    const { db } = getDb();
    f = await trackingFixture(db); // published 2026-01-05, quarterly: Q1 due 04-08, Q2 due 07-07, Q3 due 10-13
    const periods = await ensurePeriods(db, f.tenantId, f.planId, '2026-10-20');
    q3 = periods.find((p) => p.label === '2026年第3季度')!.id;
    const q = (label: string) => periods.find((p) => p.label === label)!.id;
    const report = async (actor: Actor, period: number, when: Date, patch: Omit<ReportPatch, 'version'>, submit = true) => {
      const d = await createReport(db, actor, { planId: f.planId, periodId: period }, when);
      const u = await updateReport(db, actor, d.report.id, { ...patch, version: d.report.version }, when);
      if (submit) await submitReport(db, actor, u.report.id, u.report.version, when);
    };
    // A: Q1 on time (t3 7.9‰ on 03-31: the line is 7.27, margin 0.15 → behind), Q2 late (t1 96% → achieved), Q3 missing
    await report(f.deptA, q('2026年第1季度'), at('2026-04-03'), { targets: [{ targetId: f.t3, value: 7.9, asOf: '2026-03-31' }] });
    await report(f.deptA, q('2026年第2季度'), at('2026-07-10'), { targets: [{ targetId: f.t1, value: 96, asOf: '2026-06-30' }] });
    // B: Q1 on time (the due day itself), Q2 missing, Q3 only a draft
    await report(f.deptB, q('2026年第1季度'), at('2026-04-08', '17:30'), { text: '一季度进展' });
    await report(f.deptB, q('2026年第3季度'), at('2026-10-12'), { text: '草稿' }, false);

    sessions.set('office', f.office);
    sessions.set('admin', f.admin);
    sessions.set('deptA', f.deptA);
    sessions.set('inspector', { ...f.office, role: 'inspector' });
    const clock = createClock(() => at('2026-10-20'));
    app = await fakeSessionApp(db, sessions, { clock: clock.now });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts target statuses per plan, on-time rates per department, and lists what is overdue', async () => {
    const res = await call('office', '/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as DashboardResponse;
    expect(d.today).toBe('2026-10-20');
    expect(d.plans).toEqual([
      { planId: String(f.planId), title: '质量强区建设实施方案（2026—2027年）', targets: 3, counts: { achieved: 1, on_track: 0, warning: 0, behind: 1, no_report: 1, missed: 0 } },
    ]);
    expect(d.totals).toEqual({ achieved: 1, on_track: 0, warning: 0, behind: 1, no_report: 1, missed: 0 });
    const rate = Object.fromEntries(d.onTime.map((o) => [o.departmentName, [o.due, o.onTime, o.late, o.missing, o.rate]]));
    expect(rate).toEqual({ 区市场监管局: [3, 1, 1, 1, 33.3], 区科技局: [3, 1, 0, 2, 33.3] });
    expect(d.overdue.map((o) => [o.periodLabel, o.departmentName, o.reportStatus, o.workingDaysOverdue])).toEqual([
      ['2026年第2季度', '区科技局', null, 71], // Jul 8–31: 18, Aug: 21, Sep: 22 (Sun 20 worked, Fri 25 中秋 off), Oct 8–20: 10
      ['2026年第3季度', '区市场监管局', null, 5], // Oct 14, 15, 16, 19, 20
      ['2026年第3季度', '区科技局', 'draft', 5],
    ]);
    expect(d.overdueTotal).toBe(3);
    expect((await call('admin', '/api/dashboard')).statusCode).toBe(200);
  });

  it('lists the tasks past their due date until a department reports them done', async () => {
    const { db } = getDb();
    await db.execute(sql`update tasks set due_date = '2026-09-30' where tenant_id = ${f.tenantId} and id in (${f.k1}, ${f.k2})`);
    // the due dates were set behind the service's back (no audit entry): a change the mark sees
    await saveOverride(db, f.tenantId, { date: '2027-12-01', kind: 'holiday', name: '测试：刷新驾驶舱' });
    const overdueTasks = async () => ((await call('office', '/api/dashboard')).json() as DashboardResponse).overdueTasks.map((k) => [k.taskId, k.title, k.dueDate]);
    expect(await overdueTasks()).toEqual([
      [String(f.k1), '开展产品质量提升行动', '2026-09-30'],
      [String(f.k2), '推进品牌建设', '2026-09-30'],
    ]);
    // 区市场监管局 reports k1 done in its fourth-quarter report: k1 leaves the list
    const periods = await ensurePeriods(db, f.tenantId, f.planId, '2026-10-20');
    const q4 = periods.find((p) => p.label === '2026年第4季度')!.id;
    const d = await createReport(db, f.deptA, { planId: f.planId, periodId: q4 }, at('2026-10-20'));
    const u = await updateReport(db, f.deptA, d.report.id, { tasks: [{ taskId: f.k1, status: 'done' }], version: d.report.version }, at('2026-10-20'));
    await submitReport(db, f.deptA, u.report.id, u.report.version, at('2026-10-20'));
    expect((await overdueTasks()).map((k) => k[0])).toEqual([String(f.k2)]);
  });

  it('the helpers for notices and assessment give the same statuses and states', async () => {
    const { db } = getDb();
    const st = await targetStatusesOf(db, f.tenantId, [f.planId], '2026-10-20');
    expect([f.t1, f.t2, f.t3].map((id) => st.get(id)?.status)).toEqual(['achieved', 'no_report', 'behind']);
    expect(st.get(f.t1)?.latest).toEqual({ value: 96, asOf: '2026-06-30', departmentId: f.depA });
    const ob = await obligationsOf(db, f.tenantId, '2026-10-20', { departmentId: f.depA, dueBefore: '2026-10-20' });
    expect(ob.map((o) => [o.periodLabel, o.state])).toEqual([
      ['2026年第1季度', 'submitted_on_time'],
      ['2026年第2季度', 'submitted_late'],
      ['2026年第3季度', 'overdue'],
    ]);
  });

  it('sends the same answer gzipped to a client that asks for it (a browser), as it is to one that does not', async () => {
    const plain = await call('office', '/api/dashboard');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const acceptEncoding of ['gzip, deflate, br, zstd', 'gzip', 'br;q=1.0, gzip;q=0.8']) {
      const res = await app.inject({ method: 'GET', url: '/api/dashboard', headers: { ...sessionHeaders('office'), 'accept-encoding': acceptEncoding } });
      expect(res.statusCode, acceptEncoding).toBe(200);
      expect(res.headers['content-encoding'], acceptEncoding).toBe('gzip');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))).toEqual(plain.json());
    }
    for (const acceptEncoding of ['identity', 'br', 'gzip;q=0']) {
      const res = await app.inject({ method: 'GET', url: '/api/dashboard', headers: { ...sessionHeaders('office'), 'accept-encoding': acceptEncoding } });
      expect(res.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(res.json()).toEqual(plain.json());
    }
  });

  it('is for the office and admin only, exactly the roles the policy table lets read it', async () => {
    expect((await call('deptA', '/api/dashboard')).statusCode).toBe(403);
    expect((await call('inspector', '/api/dashboard')).statusCode).toBe(403);
    for (const who of ['office', 'admin', 'deptA', 'inspector']) {
      const a = sessions.get(who)!;
      const res = await call(who, '/api/dashboard');
      expect(res.statusCode, `${who}: ${res.body}`).toBe(can(a, 'dashboard:read') ? 200 : 403);
    }
  });

  it('follows every change: a report submitted, a holiday added (the figures are computed once per change)', async () => {
    const { db } = getDb();
    const overdue = async () => ((await call('office', '/api/dashboard')).json() as DashboardResponse).overdue.map((o) => [o.periodLabel, o.departmentName, o.workingDaysOverdue]);
    expect(await overdue()).toEqual([
      ['2026年第2季度', '区科技局', 71],
      ['2026年第3季度', '区市场监管局', 5],
      ['2026年第3季度', '区科技局', 5],
    ]);
    expect(await overdue()).toHaveLength(3); // the same again (from the computed figures)
    // the authority declares Monday 19 October a holiday: one working day less overdue
    await saveOverride(db, f.tenantId, { date: '2026-10-19', kind: 'holiday', name: '测试假日' });
    expect((await overdue()).map((o) => o[2])).toEqual([70, 4, 4]);
    // 区市场监管局 reports its third quarter (late): it leaves the overdue list, its on-time figures change
    const d = await createReport(db, f.deptA, { planId: f.planId, periodId: q3 }, at('2026-10-20'));
    const u = await updateReport(db, f.deptA, d.report.id, { text: '三季度进展', version: d.report.version }, at('2026-10-20'));
    await submitReport(db, f.deptA, u.report.id, u.report.version, at('2026-10-20'));
    expect((await overdue()).map((o) => o[1])).toEqual(['区科技局', '区科技局']);
    const rate = ((await call('office', '/api/dashboard')).json() as DashboardResponse).onTime.find((o) => o.departmentName === '区市场监管局')!;
    expect([rate.due, rate.onTime, rate.late, rate.missing]).toEqual([3, 1, 2, 0]);
  });
});
