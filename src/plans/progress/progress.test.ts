// Progress reporting over HTTP: periods on the working-day calendar, a department's own items,
// drafts with field-level errors, attachments (size, sniffed type), submit → return → resend →
// accept with versions, isolation between departments on every route, the tracking page, audit.
import { and, eq, like } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../org/audit/tables';
import type { Actor } from '../../org/auth/model';
import { createClock } from '../../core/clock';
import { forEachDb } from '../../core/db/testing';
import { callAs, fakeSessionApp, sessionHeaders } from '../../server/testing';
import type { MyPeriodsResponse, MyTargetsResponse, MyTasksResponse, ReportDetailResponse, TrackingResponse } from './schemas';
import { at, trackingFixture, type TrackingFixture } from './testing';
import { readPlanSettings } from '../settings/service';
import { selectItemDepartmentsOfPlan, selectPlan, selectPlanDetailData, selectPlanSource, selectTargets, selectTasks } from '../store';
import type { TargetRow } from '../tables';
import { selectLatestAndAccepted, selectLatestTaskStatuses, selectPeriods, selectReportList, selectTrackingData } from './store';

function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhiliang-progress-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

forEachDb('progress reports', (getDb) => {
  let app: FastifyInstance;
  let f: TrackingFixture;
  const sessions = new Map<string, Actor>();
  const clock = createClock(() => at('2026-10-20'));

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const call = (who: string | null, method: Method, url: string, payload?: unknown) => callAs(app, who, method, url, payload);
  const upload = (who: string, reportId: string, name: string, bytes: Uint8Array) => {
    const m = multipart(name, bytes);
    return app.inject({ method: 'POST', url: `/api/reports/${reportId}/attachments`, payload: m.payload, headers: { ...m.headers, ...sessionHeaders(who) } });
  };

  beforeAll(async () => {
    const { db } = getDb();
    f = await trackingFixture(db);
    sessions.set('office', f.office);
    sessions.set('admin', f.admin);
    sessions.set('deptA', f.deptA);
    sessions.set('deptB', f.deptB);
    sessions.set('deptC', f.deptC);
    sessions.set('inspector', { ...f.office, role: 'inspector', username: 'inspector' });
    const other = await trackingFixture(db);
    sessions.set('otherOffice', other.office);
    sessions.set('otherDeptA', other.deptA);
    app = await fakeSessionApp(db, sessions, { clock: clock.now });
  });
  afterAll(async () => {
    await app?.close();
  });

  let periods: MyPeriodsResponse['items'];
  let q3: MyPeriodsResponse['items'][number];
  let reportId: string;
  let version: number;

  it('a department sees its reporting periods since publication, due on the 5th working day after each ends', async () => {
    const res = await call('deptA', 'GET', '/api/my/periods');
    expect(res.statusCode, res.body).toBe(200);
    periods = (res.json() as MyPeriodsResponse).items;
    expect(periods.map((p) => p.periodLabel)).toEqual(['2026年第4季度', '2026年第3季度', '2026年第2季度', '2026年第1季度']);
    q3 = periods.find((p) => p.periodLabel === '2026年第3季度')!;
    expect(q3).toMatchObject({ periodStart: '2026-07-01', periodEnd: '2026-09-30', dueDate: '2026-10-13', state: 'overdue', reportId: null });
    // Q1 ends Tue 2026-03-31; Qingming (Apr 4–6) is skipped: Apr 1, 2, 3, 7, 8
    expect(periods.find((p) => p.periodLabel === '2026年第1季度')!.dueDate).toBe('2026-04-08');
    expect(periods[0].state).toBe('open');
    expect((await call('deptC', 'GET', '/api/my/periods')).json().items).toEqual([]);
    expect((await call('office', 'GET', '/api/my/periods')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/my/periods')).statusCode).toBe(401);
  });

  it('a department sees only its own tasks and targets of published plans', async () => {
    const tasks = (await call('deptA', 'GET', '/api/my/tasks')).json() as MyTasksResponse;
    expect(tasks.items.map((t) => [t.id, t.role])).toEqual([[String(f.k1), 'lead']]);
    const tasksB = (await call('deptB', 'GET', '/api/my/tasks')).json() as MyTasksResponse;
    expect(tasksB.items.map((t) => [t.id, t.role])).toEqual([
      [String(f.k1), 'co'],
      [String(f.k2), 'lead'],
    ]);
    const targets = (await call('deptA', 'GET', '/api/my/targets')).json() as MyTargetsResponse;
    expect(targets.items.map((t) => t.id)).toEqual([String(f.t1), String(f.t3)]); // not the draft plan's, not B's
    expect(targets.items[0]).toMatchObject({ status: 'no_report', statusLabel: '未报送', deadline: '2027-12-31', latest: null });
    expect((await call('otherDeptA', 'GET', '/api/my/targets')).json().items.map((t: { id: string }) => t.id)).not.toContain(String(f.t1));
    expect((await call('office', 'GET', '/api/my/tasks')).statusCode).toBe(403);
  });

  it('opens a draft for a period; once only; not for a plan or period that is not theirs', async () => {
    const res = await call('deptA', 'POST', '/api/reports', { planId: String(f.planId), periodId: q3.periodId });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as ReportDetailResponse;
    expect(d.report).toMatchObject({ status: 'draft', periodLabel: '2026年第3季度', departmentName: '区市场监管局', version: 1 });
    reportId = d.report.id;
    version = d.report.version;
    const again = await call('deptA', 'POST', '/api/reports', { planId: String(f.planId), periodId: q3.periodId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REPORT_EXISTS', details: { reportId } });
    expect((await call('deptC', 'POST', '/api/reports', { planId: String(f.planId), periodId: q3.periodId })).statusCode).toBe(404);
    expect((await call('deptA', 'POST', '/api/reports', { planId: String(f.draftPlanId), periodId: q3.periodId })).statusCode).toBe(404);
    expect((await call('otherDeptA', 'POST', '/api/reports', { planId: String(f.planId), periodId: q3.periodId })).statusCode).toBe(404);
    expect((await call('office', 'POST', '/api/reports', { planId: String(f.planId), periodId: q3.periodId })).statusCode).toBe(403);
    const bad = await call('deptA', 'POST', '/api/reports', { planId: String(f.planId), periodId: '999999999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('periodId');
  });

  it('wrong types, units, ranges and dates are field-level errors naming the field', async () => {
    const patch = (targets: unknown[], tasks?: unknown[]) => call('deptA', 'PATCH', `/api/reports/${reportId}`, { version, targets, ...(tasks ? { tasks } : {}) });
    const fieldOf = async (p: ReturnType<typeof patch>) => {
      const res = await p;
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
      return body.details.fields[0].path as string;
    };
    const t1 = String(f.t1);
    expect(await fieldOf(patch([{ targetId: t1, value: 'abc', asOf: '2026-09-30' }]))).toBe('targets.0.value');
    expect(await fieldOf(patch([{ targetId: t1, value: 93, asOf: '2026-09-30', unit: '家' }]))).toBe('targets.0.unit');
    expect(await fieldOf(patch([{ targetId: t1, value: 930, asOf: '2026-09-30' }]))).toBe('targets.0.value');
    expect(await fieldOf(patch([{ targetId: t1, value: 93, asOf: '2026-12-31' }]))).toBe('targets.0.asOf');
    expect(await fieldOf(patch([{ targetId: t1, value: 93, asOf: '2026-02-30' }]))).toBe('targets.0.asOf');
    expect(await fieldOf(patch([{ targetId: t1, value: 93 }]))).toBe('targets.0.asOf');
    expect(await fieldOf(patch([{ targetId: String(f.t2), value: 3, asOf: '2026-09-30' }]))).toBe('targets.0.targetId'); // B's target
    expect(await fieldOf(patch([], [{ taskId: String(f.k2), status: 'done' }]))).toBe('tasks.0.taskId'); // B's task
    expect(await fieldOf(patch([], [{ taskId: String(f.k1), status: 'finished' }]))).toBe('tasks.0.status');
    // nothing was written
    expect(((await call('deptA', 'GET', `/api/reports/${reportId}`)).json() as ReportDetailResponse).targets).toEqual([]);
  });

  it('saves the draft with a version; a stale version gets 409 CONFLICT', async () => {
    const body = {
      version,
      text: '三季度完成监督抽查 320 批次。',
      tasks: [{ taskId: String(f.k1), status: 'in_progress', note: '已部署' }],
      targets: [
        { targetId: String(f.t1), value: 93, asOf: '2026-09-30', unit: '%' },
        { targetId: String(f.t3), value: 7.5, asOf: '2026-09-30' },
      ],
    };
    const res = await call('deptA', 'PATCH', `/api/reports/${reportId}`, body);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ReportDetailResponse;
    expect(d.report.version).toBe(version + 1);
    expect(d.tasks).toEqual([{ taskId: String(f.k1), status: 'in_progress', note: '已部署' }]);
    expect(d.targets.map((t) => [t.targetId, t.value, t.asOf])).toEqual([
      [String(f.t1), 93, '2026-09-30'],
      [String(f.t3), 7.5, '2026-09-30'],
    ]);
    const stale = await call('deptA', 'PATCH', `/api/reports/${reportId}`, { ...body, text: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    version = d.report.version;
  });

  it('attachments: allowed types by content, size limit, download by the office', async () => {
    const ok = await upload('deptA', reportId, '抽查结果.pdf', PDF);
    expect(ok.statusCode, ok.body).toBe(201);
    const att = ok.json() as { id: string; mimeType: string; sizeBytes: number };
    expect(att).toMatchObject({ mimeType: 'application/pdf', sizeBytes: PDF.length });
    const exe = await upload('deptA', reportId, '抽查结果.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('ATTACHMENT_TYPE');
    expect((await upload('deptA', reportId, 'tool.exe', Buffer.from('hello'))).json().code).toBe('ATTACHMENT_TYPE');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    big.write('%PDF-1.4');
    const tooBig = await upload('deptA', reportId, 'big.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('ATTACHMENT_TOO_LARGE');
    const dl = await call('office', 'GET', `/api/reports/${reportId}/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    // a download is not kept in a shared or browser cache
    expect(dl.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    // names: at most 200 characters, no control characters (a NUL would fail in PostgreSQL)
    const long = await upload('deptA', reportId, `${'很长的文件名'.repeat(40)}.pdf`, PDF);
    expect(long.statusCode, long.body).toBe(400);
    expect(long.json()).toMatchObject({ code: 'ATTACHMENT_NAME_TOO_LONG', message: expect.stringContaining('200 个字符') });
    const nul = await upload('deptA', reportId, '抽查\u0000结果.pdf', PDF);
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().code).toBe('ATTACHMENT_NAME_INVALID');
    // a multipart body whose parts do not use the declared boundary
    const m = multipart('抽查结果.pdf', PDF);
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/attachments`,
      payload: m.payload,
      headers: { 'content-type': 'multipart/form-data; boundary=not-the-one-used', ...sessionHeaders('deptA') },
    });
    expect(wrong.statusCode, wrong.body).toBe(400);
    expect(wrong.json()).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    // a cross-site form posting a file with the liaison's cookie
    const csrf = await app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/attachments`,
      payload: m.payload,
      headers: { ...m.headers, ...sessionHeaders('deptA'), origin: 'http://evil.example' },
    });
    expect(csrf.statusCode, csrf.body).toBe(403);
    expect(csrf.json().code).toBe('CROSS_SITE_REQUEST');
    const d = (await call('deptA', 'GET', `/api/reports/${reportId}`)).json() as ReportDetailResponse;
    expect(d.attachments.map((a) => a.fileName)).toEqual(['抽查结果.pdf']);
    // a second file, deleted again
    const txt = await upload('deptA', reportId, '说明.txt', Buffer.from('补充说明'));
    expect(txt.statusCode).toBe(201);
    expect((await call('deptA', 'DELETE', `/api/reports/${reportId}/attachments/${txt.json().id}`)).statusCode).toBe(200);
  });

  it('another department, another authority or the wrong role can neither read nor change the report (every route)', async () => {
    const d = (await call('deptA', 'GET', `/api/reports/${reportId}`)).json() as ReportDetailResponse;
    const attId = d.attachments[0].id;
    const routes: [Method, string, unknown?][] = [
      ['GET', `/api/reports/${reportId}`],
      ['PATCH', `/api/reports/${reportId}`, { version, text: '篡改' }],
      ['POST', `/api/reports/${reportId}/submit`, { version }],
      ['GET', `/api/reports/${reportId}/attachments/${attId}`],
      ['DELETE', `/api/reports/${reportId}/attachments/${attId}`],
    ];
    for (const [method, url, body] of routes) {
      for (const who of ['deptB', 'deptC', 'otherDeptA']) {
        const res = await call(who, method, url, body);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(404);
        expect(res.json().code).toBe('NOT_FOUND'); // every 404 answers NOT_FOUND (another's looks absent)
      }
      expect((await call('inspector', method, url, body)).statusCode, `inspector ${method} ${url}`).toBe(403);
      expect((await call(null, method, url, body)).statusCode).toBe(401);
    }
    expect((await upload('deptB', reportId, 'x.pdf', PDF)).statusCode).toBe(404);
    expect((await call('otherOffice', 'GET', `/api/reports/${reportId}`)).statusCode).toBe(404);
    for (const [action, body] of [
      ['return', { version, reason: '数据有误' }],
      ['accept', { version }],
    ] as const) {
      expect((await call('deptA', 'POST', `/api/reports/${reportId}/${action}`, body)).statusCode).toBe(403);
      expect((await call('deptB', 'POST', `/api/reports/${reportId}/${action}`, body)).statusCode).toBe(403);
      expect((await call('otherOffice', 'POST', `/api/reports/${reportId}/${action}`, body)).statusCode).toBe(404);
    }
    // lists: B sees none of A's; asking for A's department explicitly gives nothing
    expect((await call('deptB', 'GET', '/api/reports')).json().items).toEqual([]);
    expect((await call('deptB', 'GET', `/api/reports?departmentId=${f.depA}`)).json().items).toEqual([]);
    expect((await call('deptA', 'GET', '/api/reports')).json().items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect((await call('office', 'GET', `/api/reports?planId=${f.planId}`)).json().items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect((await call('otherOffice', 'GET', `/api/reports?planId=${f.planId}`)).json().items).toEqual([]);
    // a page at a time, with the total; a page size beyond 200 is refused
    expect((await call('deptA', 'GET', '/api/reports?page=1&pageSize=1')).json()).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect((await call('deptA', 'GET', '/api/reports?page=2&pageSize=1')).json()).toMatchObject({ items: [], total: 1, page: 2 });
    expect((await call('office', 'GET', '/api/reports?pageSize=201')).statusCode).toBe(400);
    // the draft is untouched
    expect(((await call('deptA', 'GET', `/api/reports/${reportId}`)).json() as ReportDetailResponse).report).toMatchObject({ version, status: 'draft' });
  });

  it('submit → returned with a reason (department notified) → corrected and resent → accepted', async () => {
    const sub = await call('deptA', 'POST', `/api/reports/${reportId}/submit`, { version });
    expect(sub.statusCode, sub.body).toBe(200);
    let d = sub.json() as ReportDetailResponse;
    expect(d.report.status).toBe('submitted');
    version = d.report.version;
    const locked = await call('deptA', 'PATCH', `/api/reports/${reportId}`, { version, text: '再改' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('REPORT_NOT_EDITABLE');
    expect((await upload('deptA', reportId, 'late.pdf', PDF)).json().code).toBe('REPORT_NOT_EDITABLE');

    const noReason = await call('office', 'POST', `/api/reports/${reportId}/return`, { version, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('VALIDATION_FAILED');
    const ret = await call('office', 'POST', `/api/reports/${reportId}/return`, { version, reason: '投诉率数据口径有误，请按季度数据填报' });
    expect(ret.statusCode, ret.body).toBe(200);
    d = ret.json() as ReportDetailResponse;
    expect(d.report).toMatchObject({ status: 'returned', returnedReason: '投诉率数据口径有误，请按季度数据填报' });
    expect((await call('office', 'POST', `/api/reports/${reportId}/return`, { version, reason: '再退一次' })).statusCode).toBe(409);
    version = d.report.version;

    const notes = (await call('deptA', 'GET', '/api/notifications')).json() as { items: { kind: string; body: string; link: string }[] };
    const returned = notes.items.find((n) => n.kind === 'report_returned')!;
    expect(returned.body).toContain('投诉率数据口径有误');
    expect(returned.link).toBe(`/progress/reports/${reportId}`);
    expect(((await call('deptB', 'GET', '/api/notifications')).json() as typeof notes).items.some((n) => n.kind === 'report_returned')).toBe(false);

    const fix = await call('deptA', 'PATCH', `/api/reports/${reportId}`, {
      version,
      targets: [
        { targetId: String(f.t1), value: 93, asOf: '2026-09-30' },
        { targetId: String(f.t3), value: 6.9, asOf: '2026-09-30' },
      ],
    });
    expect(fix.statusCode, fix.body).toBe(200);
    version = (fix.json() as ReportDetailResponse).report.version;
    const resent = await call('deptA', 'POST', `/api/reports/${reportId}/submit`, { version });
    expect(resent.json().report.status).toBe('submitted');
    version = resent.json().report.version;
    const acc = await call('office', 'POST', `/api/reports/${reportId}/accept`, { version });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().report.status).toBe('accepted');
  });

  it('the tracking page shows latest values with status, tasks by department, periods and report history', async () => {
    const res = await call('office', 'GET', `/api/plans/${f.planId}/tracking`);
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json() as TrackingResponse;
    const byId = new Map(t.targets.map((x) => [x.id, x]));
    // t1: line from 90 (2026-01-01) to 96 (2027-12-31) stands at 92.24 on 2026-09-30 → 93 is on track
    expect(byId.get(String(f.t1))).toMatchObject({ latest: { value: 93, asOf: '2026-09-30' }, status: 'on_track', statusLabel: '正常' });
    // t3: from 8‰ down to 5‰ by 2026-12-31: 5.76 on 2026-09-30, margin 0.15 → 6.9 is behind
    expect(byId.get(String(f.t3))).toMatchObject({ latest: { value: 6.9 }, status: 'behind', statusLabel: '滞后' });
    expect(byId.get(String(f.t2))).toMatchObject({ latest: null, status: 'no_report' });
    expect(t.counts).toEqual({ achieved: 0, on_track: 1, warning: 0, behind: 1, no_report: 1, missed: 0 });
    expect(t.rules.statuses.warning).toContain('5%');
    const groups = Object.fromEntries(t.tasksByDepartment.map((g) => [g.department.name, g.tasks]));
    expect(groups['区市场监管局']).toEqual([expect.objectContaining({ id: String(f.k1), role: 'lead', latest: expect.objectContaining({ status: 'in_progress', statusLabel: '进行中' }) })]);
    expect(groups['区科技局'].map((k) => [k.id, k.role, k.latest])).toEqual([
      [String(f.k1), 'co', null],
      [String(f.k2), 'lead', null],
    ]);
    expect(t.periods.map((p) => p.label)).toEqual(['2026年第1季度', '2026年第2季度', '2026年第3季度', '2026年第4季度']);
    expect(t.reports).toEqual([expect.objectContaining({ id: reportId, status: 'accepted', onTime: false, departmentName: '区市场监管局' })]);

    // a department: only its own items and reports
    const b = (await call('deptB', 'GET', `/api/plans/${f.planId}/tracking`)).json() as TrackingResponse;
    expect(b.targets.map((x) => x.id)).toEqual([String(f.t2)]);
    expect(b.tasksByDepartment.map((g) => g.department.name)).toEqual(['区科技局']);
    expect(b.reports).toEqual([]);
    expect((await call('deptC', 'GET', `/api/plans/${f.planId}/tracking`)).statusCode).toBe(404);
    expect((await call('deptA', 'GET', `/api/plans/${f.draftPlanId}/tracking`)).statusCode).toBe(404);
    expect((await call('otherOffice', 'GET', `/api/plans/${f.planId}/tracking`)).statusCode).toBe(404);
    expect((await call('inspector', 'GET', `/api/plans/${f.planId}/tracking`)).statusCode).toBe(403);
    // the department's own list shows the same status
    const mine = (await call('deptA', 'GET', '/api/my/targets')).json() as MyTargetsResponse;
    expect(mine.items.map((x) => x.status)).toEqual(['on_track', 'behind']);
  });

  it('the plan page and the tracking page read in one statement exactly what the separate queries read (decision 038)', async () => {
    const { db } = getDb();
    const byTarget = <T extends { targetId: number }>(rows: T[]) => [...rows].sort((a, b) => a.targetId - b.targetId);
    const byTask = <T extends { taskId: number; departmentId: number }>(rows: T[]) => [...rows].sort((a, b) => a.taskId - b.taskId || a.departmentId - b.departmentId);
    const pickTarget = (t: TargetRow) => ({
      id: t.id,
      indicator: t.indicator,
      comparator: t.comparator,
      value: t.value,
      valueMax: t.valueMax,
      unit: t.unit,
      kind: t.kind,
      deadlineYear: t.deadlineYear,
      baselineValue: t.baselineValue,
      baselineDate: t.baselineDate,
      tolerance: t.tolerance,
    });
    const settings = await readPlanSettings(db, f.tenantId);
    for (const planId of [f.planId, f.draftPlanId]) {
      const plan = await selectPlan(db, f.tenantId, planId);
      const refs = await selectItemDepartmentsOfPlan(db, f.tenantId, planId);
      const source = await selectPlanSource(db, f.tenantId, planId);
      for (const dep of [undefined, f.depA, f.depB, f.depC]) {
        const what = `plan ${planId}, department ${dep}`;
        const one = (await selectTrackingData(db, f.tenantId, planId, dep))!;
        expect(one.plan, what).toEqual(plan);
        expect(one.graceDays ?? 0, what).toBe(settings.reportingGraceDays);
        expect(one.periods, what).toEqual((await selectPeriods(db, f.tenantId, planId)).map(({ id, label, startDate, endDate, dueDate }) => ({ id, label, startDate, endDate, dueDate })));
        expect(one.targets, what).toEqual((await selectTargets(db, f.tenantId, planId, dep)).map(pickTarget));
        expect(one.tasks, what).toEqual((await selectTasks(db, f.tenantId, planId, dep)).map(({ id, marker, title, deadlineText }) => ({ id, marker, title, deadlineText })));
        const values = await selectLatestAndAccepted(db, f.tenantId, [planId]);
        expect(byTarget(one.values.latest), what).toEqual(byTarget(values.latest));
        expect(byTarget(one.values.accepted), what).toEqual(byTarget(values.accepted));
        expect(byTask(one.latestTasks), what).toEqual(byTask(await selectLatestTaskStatuses(db, f.tenantId, planId)));
        expect(one.reports, what).toEqual(await selectReportList(db, f.tenantId, { planId, departmentId: dep }));
        expect(one.refs, what).toEqual(refs);

        const page = (await selectPlanDetailData(db, f.tenantId, planId, dep))!;
        expect(page.plan, what).toEqual(plan);
        expect(page.targets, what).toEqual(await selectTargets(db, f.tenantId, planId, dep));
        expect(page.tasks, what).toEqual(await selectTasks(db, f.tenantId, planId, dep));
        expect(page.refs, what).toEqual(refs);
        expect(page.source, what).toEqual(source ? { sha256: source.sha256, fileName: source.fileName, format: source.format, encoding: source.encoding, normalizations: source.normalizations, sizeBytes: source.sizeBytes, text: source.text } : undefined);
      }
    }
    // something to compare: the accepted report's values, task statuses and the report itself
    const one = (await selectTrackingData(db, f.tenantId, f.planId))!;
    expect(one.values.accepted.length).toBeGreaterThan(0);
    expect(one.latestTasks.length).toBeGreaterThan(0);
    expect(one.reports.length).toBeGreaterThan(0);
    expect(await selectTrackingData(db, f.tenantId, 999_999_999)).toBeUndefined();
    expect(await selectPlanDetailData(db, f.tenantId, 999_999_999)).toBeUndefined();
  });

  it('every change is in the audit log', async () => {
    const { db } = getDb();
    const rows = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, f.tenantId), like(auditLog.action, 'progress_report.%')))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual([
      'progress_report.create',
      'progress_report.update',
      'progress_report.attach',
      'progress_report.attach',
      'progress_report.detach',
      'progress_report.submit',
      'progress_report.return',
      'progress_report.update',
      'progress_report.resubmit',
      'progress_report.accept',
    ]);
  });
});
