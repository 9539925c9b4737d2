// Browser tier, issue 8 "done when": the assessment of a realistic year grades a working department
// above an idle one, as the office sees it on the 部门考核 page. The year is built through the API on a
// server whose clock the test moves (ZHILIANG_TEST_CLOCK=1): four departments of their own (so the
// demo plans, imported at the real date, name none of them), three plans published at the start of
// 2026 (one that ended in 2023, a 2024–2027 plan, the year's own work plan; half-yearly reporting),
// and the departments' reports at the times they were sent:
//   区大数据局   reports both half-years on time, meets its 2026 target, finishes its tasks
//   区统计局     reports the first half late, misses its 2026 target, one task blocked
//   区机关事务局 named on the running plans, reports nothing (idle)
//   区档案局     named only on the plan that ended in 2023 → 不参评, not A
// On 2027-01-25 the office computes 2026 in Chromium and reads the grades, the order, the 不参评 row and
// how a score was computed (the ended plan named as not counted). Screenshots at 1440 and 375 px.
// On the way, the public page on a phone shows 大数据局's year-end value only once the office accepted it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/org/seed-data/demo';
import type { ConfirmPlanBody, PlanDetailResponse } from '../src/plans/schemas';
import type { MyPeriodsResponse, ReportDetailResponse, ReportListResponse } from '../src/plans/progress/schemas';
import type { AssessmentOut } from '../src/plans/assessment/schemas';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt, ROOT } from './helpers/web-build';

const SCREENSHOTS = path.join(ROOT, '.tmp');
const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);

const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
const office = DEMO_ACCOUNTS.find((a) => a.role === 'office')!;

const DEPTS = { data: '区大数据局', stats: '区统计局', affairs: '区机关事务局', archives: '区档案局' } as const;
type DeptKey = keyof typeof DEPTS;
const USERS: Partial<Record<DeptKey, string>> = { data: 'dsj_lly', stats: 'tjj_lly' };
const ENDED = '档案工作质量提升三年行动计划（2021—2023年）';
const RUNNING = '数字政府质量建设实施方案（2024—2027年）';
const YEARLY = '2026年质量强区工作要点';

/** YYYY-MM-DD plus n calendar days. */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface ItemSpec {
  text: string;
  departments: [DeptKey, 'lead' | 'co'][];
}
interface TargetSpec extends ItemSpec {
  value: number;
  baselineValue: number;
  deadlineYear: number;
}
interface TaskSpec extends ItemSpec {
  dueDate: string;
}

/** The confirm body of a plan written by hand (as the review screen sends it), departments linked to the directory. */
function planBody(title: string, startYear: number, endYear: number, targets: TargetSpec[], tasks: TaskSpec[], ids: Record<DeptKey, string>): ConfirmPlanBody {
  const text = [title, ...targets.map((t) => `${t.text}达到${t.value}%。`), ...tasks.map((t, i) => `${i + 1}. ${t.text}。`)].join('\n');
  const used = new Set<DeptKey>([...targets, ...tasks].flatMap((i) => i.departments.map(([k]) => k)));
  const deps = (i: ItemSpec) => i.departments.map(([k, role]) => ({ name: DEPTS[k], role }));
  return {
    source: { sha256: createHash('sha256').update(text).digest('hex'), fileName: `${title}.txt`, format: 'txt', sizeBytes: Buffer.byteLength(text), text },
    metadata: { title, issuer: '示范区人民政府办公室', periodStartYear: startYear, periodEndYear: endYear, publishedDate: `${startYear}-01-01` },
    settings: { reportingCycle: 'half_yearly' },
    targets: targets.map((t) => ({ indicator: t.text, comparator: '>=', value: t.value, unit: '%', kind: 'level', deadlineYear: t.deadlineYear, baselineValue: t.baselineValue, departments: deps(t) })),
    tasks: tasks.map((t) => ({ title: t.text, dueDate: t.dueDate, departments: deps(t) })),
    departments: [...used].map((k) => ({ name: DEPTS[k], action: 'link' as const, departmentId: ids[k] })),
  };
}

describe.skipIf(!chromiumPresent)('the assessment of a realistic year in Chromium: a working department above an idle one', () => {
  let platform: Platform;
  let browser: Browser;
  const apis: APIRequestContext[] = [];
  const contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];
  const previousClockEnv = process.env.ZHILIANG_TEST_CLOCK;
  const ids = {} as Record<DeptKey, string>;
  const plans: Record<'ended' | 'running' | 'yearly', PlanDetailResponse> = {} as never;

  beforeAll(async () => {
    ensureWebBuilt();
    process.env.ZHILIANG_TEST_CLOCK = '1';
    platform = await startPlatform();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    if (previousClockEnv === undefined) delete process.env.ZHILIANG_TEST_CLOCK;
    else process.env.ZHILIANG_TEST_CLOCK = previousClockEnv;
    for (const c of contexts) await c.close().catch(() => {});
    for (const a of apis) await a.dispose().catch(() => {});
    await browser?.close();
    await platform?.stop();
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  /** A signed-in API context (a fresh sign-in: moving the clock ends idle sessions). */
  async function apiAs(username: string, password = E2E_PASSWORD): Promise<APIRequestContext> {
    const api = await request.newContext({ baseURL: platform.url });
    apis.push(api);
    const res = await api.post('/api/auth/login', { data: { username, password } });
    expect(res.status(), `API sign-in of ${username}: ${await res.text()}`).toBe(200);
    return api;
  }

  async function setClock(day: string) {
    const api = await request.newContext({ baseURL: platform.url });
    const res = await api.post('/api/test/clock', { data: { now: day } });
    expect(res.status(), await res.text()).toBe(200);
    await api.dispose();
  }

  async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
    expect(res.status(), `${what}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  }

  /** The department's periods of a plan (listing them opens the periods up to the server's today). */
  async function periodsOf(api: APIRequestContext, planId: string) {
    const all = (await ok<MyPeriodsResponse>(await api.get('/api/my/periods'), 'my periods')).items;
    return all.filter((p) => p.planId === planId).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  }

  /** Creates, fills and submits the department's report of one period, at the server's current time. */
  async function report(api: APIRequestContext, planId: string, periodId: string, fill: { text: string; targets?: { targetId: string; value: number; asOf: string }[]; tasks?: { taskId: string; status: 'in_progress' | 'done' | 'blocked'; note?: string }[] }) {
    let r = await ok<ReportDetailResponse>(await api.post('/api/reports', { data: { planId, periodId } }), 'create report');
    r = await ok<ReportDetailResponse>(await api.patch(`/api/reports/${r.report.id}`, { data: { version: r.report.version, ...fill } }), 'fill report');
    r = await ok<ReportDetailResponse>(await api.post(`/api/reports/${r.report.id}/submit`, { data: { version: r.report.version } }), 'submit report');
    return r.report.id;
  }

  async function newPage(width: number): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width, height: 900 } });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    return page;
  }

  async function signIn(page: Page, username: string) {
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    expect((await answered).status(), `sign-in of ${username}`).toBe(200);
    await page.getByTestId('user-menu').waitFor();
  }

  function screenshot(page: Page, name: string) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    return page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  }

  it('sets up the year through the API: departments, liaison accounts, three plans published on 2026-01-05', async () => {
    await setClock('2026-01-05');
    const adminApi = await apiAs(admin.username);
    for (const [k, name] of Object.entries(DEPTS) as [DeptKey, string][]) {
      const created = await ok<{ department: { id: string } }>(await adminApi.post('/api/admin/departments', { data: { name, kind: 'department' } }), `create ${name}`);
      ids[k] = created.department.id;
    }
    for (const [k, username] of Object.entries(USERS) as [DeptKey, string][]) {
      const initial = `Start#Liaison-2026-${k}`;
      await ok(await adminApi.post('/api/admin/users', { data: { username, displayName: `${DEPTS[k]}联络员`, role: 'department', departmentId: ids[k], password: initial } }), `create ${username}`);
      // first sign-in: a password an admin set must be changed
      const first = await apiAs(username, initial);
      await ok(await first.post('/api/auth/password', { data: { oldPassword: initial, newPassword: E2E_PASSWORD } }), `password of ${username}`);
    }

    const officeApi = await apiAs(office.username);
    const bodies = {
      ended: planBody(
        ENDED,
        2021,
        2023,
        [
          { text: '档案数字化率', value: 90, baselineValue: 40, deadlineYear: 2023, departments: [['archives', 'lead'], ['data', 'co']] },
        ],
        [
          { text: '建设数字档案馆', dueDate: '2023-12-31', departments: [['archives', 'lead']] },
          { text: '推进机关档案规范化管理', dueDate: '2023-06-30', departments: [['affairs', 'lead']] },
        ],
        ids,
      ),
      running: planBody(
        RUNNING,
        2024,
        2027,
        [
          { text: '政务数据共享率', value: 95, baselineValue: 70, deadlineYear: 2026, departments: [['data', 'lead']] },
          { text: '统计数据质量抽查合格率', value: 98, baselineValue: 90, deadlineYear: 2026, departments: [['stats', 'lead']] },
          { text: '公共机构节能改造达标率', value: 90, baselineValue: 50, deadlineYear: 2027, departments: [['affairs', 'lead']] },
        ],
        [
          { text: '建成一体化公共数据平台', dueDate: '2026-12-31', departments: [['data', 'lead']] },
          { text: '开展统计数据质量专项检查', dueDate: '2026-12-31', departments: [['stats', 'lead']] },
          { text: '完成公共机构能耗监测平台建设', dueDate: '2026-12-31', departments: [['affairs', 'lead']] },
        ],
        ids,
      ),
      yearly: planBody(
        YEARLY,
        2026,
        2026,
        [],
        [
          { text: '推进质量数据归集共享', dueDate: '2026-12-31', departments: [['data', 'lead']] },
          { text: '建立质量统计监测制度', dueDate: '2026-12-31', departments: [['stats', 'lead']] },
          { text: '开展机关节约型公共机构示范创建', dueDate: '2026-12-31', departments: [['affairs', 'lead']] },
        ],
        ids,
      ),
    };
    for (const [key, body] of Object.entries(bodies) as [keyof typeof plans, ConfirmPlanBody][]) {
      const created = await ok<{ plan: { id: string; version: number } }>(await officeApi.post('/api/plans', { data: body }), `confirm ${body.metadata.title}`);
      await ok(await officeApi.post(`/api/plans/${created.plan.id}/publish`, { data: { version: created.plan.version } }), `publish ${body.metadata.title}`);
      plans[key] = await ok<PlanDetailResponse>(await officeApi.get(`/api/plans/${created.plan.id}`), 'plan detail');
    }
    expect(plans.running.targets.map((t) => t.departments.map((d) => d.name))).toEqual([[DEPTS.data], [DEPTS.stats], [DEPTS.affairs]]);
  });

  const target = (indicator: string) => plans.running.targets.find((t) => t.indicator === indicator)!.id;
  const task = (plan: PlanDetailResponse, title: string) => plan.tasks.find((t) => t.title === title)!.id;

  it('the departments report the first half-year: 大数据局 on the due date, 统计局 two weeks late; the ended plan opens no period', async () => {
    await setClock('2026-07-01');
    let dataApi = await apiAs(USERS.data!);
    const [h1Running] = await periodsOf(dataApi, plans.running.plan.id);
    const [h1Yearly] = await periodsOf(dataApi, plans.yearly.plan.id);
    expect(h1Running.periodLabel).toBe('2026年上半年');
    expect(await periodsOf(dataApi, plans.ended.plan.id), 'a plan that ended in 2023 opens no 2026 period').toEqual([]);
    const due = h1Running.dueDate;
    expect(h1Yearly.dueDate).toBe(due);

    await setClock(due); // 09:00 on the due date: on time
    dataApi = await apiAs(USERS.data!);
    await report(dataApi, plans.running.plan.id, h1Running.periodId, { text: '公共数据平台完成主体建设，数据共享率稳步提升。', tasks: [{ taskId: task(plans.running, '建成一体化公共数据平台'), status: 'in_progress' }] });
    await report(dataApi, plans.yearly.plan.id, h1Yearly.periodId, { text: '质量数据归集已覆盖主要部门。', tasks: [{ taskId: task(plans.yearly, '推进质量数据归集共享'), status: 'in_progress' }] });

    await setClock(addDays(due, 14));
    const statsApi = await apiAs(USERS.stats!);
    await report(statsApi, plans.running.plan.id, h1Running.periodId, { text: '统计数据质量专项检查方案已制定。', tasks: [{ taskId: task(plans.running, '开展统计数据质量专项检查'), status: 'in_progress' }] });
    await report(statsApi, plans.yearly.plan.id, h1Yearly.periodId, { text: '质量统计监测制度起草中。', tasks: [{ taskId: task(plans.yearly, '建立质量统计监测制度'), status: 'in_progress' }] });
  });

  it('both report the second half-year on time with year-end values; the office accepts every report', async () => {
    await setClock('2027-01-04');
    let dataApi = await apiAs(USERS.data!);
    // (the running plan has opened 2027年上半年 by now; the year's work plan has not: it ends in 2026)
    const h2Running = (await periodsOf(dataApi, plans.running.plan.id)).find((p) => p.periodLabel === '2026年下半年')!;
    const yearly = await periodsOf(dataApi, plans.yearly.plan.id);
    expect(yearly.map((p) => p.periodLabel)).toEqual(['2026年上半年', '2026年下半年']);
    const h2Yearly = yearly[1];
    expect(h2Yearly.dueDate).toBe(h2Running.dueDate);
    await setClock(h2Running.dueDate);
    dataApi = await apiAs(USERS.data!);
    await report(dataApi, plans.running.plan.id, h2Running.periodId, {
      text: '一体化公共数据平台建成投用，政务数据共享率达到 97%。',
      targets: [{ targetId: target('政务数据共享率'), value: 97, asOf: '2026-12-31' }],
      tasks: [{ taskId: task(plans.running, '建成一体化公共数据平台'), status: 'done' }],
    });
    await report(dataApi, plans.yearly.plan.id, h2Yearly.periodId, { text: '质量数据归集共享完成。', tasks: [{ taskId: task(plans.yearly, '推进质量数据归集共享'), status: 'done' }] });
    const statsApi = await apiAs(USERS.stats!);
    await report(statsApi, plans.running.plan.id, h2Running.periodId, {
      text: '抽查合格率未达目标，专项检查因经费未到位暂停。',
      targets: [{ targetId: target('统计数据质量抽查合格率'), value: 93, asOf: '2026-12-31' }],
      tasks: [{ taskId: task(plans.running, '开展统计数据质量专项检查'), status: 'blocked', note: '经费未到位' }],
    });
    await report(statsApi, plans.yearly.plan.id, h2Yearly.periodId, { text: '质量统计监测制度已印发。', tasks: [{ taskId: task(plans.yearly, '建立质量统计监测制度'), status: 'done' }] });

    // the public page on a phone shows a value only once the office has accepted it
    const phone = await newPage(375);
    const publicTarget = async () => {
      await phone.goto(`${platform.url}/public`);
      const card = phone.getByTestId('public-target-card').filter({ hasText: '政务数据共享率' });
      await card.waitFor();
      return card.innerText();
    };
    expect(await publicTarget()).toMatch(/最新值 —/);

    const officeApi = await apiAs(office.username);
    const submitted = await ok<ReportListResponse>(await officeApi.get('/api/reports?status=submitted&pageSize=200'), 'reports');
    const ours = submitted.items.filter((r) => [plans.running.plan.id, plans.yearly.plan.id].includes(r.planId));
    expect(ours).toHaveLength(8);
    for (const r of ours) await ok(await officeApi.post(`/api/reports/${r.id}/accept`, { data: { version: r.version } }), 'accept');
    expect(await publicTarget()).toContain('最新值 97 %（截至 2026-12-31）');
    await screenshot(phone, 'assessment-year-public-375.png');
  });

  it('on 2027-01-25 the office computes 2026: 大数据局 A above 统计局, 机关事务局 idle at the bottom, 档案局 不参评; each score shows its computation', async () => {
    await setClock('2027-01-25');
    const page = await newPage(1440);
    await signIn(page, office.username);
    await page.goto(`${platform.url}/assessment`);
    const yearPicker = page.getByLabel('考核年度');
    await yearPicker.click();
    await yearPicker.fill('2026');
    await yearPicker.press('Enter');
    const computed = page.waitForResponse((r) => r.url().endsWith('/api/assessments/compute'));
    await page.getByRole('button', { name: '计算得分' }).click();
    expect((await computed).status()).toBe(200);
    const row = (k: DeptKey) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: DEPTS[k], exact: true }) });
    for (const k of Object.keys(DEPTS) as DeptKey[]) await row(k).getByTestId('assessment-grade').waitFor();

    const grade = async (k: DeptKey) => (await row(k).getByTestId('assessment-grade').innerText()).trim();
    const total = async (k: DeptKey) => Number(await row(k).getByTestId('assessment-total').innerText());
    expect(await grade('data')).toBe('A');
    expect(await total('data')).toBe(100);
    // 统计局: 2 of 4 reports on time (15 of 30), target missed (0 of 50), 2 of 4 tasks done (10 of 20)
    expect(await total('stats')).toBe(25);
    expect(await total('affairs')).toBe(0);
    expect(await grade('affairs')).toBe('D');
    expect(await total('data')).toBeGreaterThan(await total('stats'));
    expect(await total('stats')).toBeGreaterThan(await total('affairs'));
    // named only on the plan that ended in 2023: listed, not graded
    expect(await grade('archives')).toBe('不参评');
    expect(await row('archives').getByTestId('assessment-total').count()).toBe(0);
    // the table is sorted by the final score: the working department above the idle one
    const names = await page.locator('.ant-table-tbody tr td:first-child').allInnerTexts();
    expect(names.indexOf(DEPTS.data)).toBeLessThan(names.indexOf(DEPTS.affairs));
    expect(names.indexOf(DEPTS.stats)).toBeLessThan(names.indexOf(DEPTS.affairs));
    // 不参评 comes after every graded department, the idle one included
    expect(names.indexOf(DEPTS.archives)).toBeGreaterThan(names.indexOf(DEPTS.affairs));
    await screenshot(page, 'assessment-year-1440.png');

    // How the reports part of 统计局 was computed: the late half-year in red with its date
    await row('stats').getByLabel(`${DEPTS.stats}按时报送得分说明`).click();
    let breakdown = page.getByTestId('assessment-breakdown').filter({ visible: true });
    await breakdown.waitFor();
    const reportsText = await breakdown.innerText();
    expect(reportsText).toContain('按时报送 2 份 / 应报送 4 份');
    expect(reportsText).toContain(`${RUNNING} 2026年上半年（截止`);
    expect(reportsText).toContain('2026年上半年');
    await screenshot(page, 'assessment-year-breakdown.png');
    await page.keyboard.press('Escape');
    await breakdown.waitFor({ state: 'hidden' });

    // The targets of 大数据局: the running plan's target counted, the ended plan named as not counted
    await row('data').getByLabel(`${DEPTS.data}目标完成得分说明`).click();
    breakdown = page.getByTestId('assessment-breakdown').filter({ visible: true });
    await breakdown.waitFor();
    const targetsText = await breakdown.innerText();
    expect(targetsText).toContain('政务数据共享率（2026年）：已达成');
    expect(targetsText).not.toContain('档案数字化率');
    expect(targetsText).toContain(ENDED);
    await page.keyboard.press('Escape');

    // The API answer the page shows agrees (read by the same office)
    const listed = (await (await page.request.get(`${platform.url}/api/assessments?year=2026`)).json()) as { items: AssessmentOut[] };
    const data = listed.items.find((a) => a.departmentName === DEPTS.data)!;
    expect(data.breakdown.excludedPlans).toEqual([ENDED]);
  });

  it('on a phone (375 px) the office reads the same grades without the table squeezing the names', async () => {
    const page = await newPage(375);
    await signIn(page, office.username);
    await page.goto(`${platform.url}/assessment`);
    const yearPicker = page.getByLabel('考核年度');
    await yearPicker.click();
    await yearPicker.fill('2026');
    await yearPicker.press('Enter');
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: DEPTS.data, exact: true }) });
    await row.getByTestId('assessment-grade').waitFor();
    expect((await row.getByTestId('assessment-grade').innerText()).trim()).toBe('A');
    // the department cell keeps its name on one or two lines, not one character per line
    const box = await row.getByRole('cell', { name: DEPTS.data, exact: true }).boundingBox();
    expect(box!.width).toBeGreaterThan(80);
    await screenshot(page, 'assessment-year-375.png');
    // the page itself does not scroll sideways (the table scrolls inside its card)
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.ant-table-content, .ant-table-body, .ant-table-header'))
        .slice(0, 8)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `wider than the screen: ${wide.join('; ')}`).toBeLessThanOrEqual(375 + 1);
  });
});

if (!chromiumPresent) {
  describe('the assessment of a realistic year in Chromium', () => {
    it.skip(CHROMIUM_MISSING_MESSAGE, () => {});
  });
}
