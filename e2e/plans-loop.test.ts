// Browser tier, the supervision loop of issue 4 on the demo plans (imported and published on first
// start): a department user reports a value for one of its targets and submits it (a wrong value is
// refused at the field first); the office sees the target's status change on the plan page; the
// test moves the server's clock past the period's due date (ZHILIANG_TEST_CLOCK=1, no sleeping);
// the office sees the overdue reports on the 驾驶舱, generates a 督查通报 for the period, issues it,
// downloads the Word file, and the test reads the .docx back (mammoth): title and a department name.
// Then the office returns the report with a reason (报送督办), the department hears of it in the bell,
// sees the reason and resends; the office computes the year's assessment, reads how a score was
// computed, adjusts it with a written reason, and exports the Excel file (read back with exceljs).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/org/seed-data/demo';
import type { PlanListResponse } from '../src/plans/schemas';
import type { DashboardResponse, MyPeriodsResponse, MyTargetsResponse, TrackingResponse } from '../src/plans/progress/schemas';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt, ROOT } from './helpers/web-build';

const SCREENSHOTS = path.join(ROOT, '.tmp');
const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);

const office = DEMO_ACCOUNTS.find((a) => a.role === 'office')!;
const dept = DEMO_ACCOUNTS.find((a) => a.role === 'department')!;

/** YYYY-MM-DD plus n calendar days. */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(!chromiumPresent)('supervision loop in Chromium: report, status, overdue, notice, Word', () => {
  let platform: Platform;
  let browser: Browser;
  let officeApi: APIRequestContext;
  let deptApi: APIRequestContext;
  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];
  const previousClockEnv = process.env.ZHILIANG_TEST_CLOCK;

  /** What the steps share (they run in order, like one afternoon at the office). */
  const loop = {
    planId: '',
    planTitle: '',
    periodId: '',
    periodLabel: '',
    dueDate: '',
    today: '',
    indicator: '',
    goal: 0,
    unit: '',
    overdueDepartment: '',
    noticeTitle: '',
  };

  beforeAll(async () => {
    ensureWebBuilt();
    process.env.ZHILIANG_TEST_CLOCK = '1'; // the spawned server inherits it: POST /api/test/clock exists
    platform = await startPlatform();
    browser = await launchChromium();
    officeApi = await apiAs(office.username);
    deptApi = await apiAs(dept.username);
    // a fresh start plus the demo accounts' first sign-in (argon2, the password rule) on a loaded machine
  }, 300_000);

  afterAll(async () => {
    if (previousClockEnv === undefined) delete process.env.ZHILIANG_TEST_CLOCK;
    else process.env.ZHILIANG_TEST_CLOCK = previousClockEnv;
    for (const c of contexts) await c.close().catch(() => {});
    await officeApi?.dispose();
    await deptApi?.dispose();
    await browser?.close();
    await platform?.stop();
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  async function apiAs(username: string): Promise<APIRequestContext> {
    const api = await request.newContext({ baseURL: platform.url });
    const res = await api.post('/api/auth/login', { data: { username, password: E2E_PASSWORD } });
    expect(res.status(), `API sign-in of ${username}`).toBe(200);
    return api;
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // 4xx answers are logged by the browser as failed resources; the steps check those answers themselves.
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

  /**
   * Opens a page from a submenu of the side menu. Right after sign-in the shell may still be settling
   * (the redirect from the sign-in page, the session query), so a click that lands then is tried again.
   */
  async function viaMenu(page: Page, parent: string | null, child: string, url: string) {
    for (let attempt = 1; ; attempt++) {
      const item = page.getByRole('menuitem', { name: child });
      if (parent && !(await item.isVisible())) await page.getByRole('menuitem', { name: parent }).click();
      await item.click();
      try {
        await page.waitForURL(url, { timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }

  function screenshot(page: Page, name: string) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    return page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  }

  /** The status badge of the loop's target on the plan page, once the page has the tracking answer. */
  async function targetStatusOnPlanPage(page: Page): Promise<string> {
    const tracked = page.waitForResponse((r) => r.url().endsWith(`/api/plans/${loop.planId}/tracking`) && r.status() === 200);
    await page.goto(`${platform.url}/plans/${loop.planId}`);
    await tracked;
    const row = page.getByRole('row').filter({ hasText: loop.indicator }).first();
    await row.waitFor();
    return (await row.getByTestId('target-status').innerText()).trim();
  }

  it('finds a demo plan with an open reporting period for the department (set up through the API)', async () => {
    const plans = (await (await officeApi.get('/api/plans?status=published')).json()) as PlanListResponse;
    expect(plans.items.length, 'the demo plans are imported and published on first start').toBeGreaterThan(0);

    const periods = ((await (await deptApi.get('/api/my/periods')).json()) as MyPeriodsResponse).items;
    const targets = ((await (await deptApi.get('/api/my/targets')).json()) as MyTargetsResponse).items;
    // A period still open, of a plan where the department has a ≥ target not reported yet.
    const candidates = periods.filter((p) => p.state === 'open' || p.state === 'due_soon');
    let chosen: { period: (typeof candidates)[number]; target: (typeof targets)[number] } | undefined;
    for (const period of candidates) {
      const target = targets.find((t) => t.planId === period.planId && t.comparator === '>=' && t.status === 'no_report' && t.unit === '%' && t.value > 0 && t.value <= 100);
      if (target) {
        chosen = { period, target };
        break;
      }
    }
    expect(chosen, `an open period with a % target of ${dept.department}`).toBeDefined();
    const { period, target } = chosen!;
    Object.assign(loop, {
      planId: period.planId,
      planTitle: period.planTitle,
      periodId: period.periodId,
      periodLabel: period.periodLabel,
      dueDate: period.dueDate,
      indicator: target.indicator,
      goal: target.value,
      unit: target.unit,
    });
    const tracking = (await (await officeApi.get(`/api/plans/${loop.planId}/tracking`)).json()) as TrackingResponse;
    loop.today = tracking.today;
    // Someone else in the plan owes the same period: they will be the overdue ones.
    const others = new Set<string>();
    for (const t of tracking.targets) for (const d of t.departments) if (d.name !== dept.department) others.add(d.name);
    for (const g of tracking.tasksByDepartment) if (g.department.name !== dept.department) others.add(g.department.name);
    expect(others.size, 'other responsible departments in the plan').toBeGreaterThan(0);
  });

  it('shows the office the target as 未报送 on the plan page before any report', async () => {
    const page = await newPage();
    await signIn(page, office.username);
    expect(await targetStatusOnPlanPage(page)).toBe('未报送');
    await page.context().close();
  });

  it('lets the department report a value (a wrong one is refused at the field) and submit after confirming', async () => {
    const page = await newPage();
    await signIn(page, dept.username);

    // The 驾驶舱 lists what is due; 我的任务 is in the menu under 任务督办.
    await page.getByText('待报送', { exact: true }).first().waitFor();
    await viaMenu(page, '任务督办', '我的任务', '**/progress/my');
    const periodRow = page.getByRole('row').filter({ hasText: loop.planTitle }).filter({ hasText: loop.periodLabel });
    await periodRow.getByText('待报送').waitFor();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/reports') && r.request().method() === 'POST');
    await periodRow.getByRole('button', { name: '填报' }).click();
    expect((await created).status()).toBe(201);
    await page.waitForURL('**/progress/reports/*');
    await page.getByRole('heading', { name: `${loop.periodLabel}进度报送` }).waitFor();

    const value = page.getByLabel(`数值：${loop.indicator}`);
    const asOf = page.getByLabel(`数据日期：${loop.indicator}`);

    // A value without its date: the form says so, nothing is sent.
    await value.fill(String(loop.goal));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('请选择数值所属日期').waitFor();

    // A percentage above 100: the server refuses it, and the message stands at the field.
    await asOf.fill(loop.today);
    await asOf.press('Enter');
    await value.fill('170');
    const refused = page.waitForResponse((r) => /\/api\/reports\/\d+$/.test(r.url()) && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: '保存草稿' }).click();
    expect((await refused).status()).toBe(400);
    const valueItem = page.locator('.ant-form-item').filter({ has: value });
    await valueItem.locator('.ant-form-item-explain-error').filter({ hasText: '百分比' }).waitFor();
    await screenshot(page, 'loop-report-field-error.png');

    // Attachments: a disallowed type is refused in the browser; a file whose content is not what its
    // name says is refused by the server; a text file is kept.
    const fileInput = page.locator('.ant-upload input[type=file]');
    await fileInput.setInputFiles({ name: '程序.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.getByText('「程序.exe」的文件类型不允许上传').waitFor();
    const refusedUpload = page.waitForResponse((r) => /\/attachments$/.test(r.url()) && r.request().method() === 'POST');
    await fileInput.setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF 文件') });
    expect((await refusedUpload).status()).toBe(415);
    await page.getByText('不支持的附件类型：伪装.pdf', { exact: false }).waitFor();
    const uploaded = page.waitForResponse((r) => /\/attachments$/.test(r.url()) && r.request().method() === 'POST');
    await fileInput.setInputFiles({ name: '统计说明.txt', mimeType: 'text/plain', buffer: Buffer.from('研发活动覆盖率统计口径说明：规上工业企业中有研发活动的企业占比。\n') });
    expect((await uploaded).status()).toBe(201);
    await page.locator('.ant-upload-list').getByText('统计说明.txt', { exact: false }).waitFor();
    expect(await page.locator('.ant-upload-list').getByText('伪装.pdf', { exact: false }).count()).toBe(0);

    // The right value, a note, a task status; submit asks first.
    await value.fill(String(loop.goal));
    await page.getByLabel('进展情况').fill('本季度规上工业企业研发活动覆盖率达到目标，附统计口径说明。');
    const submitted = page.waitForResponse((r) => /\/api\/reports\/\d+\/submit$/.test(r.url()));
    await page.getByRole('button', { name: '提交报送' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认提交报送？' });
    await confirm.getByRole('button', { name: '提交' }).click();
    expect((await submitted).status()).toBe(200);
    await page.getByText('报送已提交').waitFor();
    await page.getByText('本期已报送。').waitFor();
    await screenshot(page, 'loop-report-submitted.png');

    // Back in 我的任务 the period is reported on time.
    await page.getByRole('button', { name: '返回' }).click();
    await page.waitForURL('**/progress/my');
    await page.getByRole('row').filter({ hasText: loop.planTitle }).filter({ hasText: loop.periodLabel }).getByText('按时报送').waitFor();
    await page.context().close();
  });

  it('shows the office the target status changed on the plan page', async () => {
    const page = await newPage();
    await signIn(page, office.username);
    await targetStatusOnPlanPage(page);
    await page.getByRole('row').filter({ hasText: loop.indicator }).first().getByTestId('target-status').filter({ hasText: '已达成' }).waitFor();
    await screenshot(page, 'loop-plan-status.png');
    await page.context().close();
  });

  it('after the clock moves past the due date, shows the overdue reports on the 驾驶舱', async () => {
    const moved = await officeApi.post('/api/test/clock', { data: { now: addDays(loop.dueDate, 7) } });
    expect(moved.status()).toBe(200);
    // The sessions of the API contexts idled for a week: sign in again.
    await officeApi.dispose();
    officeApi = await apiAs(office.username);
    const dashboard = (await (await officeApi.get('/api/dashboard')).json()) as DashboardResponse;
    const overdue = dashboard.overdue.filter((o) => o.planId === loop.planId && o.periodId === loop.periodId);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.map((o) => o.departmentName)).not.toContain(dept.department);
    loop.overdueDepartment = overdue[0].departmentName;

    const page = await newPage();
    await signIn(page, office.username);
    const card = page.getByTestId('overdue-card');
    const row = card.getByRole('row').filter({ hasText: loop.overdueDepartment }).filter({ hasText: loop.periodLabel }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain(loop.dueDate);
    expect(await row.innerText()).toMatch(/\d+ 个工作日/);
    // The department that reported on time is not among this period's overdue rows.
    expect(await card.getByRole('row').filter({ hasText: dept.department! }).filter({ hasText: loop.planTitle }).count()).toBe(0);
    // Both charts are drawn.
    await page.getByRole('img', { name: '各计划目标状态堆叠柱状图' }).locator('canvas').first().waitFor();
    await page.getByRole('img', { name: '各部门按时报送率柱状图' }).locator('canvas').first().waitFor();
    await screenshot(page, 'loop-dashboard-overdue.png');
    await page.context().close();
  });

  it('lets the office generate a notice for the period, issue it after confirming, and download the Word file', async () => {
    const page = await newPage();
    await signIn(page, office.username);
    await viaMenu(page, '任务督办', '督查通报', '**/notices');

    await page.getByRole('button', { name: '生成通报' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '生成督查通报' });
    await dialog.getByLabel('行动计划').click();
    await page.locator('.ant-select-item-option').filter({ hasText: loop.planTitle }).click();
    await dialog.locator('.ant-radio-button-wrapper').filter({ hasText: '报送周期' }).click();
    await dialog.getByRole('combobox', { name: '报送周期' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: loop.periodLabel }).click();
    const generated = page.waitForResponse((r) => r.url().endsWith('/api/notices/generate'));
    await dialog.getByRole('button', { name: '生成草稿' }).click();
    expect((await generated).status()).toBe(200);
    await page.waitForURL(/\/notices\/\d+$/);
    await page.getByTestId('notice-status').filter({ hasText: '草稿' }).waitFor();
    // The findings list the overdue department.
    await page.getByText(loop.overdueDepartment, { exact: true }).first().waitFor();
    loop.noticeTitle = (await page.getByLabel('标题').inputValue()).trim();
    expect(loop.noticeTitle).toContain(loop.periodLabel);
    // 抄送 is edited on the draft: one more recipient after the leading group's heads.
    await page.getByTestId('notice-copy-to').click();
    await page.keyboard.type('区人大常委会办公室');
    await page.keyboard.press('Enter');
    await page.getByTestId('notice-copy-to').getByText('区人大常委会办公室').waitFor();
    await screenshot(page, 'loop-notice-draft.png');

    // 印发 asks first (number and date), then the notice is read-only.
    await page.getByRole('button', { name: '印发' }).click();
    const issueDialog = page.getByRole('dialog').filter({ hasText: '印发通报' });
    await issueDialog.getByText(`确认印发「${loop.noticeTitle}」？`).waitFor();
    const issued = page.waitForResponse((r) => /\/api\/notices\/\d+\/issue$/.test(r.url()));
    await issueDialog.getByRole('button', { name: '确认印发' }).click();
    expect((await issued).status()).toBe(200);
    await page.getByTestId('notice-status').filter({ hasText: '已印发' }).waitFor();
    await issueDialog.waitFor({ state: 'hidden' });
    // The notices list, printed, has no 操作 column.
    await page.goto(page.url().replace(/\/notices\/\d+$/, '/notices'));
    await page.getByRole('columnheader', { name: '操作' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();
    await page.getByTestId('notice-status').filter({ hasText: '已印发' }).waitFor();
    expect(await page.getByRole('button', { name: '印发', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    // the 版记 carries the edited 抄送 line
    expect(await page.getByTestId('notice-imprint').innerText()).toMatch(/抄送：.*区人大常委会办公室。/);
    await screenshot(page, 'loop-notice-issued.png');

    const download = page.waitForEvent('download');
    await page.getByTestId('notice-docx').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const saved = path.join(SCREENSHOTS, 'loop-notice.docx');
    await file.saveAs(saved);
    const { value: text } = await mammoth.extractRawText({ path: saved });
    expect(text).toContain(loop.noticeTitle);
    expect(text).toContain(loop.overdueDepartment);
    expect(text).toMatch(/抄送：.*区人大常委会办公室。/);
    await page.context().close();
  });

  it('lets the office return a report with a required reason from 报送督办', async () => {
    const page = await newPage();
    await signIn(page, office.username);
    await page.goto(`${platform.url}/progress/overview?plan=${loop.planId}&period=${loop.periodId}`);
    const row = page.getByRole('row').filter({ hasText: dept.department! });
    await row.getByText('已报送').waitFor();
    await row.getByText('按时').waitFor();
    // The other departments of the period are listed as overdue.
    await page.getByRole('row').filter({ hasText: loop.overdueDepartment }).getByText('已逾期').waitFor();
    await screenshot(page, 'loop-progress-overview.png');

    await row.getByRole('button', { name: '审核' }).click();
    await page.waitForURL('**/progress/reports/*');
    await page.getByText('本季度规上工业企业研发活动覆盖率达到目标').waitFor();
    await page.getByRole('link', { name: /统计说明\.txt/ }).waitFor();
    await page.getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: `退回${dept.department}的报送` });
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.getByText('请填写退回原因').waitFor();
    await dialog.getByLabel('退回原因').fill('请补充研发活动覆盖率的统计报表作为佐证材料');
    const returned = page.waitForResponse((r) => /\/api\/reports\/\d+\/return$/.test(r.url()));
    await dialog.getByRole('button', { name: '退回' }).click();
    expect((await returned).status()).toBe(200);
    await page.getByText(`已退回${dept.department}的报送`).waitFor();
    await page.locator('.ant-descriptions').getByText('已退回', { exact: true }).waitFor();
    await page.context().close();
  });

  it('tells the department in the bell, shows the reason, and lets it resend after confirming', async () => {
    const page = await newPage();
    await signIn(page, dept.username);
    const bell = page.getByTestId('notification-bell');
    await page.getByRole('button', { name: /通知（\d+ 条未读）/ }).waitFor();
    await bell.click();
    const item = page.getByTestId('notification-list').getByText(`${loop.periodLabel}进度报送被退回`);
    await item.waitFor();
    await screenshot(page, 'loop-bell.png');
    await item.click();
    await page.waitForURL('**/progress/reports/*');
    const reason = page.getByTestId('returned-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('请补充研发活动覆盖率的统计报表作为佐证材料');
    await screenshot(page, 'loop-returned.png');

    // The form keeps what was reported; resend asks first.
    expect(await page.getByLabel(`数值：${loop.indicator}`).inputValue()).toBe(String(loop.goal));
    const submitted = page.waitForResponse((r) => /\/api\/reports\/\d+\/submit$/.test(r.url()));
    await page.getByRole('button', { name: '重新提交' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认重新提交报送？' });
    await confirm.getByRole('button', { name: '重新提交' }).click();
    expect((await submitted).status()).toBe(200);
    await page.getByText('报送已提交').waitFor();
    await page.getByText('本期已报送。').waitFor();
    await page.context().close();
  });

  it('lets the office compute the assessment, see how a score was computed, adjust it with a reason, and export Excel', async () => {
    const year = Number(loop.periodLabel.slice(0, 4));
    const page = await newPage();
    await signIn(page, office.username);
    await viaMenu(page, null, '部门考核', '**/assessment');
    const yearPicker = page.getByLabel('考核年度');
    await yearPicker.click();
    await yearPicker.fill(String(year));
    await yearPicker.press('Enter');
    const computed = page.waitForResponse((r) => r.url().endsWith('/api/assessments/compute'));
    await page.getByRole('button', { name: '计算得分' }).click();
    expect((await computed).status()).toBe(200);
    const row = page.getByRole('row').filter({ hasText: dept.department! });
    await row.getByTestId('assessment-grade').waitFor();

    // How the on-time part was computed: the period, reported late after the return.
    await row.getByLabel(`${dept.department}按时报送得分说明`).click();
    const breakdown = page.getByTestId('assessment-breakdown');
    await breakdown.waitFor();
    expect(await breakdown.innerText()).toContain(loop.periodLabel);
    await screenshot(page, 'loop-assessment-breakdown.png');
    await page.keyboard.press('Escape');

    // An adjustment needs a reason of at least 10 characters.
    await row.getByRole('button', { name: '调整' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: `调整得分：${dept.department}` });
    await dialog.getByLabel('调整后得分').fill('95');
    await dialog.getByLabel('调整原因').fill('补报及时');
    await dialog.getByRole('button', { name: '保存调整' }).click();
    await dialog.getByText('调整原因不少于 10 个字').waitFor();
    await dialog.getByLabel('调整原因').fill('经核实，退回系因统计口径调整，补报及时，按时报送分予以恢复');
    const adjusted = page.waitForResponse((r) => /\/api\/assessments\/\d+$/.test(r.url()) && r.request().method() === 'PATCH');
    await dialog.getByRole('button', { name: '保存调整' }).click();
    expect((await adjusted).status()).toBe(200);
    await row.getByText('已调整').waitFor();
    expect(await row.getByTestId('assessment-grade').innerText()).toBe('A');
    await screenshot(page, 'loop-assessment.png');

    // Printed, the table carries scores only: no 操作 column, the veto in words instead of a switch.
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    expect(await row.getByRole('switch').count()).toBe(0);
    expect(await row.getByTestId('assessment-veto-print').innerText()).toBe('—');
    await page.emulateMedia({ media: 'screen' });
    await row.getByRole('button', { name: '调整' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('assessment-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${year}年度考核结果.xlsx`);
    const saved = path.join(SCREENSHOTS, 'loop-assessment.xlsx');
    await file.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? '')))));
    expect(cells.join('\n')).toContain(dept.department!);
    await page.context().close();
  });
});

if (!chromiumPresent) {
  describe('supervision loop in Chromium', () => {
    it.skip(CHROMIUM_MISSING_MESSAGE, () => {});
  });
}
