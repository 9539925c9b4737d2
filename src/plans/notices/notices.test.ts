// 督查通报 end to end over HTTP: the office generates a notice for 2026年第3季度 from the records
// (one report missing, one late, a target behind, a task blocked), edits it (stale version → 409),
// issues it (文号, date, then read-only), departments see only issued notices about them, and the
// Word export reads back with the title, 文号, body and date.
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../org/auth/model';
import { forEachDb } from '../../core/db/testing';
import { notifications } from '../tables';
import { demoTenant, departmentActor, officeActor, otherTenant } from '../testing';
import { insertPlanFixture, supervisionApp, type PlanFixtureIds } from './fixture';
import { book, buildNoticeContent, chineseNumber, defaultCopyTo, noticeBodyText, rangeLabel } from './model';
import type { NoticeOut } from './schemas';

describe('notice rules', () => {
  it('labels a date range as the period people name', () => {
    expect(rangeLabel('2026-07-01', '2026-09-30')).toBe('2026年第3季度');
    expect(rangeLabel('2026-11-01', '2026-11-30')).toBe('2026年11月');
    expect(rangeLabel('2026-01-01', '2026-06-30')).toBe('2026年上半年');
    expect(rangeLabel('2026-01-01', '2026-12-31')).toBe('2026年');
    expect(rangeLabel('2026-07-15', '2026-09-30')).toBe('2026年7月15日至2026年9月30日');
  });
  it('writes a clean notice when nothing is wrong, and names a returned report', () => {
    const base = { periodStart: '2026-07-01', periodEnd: '2026-09-30', periodLabel: '2026年第3季度', asOf: '2026-10-20', plans: [{ id: 1, title: '甲方案' }], targets: [], latest: new Map(), tasks: [], departmentOrder: new Map([[7, { name: '区科技局', order: 1 }]]) };
    const due = { planId: 1, planTitle: '甲方案', periodId: 3, periodLabel: '2026年第3季度', periodStart: '2026-07-01', periodEnd: '2026-09-30', dueDate: '2026-10-13', departmentId: 7, departmentName: '区科技局', reportId: 9 };
    const clean = buildNoticeContent({ ...base, dueReports: [{ ...due, reportStatus: 'accepted', submittedOn: '2026-10-12' }] });
    expect(clean.departments).toEqual([]);
    const text = noticeBodyText(clean, '示范区质量工作领导小组办公室');
    expect(text).toContain('按时报送1份。督查未发现逾期报送、目标进度滞后和任务推进受阻的情况。');
    expect(text).toContain('二、工作要求');
    expect(text).not.toContain('存在的问题');
    // nothing overdue, behind or blocked: no paragraph asks for it
    expect(text).not.toContain('逾期未报送情况的单位');
    expect(text).not.toContain('整改措施');
    expect(text).toContain('（一）各责任单位要严格落实质量提升行动责任分工');
    const returned = buildNoticeContent({ ...base, dueReports: [{ ...due, reportStatus: 'returned', submittedOn: '2026-10-12' }] });
    expect(returned.departments[0].overdueReports[0]).toMatchObject({ state: 'returned', submittedOn: null });
    expect(noticeBodyText(returned, '质量办')).toContain('报送后被退回，截至2026年10月20日仍未重新报送。');
    expect(noticeBodyText(returned, '质量办')).toContain('（一）请存在逾期未报送情况的单位');
    expect(noticeBodyText(returned, '质量办')).not.toContain('整改措施');
    // not yet due on the day of generation: not counted
    expect(buildNoticeContent({ ...base, asOf: '2026-10-13', dueReports: [{ ...due, reportStatus: null, submittedOn: null, reportId: null }] }).summary.reportsDue).toBe(0);
  });
  it('nests book-title marks: 《…〈…〉…》', () => {
    expect(book('普陀区深入贯彻落实《质量强国建设纲要》加快建设质量强区的实施方案')).toBe('《普陀区深入贯彻落实〈质量强国建设纲要〉加快建设质量强区的实施方案》');
    expect(book('《甲方案》')).toBe('《甲方案》');
    expect(defaultCopyTo('示范区质量工作领导小组办公室')).toEqual(['示范区质量工作领导小组组长、副组长']);
  });
  it('counts in Chinese numerals for headings', () => {
    expect([1, 10, 11, 20, 23].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十三']);
  });
});

forEachDb('notices', (getDb) => {
  let app: FastifyInstance;
  const now = { value: new Date('2026-10-20T02:00:00Z') }; // 2026-10-20 10:00 in Shanghai
  const sessions = new Map<string, Actor>();
  let market: number; // 区市场监管局 (order 20)
  let industry: number; // 区经信局 (order 40)
  let science: number; // 区科技局 (order 50)
  let farming: number; // 区农业农村局: no problems
  let ids: PlanFixtureIds;

  const call = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, ...(who ? { headers: { cookie: `zl_session=${who}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    market = await demo.departmentId('区市场监管局');
    industry = await demo.departmentId('区经信局');
    science = await demo.departmentId('区科技局');
    farming = await demo.departmentId('区农业农村局');
    const other = await otherTenant(db, '通报邻区');
    sessions.set('office', officeActor(demo.tenantId));
    sessions.set('admin', { ...officeActor(demo.tenantId), role: 'admin', username: 'admin' });
    sessions.set('market', departmentActor(demo.tenantId, market));
    sessions.set('science', departmentActor(demo.tenantId, science));
    sessions.set('farming', departmentActor(demo.tenantId, farming));
    sessions.set('otherOffice', officeActor(other));
    ids = await insertPlanFixture(db, demo.tenantId, {
      title: '示范区质量提升行动计划',
      targets: [
        // line at 2026-09-30: 90 + 5 × 272/364 = 93.74; 91 is more than the margin (0.25) below → 滞后
        { key: 'pass', indicator: '产品质量监督抽查合格率', value: 95, baselineValue: 90, departments: [[market, 'lead'], [industry, 'co']] },
        // line: 2 + 1 × 272/364 = 2.747; 2.9 is above → 正常
        { key: 'rd', indicator: '研发投入占比', value: 3, baselineValue: 2, departments: [[science, 'lead']] },
        { key: 'complaints', indicator: '投诉按时办结率', value: 98, departments: [[industry, 'lead']] },
      ],
      tasks: [
        { key: 'station', title: '建设质量基础设施一站式服务站', departments: [[science, 'lead']] },
        { key: 'brand', title: '开展质量品牌提升行动', departments: [[market, 'lead']] },
      ],
      periods: [{ key: 'q3', label: '2026年第3季度', start: '2026-07-01', end: '2026-09-30', due: '2026-10-13' }],
      reports: [
        {
          period: 'q3',
          department: market,
          status: 'submitted',
          submittedAt: '2026-10-10T03:00:00Z',
          values: [{ target: 'pass', value: 91, asOf: '2026-09-30' }],
          tasks: [{ task: 'brand', status: 'in_progress' }],
        },
        {
          period: 'q3',
          department: science,
          status: 'accepted',
          submittedAt: '2026-10-15T03:00:00Z',
          values: [{ target: 'rd', value: 2.9, asOf: '2026-09-30' }],
          tasks: [{ task: 'station', status: 'blocked', note: '选址未落实' }],
        },
        // 区经信局: no report at all
      ],
    });
    // a draft plan's records never reach a notice
    await insertPlanFixture(db, demo.tenantId, {
      title: '草稿计划',
      status: 'draft',
      targets: [{ key: 'x', indicator: '草稿指标', value: 1, departments: [[farming, 'lead']] }],
      periods: [{ key: 'q3', label: '2026年第3季度', start: '2026-07-01', end: '2026-09-30', due: '2026-10-13' }],
    });
    app = await supervisionApp(db, sessions, now);
  });
  afterAll(async () => {
    await app?.close();
  });

  let notice: NoticeOut;

  it('generates a draft notice from the records, grouped by department', async () => {
    const res = await call('office', 'POST', '/api/notices/generate', { periodStart: '2026-07-01', periodEnd: '2026-09-30' });
    expect(res.statusCode, res.body).toBe(200);
    notice = res.json().notice;
    expect(notice.status).toBe('draft');
    expect(notice.title).toBe('关于2026年第3季度质量提升行动推进情况的通报');
    expect(notice.documentNumber).toBeNull();
    expect(notice.content.summary).toEqual({
      reportsDue: 3,
      reportsOnTime: 1,
      overdueReports: 1,
      lateReports: 1,
      targetsBehind: 1,
      tasksBlocked: 1,
      departments: 3,
    });
    const byName = Object.fromEntries(notice.content.departments.map((d) => [d.name, d]));
    expect(notice.content.departments.map((d) => d.name)).toEqual(['区市场监管局', '区经信局', '区科技局']);
    expect(byName['区市场监管局'].targetsBehind.map((t) => [t.indicator, t.latestValue, t.goal])).toEqual([['产品质量监督抽查合格率', 91, '不低于95%']]);
    expect(byName['区市场监管局'].overdueReports).toEqual([]);
    expect(byName['区经信局'].overdueReports.map((r) => [r.periodLabel, r.state, r.dueDate])).toEqual([['2026年第3季度', 'missing', '2026-10-13']]);
    expect(byName['区经信局'].targetsBehind).toEqual([]); // co department of the behind target, and its own target has no report
    expect(byName['区科技局'].overdueReports.map((r) => [r.state, r.submittedOn])).toEqual([['late', '2026-10-15']]);
    expect(byName['区科技局'].tasksBlocked.map((k) => [k.title, k.note])).toEqual([['建设质量基础设施一站式服务站', '选址未落实']]);
    expect(notice.departments.map((d) => d.name)).toEqual(['区市场监管局', '区经信局', '区科技局']);

    const lines = notice.bodyText.split('\n');
    expect(lines[0]).toBe('各责任单位：');
    expect(lines).toContain('一、总体情况');
    expect(lines).toContain('（一）区市场监管局');
    expect(lines).toContain('（二）区经信局');
    expect(lines).toContain('（三）区科技局');
    expect(notice.bodyText).toContain('截至2026年10月20日，2026年第3季度应报送进度3份，按时报送1份。督查发现：逾期未报送进度1份，逾期报送1份，目标进度滞后1项，任务推进受阻1项，涉及3个单位。');
    expect(lines).toContain('1.逾期未报送：《示范区质量提升行动计划》2026年第3季度进度应于2026年10月13日前报送，截至2026年10月20日仍未报送。');
    expect(lines).toContain('1.逾期报送：《示范区质量提升行动计划》2026年第3季度进度应于2026年10月13日前报送，实际于2026年10月15日报送，逾期报送。');
    expect(lines).toContain(
      '1.目标进度滞后：《示范区质量提升行动计划》“产品质量监督抽查合格率”目标为不低于95%（2026年），最新报送值为91%（截至2026年9月30日），低于序时进度要求。',
    );
    expect(lines).toContain('2.任务推进受阻：《示范区质量提升行动计划》“建设质量基础设施一站式服务站”任务在2026年第3季度报送为受阻，原因：选址未落实。');
    expect(notice.bodyText).not.toContain('草稿');
  });

  it('generates the same lists for a reporting period chosen by id, titled by its label', async () => {
    const res = await call('office', 'POST', '/api/notices/generate', { periodId: String(ids.period.q3) });
    expect(res.statusCode, res.body).toBe(200);
    const n: NoticeOut = res.json().notice;
    expect(n.title).toBe('关于2026年第3季度质量提升行动推进情况的通报');
    expect(n.planId).toBe(String(ids.planId));
    expect(n.content.summary).toEqual(notice.content.summary);
    // clean up: delete the draft (stale version refused)
    expect((await call('office', 'DELETE', `/api/notices/${n.id}?version=${n.version + 1}`)).statusCode).toBe(409);
    expect((await call('office', 'DELETE', `/api/notices/${n.id}?version=${n.version}`)).statusCode).toBe(200);
    expect((await call('office', 'GET', `/api/notices/${n.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with Chinese messages and stable codes', async () => {
    const missing = await call('office', 'POST', '/api/notices/generate', { periodStart: '2026-07-01' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('VALIDATION_FAILED');
    const reversed = await call('office', 'POST', '/api/notices/generate', { periodStart: '2026-09-30', periodEnd: '2026-07-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toEqual({ code: 'INVALID_RANGE', message: '开始日期不能晚于结束日期' });
    expect((await call('office', 'POST', '/api/notices/generate', { periodId: '999999' })).statusCode).toBe(404);
    expect((await call('market', 'POST', '/api/notices/generate', { periodStart: '2026-07-01', periodEnd: '2026-09-30' })).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/notices')).statusCode).toBe(401);
  });

  it('edits a draft with its version; a stale version gets 409', async () => {
    const edited = notice.bodyText.replace('各责任单位：', '各责任单位，区直各有关部门：');
    // 抄送 starts as the leading group's heads, and the office adds a recipient
    expect(notice.copyTo).toEqual(['示范区质量工作领导小组组长、副组长']);
    const copyTo = [...notice.copyTo, ' 区人大常委会办公室 '];
    const ok = await call('office', 'PATCH', `/api/notices/${notice.id}`, { version: notice.version, bodyText: edited, copyTo });
    expect(ok.statusCode, ok.body).toBe(200);
    const after: NoticeOut = ok.json().notice;
    expect(after.version).toBe(notice.version + 1);
    expect(after.bodyText.split('\n')[0]).toBe('各责任单位，区直各有关部门：');
    expect(after.copyTo).toEqual(['示范区质量工作领导小组组长、副组长', '区人大常委会办公室']);
    const tooLong = await call('office', 'PATCH', `/api/notices/${notice.id}`, { version: after.version, copyTo: ['区'.repeat(101)] });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('100');
    const stale = await call('office', 'PATCH', `/api/notices/${notice.id}`, { version: notice.version, title: '别人的标题' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    notice = after;
  });

  it('departments see neither drafts nor notices about others', async () => {
    expect((await call('science', 'GET', '/api/notices')).json().items).toEqual([]);
    expect((await call('science', 'GET', `/api/notices/${notice.id}`)).statusCode).toBe(404);
    expect((await call('science', 'PATCH', `/api/notices/${notice.id}`, { version: notice.version, title: 'x' })).statusCode).toBe(403);
    expect((await call('otherOffice', 'GET', `/api/notices/${notice.id}`)).statusCode).toBe(404);
  });

  it('issues with 文号 and date; then read-only, and visible to the departments it concerns', async () => {
    const res = await call('office', 'POST', `/api/notices/${notice.id}/issue`, { version: notice.version });
    expect(res.statusCode, res.body).toBe(200);
    const issued: NoticeOut = res.json().notice;
    expect(issued.status).toBe('issued');
    expect(issued.documentNumber).toBe('质量办〔2026〕1号');
    expect(issued.issueDate).toBe('2026-10-20');
    expect(issued.issuingBody).toBe('示范区质量工作领导小组办公室');

    const again = await call('office', 'PATCH', `/api/notices/${notice.id}`, { version: issued.version, title: '改标题' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('NOTICE_ISSUED');
    expect((await call('office', 'POST', `/api/notices/${notice.id}/issue`, { version: issued.version })).json().code).toBe('NOTICE_ISSUED');
    expect((await call('office', 'DELETE', `/api/notices/${notice.id}?version=${issued.version}`)).json().code).toBe('NOTICE_ISSUED');

    const sci = await call('science', 'GET', '/api/notices');
    expect(sci.json().items.map((n: NoticeOut) => n.id)).toEqual([issued.id]);
    expect(sci.json()).toMatchObject({ total: 1, page: 1, pageSize: 200 });
    expect((await call('science', 'GET', '/api/notices?page=2&pageSize=1')).json()).toMatchObject({ items: [], total: 1 });
    expect((await call('office', 'GET', '/api/notices?pageSize=201')).statusCode).toBe(400);
    expect((await call('science', 'GET', `/api/notices/${issued.id}`)).statusCode).toBe(200);
    expect((await call('farming', 'GET', '/api/notices')).json().items).toEqual([]);
    const other = await call('farming', 'GET', `/api/notices/${issued.id}`);
    expect(other.statusCode).toBe(404);
    expect((await call('farming', 'GET', `/api/notices/${issued.id}/docx`)).statusCode).toBe(404);
    expect((await call('admin', 'GET', `/api/notices/${issued.id}`)).statusCode).toBe(200);
    notice = issued;

    // the departments it concerns are notified in the app, once each
    const { db } = getDb();
    const sent = await db
      .select({ departmentId: notifications.departmentId, kind: notifications.kind, link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.kind, 'notice_issued'), eq(notifications.link, `/notices/${issued.id}`)));
    expect(sent.map((n) => n.departmentId).sort()).toEqual([market, industry, science].sort());

    // the next notice of the year gets the next number; a number in use is refused
    const second: NoticeOut = (await call('office', 'POST', '/api/notices/generate', { periodStart: '2026-07-01', periodEnd: '2026-09-30' })).json().notice;
    const taken = await call('office', 'POST', `/api/notices/${second.id}/issue`, { version: second.version, documentNumber: '质量办〔2026〕1号' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('DOCUMENT_NUMBER_TAKEN');
    const next = await call('office', 'POST', `/api/notices/${second.id}/issue`, { version: second.version, issueDate: '2026-10-21' });
    expect(next.json().notice.documentNumber).toBe('质量办〔2026〕2号');
  });

  it('exports the issued notice as a 公文 Word document', async () => {
    const res = await call('science', 'GET', `/api/notices/${notice.id}/docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('质量办〔2026〕1号'));
    const bytes = res.rawPayload;
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    const lines = value.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('示范区质量工作领导小组办公室');
    expect(lines[1]).toBe('质量办〔2026〕1号');
    expect(lines[2]).toBe('关于2026年第3季度质量提升行动推进情况的通报');
    expect(lines[3]).toBe('各责任单位，区直各有关部门：');
    expect(lines).toContain('（三）区科技局');
    expect(lines).toContain('2.任务推进受阻：《示范区质量提升行动计划》“建设质量基础设施一站式服务站”任务在2026年第3季度报送为受阻，原因：选址未落实。');
    // signature and date, then the 版记: 抄送 and 印发机关 / 印发日期
    const sig = lines.lastIndexOf('2026年10月20日');
    expect(lines[sig - 1]).toBe('示范区质量工作领导小组办公室');
    expect(lines.slice(sig + 1)).toEqual(['抄送：示范区质量工作领导小组组长、副组长，区人大常委会办公室。', '示范区质量工作领导小组办公室\t2026年10月20日印发']);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?一、总体情况/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^]*?（一）区市场监管局/);
  });
});
