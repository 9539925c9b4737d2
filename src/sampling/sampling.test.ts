// 产品质量监督抽查 over HTTP on both databases: a plan and its task, samples with ≥ 2 samplers and the
// 6-month lock (per-authority), results per item, the working-day notification deadline, the 复检
// window (15 days from receipt; its conclusion final, on the reserve sample), 后处理 (one extension
// applied ≥ 5 days before, 复查, escalation), the rates of §4.4 on a hand-computed set with the
// batches behind each figure, the Excel import with refused rows, the quality file, and who may use
// every route.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Actor } from '../org/auth/model';
import { can, type Action } from '../org/auth/policy';
import { makeTenant } from '../org/testing';
import { callAs, fakeSessionApp, sessionHeaders } from '../server/testing';
import { insertGeneratedEnterprises } from '../inspections/demo';
import type { DisposalsDueResponse, PlanOut, RatesResponse, SampleDetailResponse, SampleOut, TaskOut } from './schemas';
import { openOverdueDisposalFollowUps, samplingDaily, samplingTimeline } from './service';
import { insertDepartment } from '../org/departments/store';
import { insertPlan } from '../plans/store';

forEachDb('sampling', (getDb) => {
  let app: FastifyInstance;
  let tenantId: number;
  let otherTenant: number;
  const sessions = new Map<string, Actor>();
  const call = (who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => callAs(app, who, method, url, payload);
  let ents: Array<{ id: string; code: string }> = [];
  let plan: PlanOut;
  let task: TaskOut;
  let n = 0;
  let followUpPlanId: number;
  const sampleBody = (over: Record<string, unknown> = {}) => ({
    taskId: task.id,
    sampleNo: `CJ2026-${String(++n).padStart(4, '0')}`,
    enterpriseId: ents[0]!.id,
    productName: '电热水壶',
    brand: '示范牌',
    model: 'SF-1701',
    batchNo: '20260501',
    standard: 'GB 4706.19-2008',
    sampledOn: '2026-05-10',
    samplers: ['张一', '李二'],
    ...over,
  });
  const fail = { item: '对触及带电部件的防护', clause: 'GB 4706.19-2008 第8章', required: '不应触及带电部件', measured: '可触及', verdict: '不合格' };
  const pass = { item: '标志和说明', clause: 'GB 4706.19-2008 第7章', required: '符合要求', measured: '符合', verdict: '合格' };

  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    otherTenant = (await makeTenant(db)).tenantId;
    await insertGeneratedEnterprises(db, tenantId, 30, { seed: 12 });
    const rows = await db.execute<{ id: string; credit_code: string }>(sql`SELECT id, credit_code FROM enterprises WHERE tenant_id = ${tenantId} ORDER BY id`);
    ents = rows.rows.map((r) => ({ id: String(r.id), code: r.credit_code }));
    // two townships of 定海区 for the rates by region
    await db.execute(sql`UPDATE enterprises SET region_code = CASE WHEN id % 2 = 0 THEN '330902001' ELSE '330902002' END WHERE tenant_id = ${tenantId}`);
    const actor = (t: number, role: Actor['role'], userId: number, name: string, departmentId: number | null = null): Actor => ({ tenantId: t, userId, username: name, displayName: name, role, departmentId });
    sessions.set('office', actor(tenantId, 'office', 1, '办公室王主任'));
    sessions.set('inspector', actor(tenantId, 'inspector', 2, '检查员张一'));
    sessions.set('department', actor(tenantId, 'department', 3, '部门联络员', 5));
    sessions.set('admin', actor(tenantId, 'admin', 4, '管理员'));
    sessions.set('stranger', actor(otherTenant, 'inspector', 5, '外区检查员'));
    app = await fakeSessionApp(db, sessions, { clock: () => new Date('2026-12-02T02:00:00Z') });
    // the plan a final failure's follow-up opens in (the latest published), and the organising department
    await insertDepartment(db, { tenantId, name: '区市场监管局' });
    followUpPlanId = (await insertPlan(db, { tenantId, title: '2026年质量强区工作要点', status: 'published', publishedAt: new Date('2026-01-05T00:00:00Z') })).id;
  });
  afterAll(async () => app?.close());

  it('creates a plan for a catalogue product and gives a task to a testing body', async () => {
    const cat = (await call('inspector', 'GET', '/api/sampling/catalogue')).json();
    expect(cat.sources.length).toBeGreaterThan(0);
    expect(cat.groups[0].subgroups[0].products.find((p: { code: string }) => p.code === '010110').name).toBe('电热水壶');
    const bad = await call('office', 'POST', '/api/sampling/plans', { year: 2026, name: 'x', productCode: '019999', plannedBatches: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/产品目录/);
    const res = await call('office', 'POST', '/api/sampling/plans', { year: 2026, name: '2026年电热水壶产品质量县级监督抽查', productCode: '010110', plannedBatches: 20, department: '区市场监管局' });
    expect(res.statusCode, res.body).toBe(200);
    plan = res.json();
    expect(plan.productName).toBe('电热水壶');
    const t = await call('office', 'POST', `/api/sampling/plans/${plan.id}/tasks`, { testingBody: '舟山市质量技术监督检测研究院', batches: 20, dueOn: '2026-12-31' });
    expect(t.statusCode, t.body).toBe(200);
    task = t.json();
  });

  let first: SampleOut;
  it('needs two samplers, and holds the same product of the same enterprise for six months (the authority may change the period)', async () => {
    const one = await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ samplers: ['张一', ' 张一 '] }));
    expect(one.statusCode).toBe(400);
    expect(one.json()).toMatchObject({ code: 'TOO_FEW_SAMPLERS' });
    const ok = await call('inspector', 'POST', '/api/sampling/samples', sampleBody());
    expect(ok.statusCode, ok.body).toBe(200);
    first = ok.json();
    expect(first).toMatchObject({ enterpriseId: ents[0]!.id, creditCode: ents[0]!.code, productCode: '010110' });
    expect(first.state).toBe('待检验');
    // the same product (brand and model spelled differently) the day before the lock ends: refused
    const locked = await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ brand: '示范 牌', model: 'sf-1701', sampledOn: '2026-11-09' }));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('PRODUCT_LOCKED');
    expect(locked.json().message).toContain('2026-11-10');
    // a follow-up check is exempt; another model is another product; the day the lock ends is allowed
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ sampledOn: '2026-11-10' }))).statusCode).toBe(200);
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ sampledOn: '2026-06-01', purpose: '跟踪抽查' }))).statusCode).toBe(200);
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ model: 'SF-1702', sampledOn: '2026-06-01' }))).statusCode).toBe(200);
    // an authority that sets a 12-month period
    const s = (await call('office', 'GET', '/api/sampling/settings')).json().settings;
    expect(s).toMatchObject({ lockMonths: 6, retestRequestDays: 15, rectifyDays: 30, extensionMaxDays: 30, extensionApplyBeforeDays: 5, minSamplers: 2 });
    expect((await call('office', 'PUT', '/api/sampling/settings', { ...s, minSamplers: 1 })).statusCode).toBe(400);
    const saved = await call('office', 'PUT', '/api/sampling/settings', { ...s, lockMonths: 12 });
    expect(saved.json().settings).toMatchObject({ lockMonths: 12, version: 1 });
    const held = await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[1]!.id, sampledOn: '2026-01-05' }));
    expect(held.statusCode).toBe(200);
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[1]!.id, sampledOn: '2026-11-30' }))).json().code).toBe('PRODUCT_LOCKED');
    expect((await call('office', 'PUT', '/api/sampling/settings', { ...s, version: 1 })).statusCode).toBe(200);
    // an enterprise not in the directory; a duplicate sample number; a future date
    const missing = await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: null, creditCode: '91330902MA2A00000X' }));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('被抽样企业不在企业名录中');
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ sampleNo: first.sampleNo, model: 'X9' }))).json().code).toBe('DUPLICATE_SAMPLE_NO');
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ model: 'X10', sampledOn: '2026-12-03' }))).statusCode).toBe(400);
  });

  it('records results per item, and counts the notification deadline in working days', async () => {
    const r = await call('inspector', 'POST', `/api/sampling/samples/${first.id}/results`, { reportNo: 'BG-001', reportOn: '2026-11-06', items: [pass, fail] });
    expect(r.statusCode, r.body).toBe(200);
    const d: SampleDetailResponse = r.json();
    expect(d.sample).toMatchObject({ state: '已检验', conclusion: '不合格', firstConclusion: '不合格', finalOn: null });
    expect(d.results.map((x) => [x.item, x.measured, x.clause, x.verdict])).toContainEqual([fail.item, '可触及', fail.clause, '不合格']);
    // Friday 6 Nov + 5 working days: Friday 13 Nov (overdue: nobody notified the firm yet)
    expect(d.deadlines.find((x) => x.key === 'notify')).toMatchObject({ due: '2026-11-13', status: 'overdue', workingDays: true });
    expect((await call('inspector', 'POST', `/api/sampling/samples/${first.id}/results`, { reportOn: '2026-11-06', items: [pass] })).json().code).toBe('ALREADY_TESTED');
  });

  it('accepts a 复检 request within 15 days of receipt only, and the 复检 conclusion is final', async () => {
    expect((await call('inspector', 'POST', `/api/sampling/samples/${first.id}/retest`, { requestedOn: '2026-11-20' })).json().code).toBe('NOT_NOTIFIED');
    const nd: SampleDetailResponse = (await call('inspector', 'POST', `/api/sampling/samples/${first.id}/notify`, { notifiedOn: '2026-11-12' })).json();
    expect(nd.deadlines.find((x) => x.key === 'retest')).toMatchObject({ due: '2026-11-27' });
    const late = await call('inspector', 'POST', `/api/sampling/samples/${first.id}/retest`, { requestedOn: '2026-11-28' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'RETEST_TOO_LATE' });
    expect(late.json().message).toContain('2026-11-27');
    // only the failed items can be disputed
    expect((await call('inspector', 'POST', `/api/sampling/samples/${first.id}/retest`, { requestedOn: '2026-11-27', disputedItems: [pass.item] })).statusCode).toBe(400);
    const ok = await call('inspector', 'POST', `/api/sampling/samples/${first.id}/retest`, { requestedOn: '2026-11-27', retestBody: '浙江省质检院' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().retest).toMatchObject({ state: '已申请', disputedItems: [fail.item] });
    expect((await call('inspector', 'POST', `/api/sampling/samples/${first.id}/retest`, { requestedOn: '2026-11-27' })).json().code).toBe('RETEST_EXISTS');
    // no 后处理 while the 复检 is pending
    expect((await call('inspector', 'POST', `/api/sampling/samples/${first.id}/disposal`, { orderedOn: '2026-11-30' })).json().code).toBe('RETEST_PENDING');
    const done = await call('inspector', 'POST', `/api/sampling/samples/${first.id}/retest/result`, { concludedOn: '2026-11-30', items: [{ ...fail, measured: '仍可触及' }] });
    expect(done.statusCode, done.body).toBe(200);
    const dd: SampleDetailResponse = done.json();
    expect(dd.sample).toMatchObject({ conclusion: '不合格', finalOn: '2026-11-30' });
    expect(dd.retest).toMatchObject({ state: '已完成', conclusion: '不合格' });
    expect(dd.results.filter((x) => x.stage === '复检')).toHaveLength(1);
    expect(dd.can.concludeRetest).toBe(false);
    expect(dd.blocked).toBe(true);
    // the final failure is in the credit record
    const { db } = getDb();
    const ev = await db.execute<{ kind: string; source: string }>(sql`SELECT kind, source FROM credit_events WHERE tenant_id = ${tenantId} AND enterprise_id = ${Number(first.enterpriseId)}`);
    expect(ev.rows).toEqual([{ kind: 'sampling_failed', source: 'domain' }]);
    // and it opened one follow-up for the organising department in the plan, shown on the sample
    expect(dd.followUps).toMatchObject([{ planId: String(followUpPlanId), planTitle: '2026年质量强区工作要点', departmentName: '区市场监管局', state: 'open' }]);
    const onPlan = (await call('office', 'GET', `/api/plans/${followUpPlanId}/followups`)).json();
    expect(onPlan.items.map((f: { sourceLabel: string; source: { link: string; mayClose: boolean } }) => [f.sourceLabel, f.source.link, f.source.mayClose])).toEqual([
      ['监督抽查不合格批次', `/sampling/samples/${first.id}`, false],
    ]);
  });

  it('a passing 复检 overturns the first conclusion', async () => {
    const s: SampleOut = (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[2]!.id, sampledOn: '2026-10-08' }))).json();
    await call('inspector', 'POST', `/api/sampling/samples/${s.id}/results`, { reportNo: 'BG-002', reportOn: '2026-10-20', items: [pass, fail] });
    await call('inspector', 'POST', `/api/sampling/samples/${s.id}/notify`, { notifiedOn: '2026-10-22' });
    await call('inspector', 'POST', `/api/sampling/samples/${s.id}/retest`, { requestedOn: '2026-10-25' });
    const d: SampleDetailResponse = (await call('inspector', 'POST', `/api/sampling/samples/${s.id}/retest/result`, { concludedOn: '2026-11-05', items: [{ ...fail, measured: '不可触及', verdict: '合格' }] })).json();
    expect(d.sample).toMatchObject({ firstConclusion: '不合格', conclusion: '合格', finalOn: '2026-11-05' });
    expect(d.can.order).toBe(false);
    expect((await call('inspector', 'POST', `/api/sampling/samples/${s.id}/disposal`, { orderedOn: '2026-11-10' })).json().code).toBe('NOT_FAILED');
    expect(d.followUps).toEqual([]); // an overturned failure opens no follow-up
  });

  it('后处理: 30 days to correct, one extension applied at least 5 days before, 复查, then the escalation steps', async () => {
    const o = await call('inspector', 'POST', `/api/sampling/samples/${first.id}/disposal`, { orderedOn: '2026-11-01', noticeNo: '定市监责改〔2026〕1号' });
    expect(o.statusCode).toBe(400); // before the firm was notified: out of range
    const ordered = await call('inspector', 'POST', `/api/sampling/samples/${first.id}/disposal`, { orderedOn: '2026-12-01', noticeNo: '定市监责改〔2026〕1号' });
    expect(ordered.statusCode, ordered.body).toBe(200);
    let d: SampleDetailResponse = ordered.json();
    expect(d.disposal).toMatchObject({ stepName: '责令整改', state: '整改中', deadline: '2026-12-31', extensionDays: null });
    expect(d.deadlines.find((x) => x.key === 'extension')).toMatchObject({ due: '2026-12-26' });
    const act = (body: Record<string, unknown>) => call('inspector', 'POST', `/api/sampling/disposals/${d.disposal!.id}/actions`, { version: d.disposal!.version, ...body });
    expect((await act({ kind: 'extend', appliedOn: '2026-12-02', days: 31 })).statusCode).toBe(400);
    const ext = await act({ kind: 'extend', appliedOn: '2026-12-02', days: 30, reason: '设备改造' });
    expect(ext.statusCode, ext.body).toBe(200);
    d = ext.json();
    expect(d.disposal).toMatchObject({ deadline: '2027-01-30', extensionDays: 30 });
    expect((await act({ kind: 'extend', appliedOn: '2026-12-02', days: 5 })).json().code).toBe('ALREADY_EXTENDED');
    // escalation needs a failed 复查 (the deadline has not passed)
    expect((await act({ kind: 'escalate', on: '2026-12-02' })).json().code).toBe('CANNOT_ESCALATE');
    d = (await act({ kind: 'recheck', on: '2026-12-02', passed: false, note: '防护仍不符合' })).json();
    expect(d.disposal).toMatchObject({ state: '复查不合格' });
    // the plan's follow-up cannot close while the 后处理 goes on
    const followUpId = d.followUps[0]!.id;
    const early = await call('office', 'POST', `/api/plans/followups/${followUpId}/close`, { note: '', version: 1 });
    expect(early.json().code, early.body).toBe('SOURCE_NOT_DONE');
    d = (await act({ kind: 'escalate', on: '2026-12-02', note: '报请省局公告' })).json();
    expect(d.disposal).toMatchObject({ step: 1, stepName: '公告', state: '整改中', deadline: '2027-01-01' });
    expect(d.blocked).toBe(true);
    d = (await act({ kind: 'recheck', on: '2026-12-02', passed: true })).json();
    expect(d.disposal).toMatchObject({ state: '复查合格', closedOn: '2026-12-02' });
    expect(d.blocked).toBe(false);
    const closing = await call('office', 'POST', `/api/plans/followups/${followUpId}/close`, { note: '复查合格', version: 1 });
    expect(closing.statusCode, closing.body).toBe(200);
    expect(closing.json()).toMatchObject({ state: 'closed' });
    expect(d.disposal!.events.map((e) => e.kind)).toEqual(['order', 'extend', 'recheck', 'escalate', 'recheck']);
    // a stale version is refused
    expect((await call('inspector', 'POST', `/api/sampling/disposals/${d.disposal!.id}/actions`, { version: 1, kind: 'exempt', on: '2026-12-02', reason: '停产' })).statusCode).toBe(409);
  });

  it('no 后处理 before the 复检 window has passed', async () => {
    const s: SampleOut = (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[3]!.id, sampledOn: '2026-11-02' }))).json();
    await call('inspector', 'POST', `/api/sampling/samples/${s.id}/results`, { reportOn: '2026-11-16', items: [fail] });
    await call('inspector', 'POST', `/api/sampling/samples/${s.id}/notify`, { notifiedOn: '2026-11-18' });
    const early = await call('inspector', 'POST', `/api/sampling/samples/${s.id}/disposal`, { orderedOn: '2026-12-02' });
    expect(early.json()).toMatchObject({ code: 'RETEST_WINDOW_OPEN' });
    expect(early.json().message).toContain('2026-12-03');
  });

  it("a higher authority's sampling holds the same product for the lock period: refused naming it, 跟踪抽查 exempt, a record entered by mistake removed", async () => {
    const record = { enterpriseId: ents[25]!.id, productCode: '010110', brand: '上级牌', model: 'HC-1', standard: 'GB 4706.19-2008', level: '省级', organiser: '浙江省市场监督管理局', sampledOn: '2026-09-01', reference: '浙市监抽〔2026〕12号' };
    const bad = await call('inspector', 'POST', '/api/sampling/higher-checks', { ...record, productCode: '019999' });
    expect(bad.statusCode).toBe(400);
    const future = await call('inspector', 'POST', '/api/sampling/higher-checks', { ...record, sampledOn: '2026-12-31' });
    expect(future.statusCode).toBe(400);
    const res = await call('inspector', 'POST', '/api/sampling/higher-checks', record);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json();
    expect(h).toMatchObject({ enterpriseName: expect.any(String), productName: '电热水壶', level: '省级' });
    expect(h.lockEndsOn > '2026-12-02').toBe(true);
    // this authority's routine sampling of the same product (brand and model spelled differently) is refused, naming the higher check
    const own = { enterpriseId: ents[25]!.id, brand: '上级 牌', model: 'hc-1', sampledOn: '2026-11-20' };
    const locked = await call('inspector', 'POST', '/api/sampling/samples', sampleBody(own));
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'PRODUCT_LOCKED_HIGHER', details: { higherCheckId: h.id, lockEndsOn: h.lockEndsOn } });
    expect(locked.json().message).toContain('2026-09-01 经省级监督抽查（浙江省市场监督管理局，浙市监抽〔2026〕12号）');
    expect(locked.json().message).toContain(`${h.lockEndsOn} 前本级不得重复抽查`);
    // the record is on the enterprise's list, and another authority sees none of it
    const listed = (await call('office', 'GET', `/api/sampling/higher-checks?enterpriseId=${ents[25]!.id}`)).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([h.id]);
    expect((await call('stranger', 'GET', '/api/sampling/higher-checks')).json().items).toEqual([]);
    expect((await call('stranger', 'DELETE', `/api/sampling/higher-checks/${h.id}`)).statusCode).toBe(404);
    // entered by mistake: removed (audited), and the routine sampling goes ahead
    expect((await call('inspector', 'DELETE', `/api/sampling/higher-checks/${h.id}`)).statusCode).toBe(200);
    expect((await call('office', 'GET', `/api/sampling/higher-checks?enterpriseId=${ents[25]!.id}`)).json().items).toEqual([]);
    const audit = await getDb().db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE tenant_id = ${tenantId} AND entity_type = 'sampling_higher_check' ORDER BY seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['sampling_higher_check.create', 'sampling_higher_check.delete']));
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody(own))).statusCode).toBe(200);
    // a 跟踪抽查 is exempt from the higher lock as from the own one
    expect((await call('inspector', 'POST', '/api/sampling/higher-checks', { ...record, model: 'HC-2' })).statusCode).toBe(200);
    expect((await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ ...own, model: 'HC-2', purpose: '跟踪抽查' }))).statusCode).toBe(200);
  });

  it('a failure not yet told to the firm, or final without a 责令整改, is on the 驾驶舱 with its working-day deadline (today 2026-12-02)', async () => {
    const failed = async (ent: number, model: string, reportOn: string, notifiedOn: string | null) => {
      const s: SampleOut = (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[ent]!.id, model, sampledOn: '2026-10-20' }))).json();
      expect((await call('inspector', 'POST', `/api/sampling/samples/${s.id}/results`, { reportOn, items: [fail] })).statusCode).toBe(200);
      if (notifiedOn) expect((await call('inspector', 'POST', `/api/sampling/samples/${s.id}/notify`, { notifiedOn })).statusCode).toBe(200);
      return s;
    };
    // reported Friday 11-20, nobody told the firm: 5 working days end Friday 11-27
    const untold = await failed(20, 'PEND-1', '2026-11-20', null);
    // told 11-06, no 复检 asked within 15 days: final on 11-22 (a Sunday), the order due 5 working days later, 11-27
    const unordered = await failed(21, 'PEND-2', '2026-11-05', '2026-11-06');
    // told 11-16: final today, the order due 12-09, within the 7 days the card warns of
    const finalToday = await failed(22, 'PEND-3', '2026-11-14', '2026-11-16');
    // told 11-20: the 复检 window is open until 12-05, nothing is due yet
    const windowOpen = await failed(23, 'PEND-4', '2026-11-19', '2026-11-20');
    const card: DisposalsDueResponse = (await call('office', 'GET', '/api/sampling/disposals-due')).json();
    const of = (s: SampleOut) => card.pending.filter((p) => p.sampleId === s.id);
    expect(of(untold)).toEqual([expect.objectContaining({ step: '通知企业', deadline: '2026-11-27', standing: 'overdue', days: 5, workingDays: 5 })]);
    expect(of(unordered)).toEqual([expect.objectContaining({ step: '下达责令整改', deadline: '2026-11-27', standing: 'overdue', days: 5 })]);
    expect(of(finalToday)).toEqual([expect.objectContaining({ step: '下达责令整改', deadline: '2026-12-09', standing: 'soon', days: 7 })]);
    expect(of(windowOpen)).toEqual([]);
    expect(card.overdue).toBeGreaterThanOrEqual(2);
    // the order issued (late): the batch leaves this list for the 后处理 periods
    expect((await call('inspector', 'POST', `/api/sampling/samples/${unordered.id}/disposal`, { orderedOn: '2026-12-01' })).statusCode).toBe(200);
    const after: DisposalsDueResponse = (await call('office', 'GET', '/api/sampling/disposals-due')).json();
    expect(after.pending.filter((p) => p.sampleId === unordered.id)).toEqual([]);
    expect(after.overdue).toBe(card.overdue - 1);
    // another authority sees none of them
    const theirs: DisposalsDueResponse = (await call('stranger', 'GET', '/api/sampling/disposals-due')).json();
    expect(theirs.pending.map((p) => p.sampleId)).not.toContain(untold.id);
  });

  it('后处理 due and overdue on the 驾驶舱: an overdue step opens a follow-up in the plan, closed only once the next step is taken', async () => {
    // a failure ordered on 10-20 (deadline 11-19: overdue on 12-02), one ordered on 11-05 (deadline 12-05: due within 7 days)
    const failedAndOrdered = async (ent: number, model: string, sampledOn: string, orderedOn: string) => {
      const s: SampleOut = (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[ent]!.id, model, sampledOn }))).json();
      const day = (n: number) => new Date(Date.parse(`${sampledOn}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      expect((await call('inspector', 'POST', `/api/sampling/samples/${s.id}/results`, { reportOn: day(5), items: [fail] })).statusCode).toBe(200);
      expect((await call('inspector', 'POST', `/api/sampling/samples/${s.id}/notify`, { notifiedOn: day(7) })).statusCode).toBe(200);
      const o = await call('inspector', 'POST', `/api/sampling/samples/${s.id}/disposal`, { orderedOn });
      expect(o.statusCode, o.body).toBe(200);
      return o.json() as SampleDetailResponse;
    };
    const late = await failedAndOrdered(10, 'DUE-1', '2026-09-01', '2026-10-20');
    const soon = await failedAndOrdered(11, 'DUE-2', '2026-09-20', '2026-11-05');
    const far = await failedAndOrdered(12, 'DUE-3', '2026-10-01', '2026-12-01');
    expect(late.disposal!.deadline).toBe('2026-11-19');
    const due = async (): Promise<DisposalsDueResponse> => {
      const r = await call('office', 'GET', '/api/sampling/disposals-due');
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    let card = await due();
    const mine = (d: SampleDetailResponse) => card.items.find((i) => i.sampleId === d.sample.id);
    expect(mine(late)).toMatchObject({ standing: 'overdue', days: 13, step: '责令整改', deadline: '2026-11-19' });
    expect(mine(soon)).toMatchObject({ standing: 'soon', days: 3, deadline: '2026-12-05', followUp: null });
    expect(mine(far)).toBeUndefined();
    expect(card.overdue).toBeGreaterThanOrEqual(1);
    expect(card.warnDays).toBe(7);
    // the overdue step opened a follow-up in the plan, shown on the sample too
    const fu = mine(late)!.followUp!;
    expect(fu).toMatchObject({ planId: String(followUpPlanId), state: 'open' });
    const detail: SampleDetailResponse = (await call('inspector', 'GET', `/api/sampling/samples/${late.sample.id}`)).json();
    expect(detail.followUps.map((f) => f.id)).toContain(fu.id);
    const onPlan = (await call('office', 'GET', `/api/plans/${followUpPlanId}/followups`)).json();
    const listed = (onPlan.items ?? onPlan).find((f: { id: string }) => f.id === fu.id);
    expect(listed.title).toContain('后处理逾期');
    expect(listed.source.mayClose).toBe(false);
    // reading the card again opens nothing more
    card = await due();
    expect(mine(late)!.followUp!.id).toBe(fu.id);
    // closing needs the record to agree: refused until the next step is taken
    const early = await call('office', 'POST', `/api/plans/followups/${fu.id}/close`, { note: '', version: 1 });
    expect(early.json().code, early.body).toBe('SOURCE_NOT_DONE');
    // the authority's period after 公告 (15 days here) sets the next deadline
    const s0 = (await call('office', 'GET', '/api/sampling/settings')).json().settings;
    expect(s0).toMatchObject({ escalationDays: 30, disposalWarnDays: 7 });
    const s1 = (await call('office', 'PUT', '/api/sampling/settings', { ...s0, escalationDays: 15 })).json().settings;
    const esc = await call('inspector', 'POST', `/api/sampling/disposals/${late.disposal!.id}/actions`, { version: late.disposal!.version, kind: 'escalate', on: '2026-12-02', note: '报请公告' });
    expect(esc.statusCode, esc.body).toBe(200);
    expect((esc.json() as SampleDetailResponse).disposal).toMatchObject({ stepName: '公告', state: '整改中', deadline: '2026-12-17' });
    await call('office', 'PUT', '/api/sampling/settings', { ...s1, escalationDays: 30 });
    const closed = await call('office', 'POST', `/api/plans/followups/${fu.id}/close`, { note: '已报请公告', version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    card = await due();
    expect(mine(late)).toBeUndefined(); // 12-17 is beyond the 7-day warning
    // the daily job on a later day: the 12-05 deadline has passed by 12-10, one more follow-up opens, once
    const { db } = getDb();
    expect(await samplingDaily(db, [tenantId, otherTenant], '2026-12-10')).toBe(1);
    expect(await openOverdueDisposalFollowUps(db, tenantId, '2026-12-10')).toBe(0);
    const soonDetail: SampleDetailResponse = (await call('inspector', 'GET', `/api/sampling/samples/${soon.sample.id}`)).json();
    expect(soonDetail.followUps.filter((f) => f.state === 'open').length).toBeGreaterThanOrEqual(1);
  });

  it('rates: 合格率 over sampled batches, 发现率 over tested ones, by category, region and year, each with its batches', async () => {
    // a separate year with a hand-made set: township 001 (even ids) and 002 (odd ids)
    const p2: PlanOut = (await call('office', 'POST', '/api/sampling/plans', { year: 2025, name: '2025年电线电缆抽查', productCode: '040101', plannedBatches: 10 })).json();
    const t2: TaskOut = (await call('office', 'POST', `/api/sampling/plans/${p2.id}/tasks`, { testingBody: '检测院', batches: 10 })).json();
    const even = ents.filter((e) => Number(e.id) % 2 === 0);
    const odd = ents.filter((e) => Number(e.id) % 2 === 1);
    const mk = async (e: { id: string }, taskId: string, on: string, outcome: 'pass' | 'fail' | 'untested' | 'pending') => {
      const s: SampleOut = (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ taskId, enterpriseId: e.id, sampledOn: on, model: `M-${n}` }))).json();
      if (outcome === 'pending') return;
      const body = outcome === 'untested' ? { reportOn: on, untestedReason: '样品在运输中损坏' } : { reportOn: on, items: [outcome === 'pass' ? pass : fail] };
      expect((await call('inspector', 'POST', `/api/sampling/samples/${s.id}/results`, body)).statusCode).toBe(200);
    };
    // 电热水壶 (plan 2026 task) in 2025: township 001: 3 pass, 1 fail, 1 untested; township 002: 1 pass, 1 pending
    for (const o of ['pass', 'pass', 'pass', 'fail', 'untested'] as const) await mk(even[0]!, task.id, '2025-03-01', o);
    for (const o of ['pass', 'pending'] as const) await mk(odd[0]!, task.id, '2025-03-01', o);
    // 电线电缆 in 2025: township 002: 2 fail, 2 pass
    for (const o of ['fail', 'fail', 'pass', 'pass'] as const) await mk(odd[1]!, t2.id, '2025-04-01', o);

    const res = await call('office', 'GET', '/api/sampling/rates?yearFrom=2025&yearTo=2025&categoryLevel=product&regionLevel=township');
    expect(res.statusCode, res.body).toBe(200);
    const body: RatesResponse = res.json();
    const row = (category: string | null, region: string | null) => body.rows.find((r) => r.category === category && r.region === region)!;
    // 电热水壶 × 001: sampled 5, tested 4, passed 3, failed 1 → 合格率 3/5 = 60%, 发现率 1/4 = 25%
    expect(row('010110', '330902001')).toMatchObject({ sampled: 5, tested: 4, passed: 3, failed: 1, passRate: 0.6, failRate: 0.25 });
    // 电热水壶 × 002: sampled 2, tested 1 → 合格率 1/2, 发现率 0/1
    expect(row('010110', '330902002')).toMatchObject({ sampled: 2, tested: 1, passed: 1, failed: 0, passRate: 0.5, failRate: 0 });
    // margins: the product over both townships (7 sampled, 5 tested, 4 passed, 1 failed), the township over products, the year
    expect(row('010110', null)).toMatchObject({ sampled: 7, tested: 5, passed: 4, failed: 1, passRate: 4 / 7, failRate: 1 / 5 });
    expect(row(null, '330902002')).toMatchObject({ sampled: 6, tested: 5, passed: 3, failed: 2, passRate: 0.5, failRate: 0.4 });
    expect(row(null, null)).toMatchObject({ year: 2025, sampled: 11, tested: 9, passed: 6, failed: 3 });
    expect(row('040101', '330902002')!.categoryName).toBe('电线电缆');
    // by 大类: 01 电子电器
    const byGroup: RatesResponse = (await call('office', 'GET', '/api/sampling/rates?yearFrom=2025&yearTo=2025&categoryLevel=group')).json();
    expect(byGroup.rows.find((r) => r.category === '01' && r.region === null)).toMatchObject({ categoryName: '电子电器', sampled: 7 });
    expect(byGroup.definitions.failRate).toContain('实际检验批次');
    // the batches behind a figure: the same count, and only those batches
    const failed = (await call('office', 'GET', '/api/sampling/rates/batches?yearFrom=2025&yearTo=2025&category=010110&region=330902001&measure=failed')).json();
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({ conclusion: '不合格', state: '已检验', productCode: '010110' });
    const sampled = (await call('office', 'GET', '/api/sampling/rates/batches?yearFrom=2025&yearTo=2025&category=01&measure=sampled&pageSize=3')).json();
    expect(sampled.total).toBe(7);
    expect(sampled.items).toHaveLength(3);
    const tested = (await call('office', 'GET', '/api/sampling/rates/batches?yearFrom=2025&yearTo=2025&region=330902002&measure=tested')).json();
    expect(tested.total).toBe(5);
  });

  it('imports a testing body’s workbook: each sample whole or refused with the reason', async () => {
    const mk = async (model: string) => (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[5]!.id, sampledOn: '2026-11-20', model }))).json() as Promise<SampleOut>;
    const [a, b, c] = [await mk('IM-1'), await mk('IM-2'), await mk('IM-3')];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('检验结果');
    ws.addRow(['抽样单编号', '报告编号', '报告日期', '检验项目', '标准条款', '标准要求', '实测值', '单项判定']);
    ws.addRow([a.sampleNo, 'R-1', '2026-11-25', '标志和说明', '第7章', '符合', '符合', '合格']);
    ws.addRow([a.sampleNo, 'R-1', '2026-11-25', '泄漏电流', '第13章', '≤0.75mA', '1.2mA', '不合格']);
    ws.addRow([b.sampleNo, 'R-2', '2026-11-25', '标志和说明', '第7章', '符合', '符合', '合格']);
    ws.addRow([b.sampleNo, 'R-2', '2026/11/25', '泄漏电流', '第13章', '≤0.75mA', '0.3mA', '合 格']);
    ws.addRow([c.sampleNo, 'R-3', '2026-11-25', '标志和说明', '第7章', '符合', '符合', '基本合格']);
    ws.addRow(['CJ-NOPE', 'R-4', '2026-11-25', '标志和说明', '第7章', '符合', '符合', '合格']);
    ws.addRow([b.sampleNo, 'R-2', '明天', '温升', '第11章', '', '', '合格']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----zl' + Date.now();
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="results.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/sampling/imports', headers: { ...sessionHeaders('inspector'), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.imported).toBe(1);
    const reasons = new Map(out.refused.map((r: { row: number; reason: string }) => [r.row, r.reason]));
    expect(reasons.get(6)).toMatch(/单项判定/);
    expect(reasons.get(7)).toMatch(/CJ-NOPE.*未登记/);
    expect(reasons.get(8)).toMatch(/报告日期/);
    // sample b had a bad row (8): none of its rows went in
    expect(reasons.get(4)).toMatch(/第 8 行/);
    const da: SampleDetailResponse = (await call('inspector', 'GET', `/api/sampling/samples/${a.id}`)).json();
    expect(da.sample).toMatchObject({ state: '已检验', conclusion: '不合格', reportNo: 'R-1' });
    expect(da.results.find((r) => r.item === '泄漏电流')).toMatchObject({ measured: '1.2mA', clause: '第13章' });
    expect(((await call('inspector', 'GET', `/api/sampling/samples/${b.id}`)).json() as SampleDetailResponse).sample.state).toBe('待检验');
    // not a workbook
    const junk = await app.inject({
      method: 'POST',
      url: '/api/sampling/imports',
      headers: { ...sessionHeaders('inspector'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nhello`), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    expect(junk.json()).toMatchObject({ code: 'NOT_A_WORKBOOK' });
  });

  it('puts the sampling, the 复检 and the 后处理 in the enterprise’s quality file', async () => {
    const { db } = getDb();
    const tl = await samplingTimeline(db, tenantId, Number(first.enterpriseId));
    const titles = tl.map((t) => t.title);
    expect(titles).toContain('产品监督抽查检验不合格：电热水壶（示范牌 SF-1701）');
    expect(titles).toContain('复检结论（最终）：不合格');
    expect(titles.some((t) => t.startsWith('不合格后处理：复查合格'))).toBe(true);
    const file = await call('office', 'GET', `/api/enterprises/${first.enterpriseId}/file`);
    expect(file.statusCode, file.body).toBe(200);
    expect(JSON.stringify(file.json().timeline)).toContain('产品监督抽查抽样');
  });

  it('every route answers each role as the policy table says, and another authority sees nothing', async () => {
    const s: SampleOut = (await call('inspector', 'POST', '/api/sampling/samples', sampleBody({ enterpriseId: ents[7]!.id, sampledOn: '2026-11-02', model: 'AUTH' }))).json();
    const settings = (await call('office', 'GET', '/api/sampling/settings')).json().settings;
    const higher = { enterpriseId: ents[7]!.id, productCode: '010110', model: 'AUTH-H', level: '市级', organiser: '舟山市市场监督管理局', sampledOn: '2026-10-01' };
    const routes: Array<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown; action: Action; ok: number[] }> = [
      { method: 'GET', url: '/api/sampling/catalogue', action: 'sampling:read', ok: [200] },
      { method: 'GET', url: '/api/sampling/higher-checks', action: 'sampling:read', ok: [200] },
      { method: 'POST', url: '/api/sampling/higher-checks', body: higher, action: 'sampling:manage', ok: [200] },
      { method: 'DELETE', url: '/api/sampling/higher-checks/999999', action: 'sampling:manage', ok: [404] },
      { method: 'GET', url: '/api/sampling/disposals-due', action: 'sampling:deadlines', ok: [200] },
      { method: 'GET', url: '/api/sampling/settings', action: 'sampling:read', ok: [200] },
      { method: 'PUT', url: '/api/sampling/settings', body: settings, action: 'sampling:settings', ok: [200, 409] },
      { method: 'GET', url: '/api/sampling/plans', action: 'sampling:read', ok: [200] },
      { method: 'POST', url: '/api/sampling/plans', body: { year: 2026, name: '授权测试', productCode: '010101', plannedBatches: 1 }, action: 'sampling:plan', ok: [200] },
      { method: 'GET', url: `/api/sampling/plans/${plan.id}`, action: 'sampling:read', ok: [200] },
      { method: 'POST', url: `/api/sampling/plans/${plan.id}/tasks`, body: { testingBody: '检测院', batches: 1 }, action: 'sampling:plan', ok: [200] },
      { method: 'GET', url: '/api/sampling/samples', action: 'sampling:read', ok: [200] },
      { method: 'POST', url: '/api/sampling/samples', body: sampleBody({ enterpriseId: ents[8]!.id, model: 'AUTH-2' }), action: 'sampling:manage', ok: [200] },
      { method: 'GET', url: `/api/sampling/samples/${s.id}`, action: 'sampling:read', ok: [200] },
      { method: 'POST', url: `/api/sampling/samples/${s.id}/results`, body: { reportOn: '2026-11-10', items: [fail] }, action: 'sampling:manage', ok: [200] },
      { method: 'POST', url: `/api/sampling/samples/${s.id}/notify`, body: { notifiedOn: '2026-11-11' }, action: 'sampling:manage', ok: [200] },
      { method: 'POST', url: `/api/sampling/samples/${s.id}/retest`, body: { requestedOn: '2026-11-12' }, action: 'sampling:manage', ok: [200] },
      { method: 'POST', url: `/api/sampling/samples/${s.id}/retest/result`, body: { concludedOn: '2026-11-13', items: [fail] }, action: 'sampling:manage', ok: [200] },
      { method: 'POST', url: `/api/sampling/samples/${s.id}/disposal`, body: { orderedOn: '2026-11-14' }, action: 'sampling:manage', ok: [200] },
      { method: 'POST', url: '/api/sampling/disposals/999999/actions', body: { kind: 'exempt', version: 1, on: '2026-11-20', reason: '停产' }, action: 'sampling:manage', ok: [404] },
      { method: 'GET', url: '/api/sampling/rates?yearFrom=2025&yearTo=2026', action: 'sampling:read', ok: [200] },
      { method: 'GET', url: '/api/sampling/rates/batches?yearFrom=2025&yearTo=2026&measure=failed', action: 'sampling:read', ok: [200] },
      { method: 'POST', url: '/api/sampling/imports', body: {}, action: 'sampling:manage', ok: [400] },
    ];
    const roles = ['office', 'inspector', 'department', 'admin'];
    for (const route of routes) {
      const allowed = roles.filter((r) => can(sessions.get(r), route.action));
      // refused roles first: a refusal changes nothing; then one allowed role per write
      for (const who of roles.filter((r) => !allowed.includes(r))) {
        const res = await call(who, route.method, route.url, route.body);
        expect(res.statusCode, `${who} ${route.method} ${route.url}: ${res.body}`).toBe(403);
      }
      const doers = route.method === 'GET' ? allowed : allowed.slice(0, 1);
      for (const who of doers) {
        const res = await call(who, route.method, route.url, route.body);
        expect(route.ok, `${who} ${route.method} ${route.url}: ${res.body}`).toContain(res.statusCode);
      }
      expect((await call(null, route.method, route.url, route.body)).statusCode, `signed out ${route.method} ${route.url}`).toBe(401);
    }
    // every /api/sampling route of the app is in the list above
    const listed = new Set(routes.map((r) => `${r.method} ${r.url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`));
    const served = listFastifyRoutes(app)
      .filter(([, url]) => url.startsWith('/api/sampling'))
      .map(([method, url]) => `${method} ${url}`);
    expect(served.length).toBeGreaterThan(10);
    for (const r of served) expect(listed.has(r), `route ${r} is missing from the authorization list`).toBe(true);
    // the roles as the brief has them
    expect(can(sessions.get('inspector'), 'sampling:manage')).toBe(true);
    expect(can(sessions.get('office'), 'sampling:manage')).toBe(false);
    expect(can(sessions.get('department'), 'sampling:read')).toBe(false);
    // another authority's inspector sees none of these records
    expect((await call('stranger', 'GET', `/api/sampling/samples/${s.id}`)).statusCode).toBe(404);
    expect((await call('stranger', 'GET', `/api/sampling/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await call('stranger', 'POST', `/api/sampling/samples/${s.id}/notify`, { notifiedOn: '2026-11-11' })).statusCode).toBe(404);
    expect((await call('stranger', 'GET', '/api/sampling/samples')).json().total).toBe(0);
    const theirRates: RatesResponse = (await call('stranger', 'GET', '/api/sampling/rates?yearFrom=2025&yearTo=2026')).json();
    expect(theirRates.rows).toEqual([]);
  });
});

/** [method, url] of every route Fastify has (HEAD excluded), from its printed route tree (as src/server/fuzz.test.ts reads it). */
function listFastifyRoutes(app: FastifyInstance): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.search(/[─] /);
    if (at < 0) continue;
    const depth = Math.floor((at + 2) / 4) - 1;
    const m = /^(\S+?)(?: \(([^)]+)\))?$/.exec(line.slice(at + 2).trim());
    if (!m) continue;
    stack.length = depth;
    stack[depth] = m[1]!;
    const url = stack.join('');
    for (const method of (m[2] ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
      if (method !== 'HEAD' && method !== 'OPTIONS') out.push([method, url]);
    }
  }
  return out;
}
