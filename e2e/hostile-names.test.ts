// Browser tier: a department named like an HTML injection (`<img src=x onerror=…><b>…</b>`) shows as
// text on the 驾驶舱 — in the on-time chart's tooltip (ECharts inserts its formatter's result as HTML)
// and in the overdue table — and creates no element. The CSP would stop the script; this checks that
// the markup is never made at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/org/seed-data/demo';
import type { DashboardResponse } from '../src/plans/progress/schemas';
import type { DepartmentListResponse } from '../src/org/departments/schemas';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt } from './helpers/web-build';

const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);

// No spaces: department names are stored without white space ("/" separates the attributes instead).
const HOSTILE = '<img/src="x"/onerror=window.__x=1><b/id="injected">加粗</b>市场监管局';
const office = DEMO_ACCOUNTS.find((a) => a.role === 'office')!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

describe.skipIf(!chromiumPresent)('a hostile department name on the 驾驶舱', () => {
  let platform: Platform;
  let browser: Browser;
  const apis: APIRequestContext[] = [];
  const previousClockEnv = process.env.ZHILIANG_TEST_CLOCK;

  async function apiAs(username: string): Promise<APIRequestContext> {
    const api = await request.newContext({ baseURL: platform.url });
    apis.push(api);
    const res = await api.post('/api/auth/login', { data: { username, password: E2E_PASSWORD } });
    expect(res.status(), `API sign-in of ${username}`).toBe(200);
    return api;
  }

  beforeAll(async () => {
    ensureWebBuilt();
    process.env.ZHILIANG_TEST_CLOCK = '1';
    [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    if (previousClockEnv === undefined) delete process.env.ZHILIANG_TEST_CLOCK;
    else process.env.ZHILIANG_TEST_CLOCK = previousClockEnv;
    for (const a of apis) await a.dispose();
    await browser?.close();
    await platform?.stop();
  });

  it('shows the name literally in the chart tooltip and the table, and creates no element from it', async () => {
    let officeApi = await apiAs(office.username);
    let dashboard = (await (await officeApi.get('/api/dashboard')).json()) as DashboardResponse;
    if (!dashboard.onTime.some((r) => r.rate !== null)) {
      // a year on: every department has reports that were due
      const now = new Date(Date.now() + 366 * 86400_000).toISOString().slice(0, 10);
      expect((await officeApi.post('/api/test/clock', { data: { now } })).status()).toBe(200);
      officeApi = await apiAs(office.username);
      dashboard = (await (await officeApi.get('/api/dashboard')).json()) as DashboardResponse;
    }
    const rated = dashboard.onTime.filter((r) => r.rate !== null);
    expect(rated.length).toBeGreaterThan(0);
    const victim = rated[0];

    const adminApi = await apiAs(admin.username);
    const list = (await (await adminApi.get('/api/departments')).json()) as DepartmentListResponse;
    const dep = list.items.find((d) => String(d.id) === String(victim.departmentId))!;
    const renamed = await adminApi.patch(`/api/admin/departments/${dep.id}`, { data: { version: dep.version, name: HOSTILE } });
    expect(renamed.status(), await renamed.text()).toBe(200);
    const after = (await (await adminApi.get('/api/departments')).json()) as DepartmentListResponse;
    expect(after.items.find((d) => String(d.id) === String(dep.id))?.name).toBe(HOSTILE);

    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('用户名').fill(office.username);
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();
    if (!page.url().endsWith('/dashboard')) await page.goto(`${platform.url}/dashboard`);

    const chart = page.getByRole('img', { name: '各部门按时报送率柱状图' });
    const canvas = chart.locator('canvas').first();
    await canvas.waitFor();
    // The chart lists the rated departments lowest rate first (as the page sorts them), one band
    // each between the grid's top and bottom margins (8 px): hover the victim's band. The chart is
    // below the fold at 1440×900; hovering a position on the canvas scrolls it into view first.
    const shown = dashboard.onTime.filter((r) => r.rate !== null).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || b.due - a.due);
    const index = shown.findIndex((r) => r.departmentId === victim.departmentId);
    expect(index).toBeGreaterThanOrEqual(0);
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const band = (box.height - 16) / shown.length;
    const tip = page.locator('div').filter({ hasText: '按时报送率：' }).last();
    let tooltipText = '';
    let tooltipHtml = '';
    for (const dy of [0.5, 0.3, 0.7, 0.1, 0.9]) {
      await canvas.hover({ position: { x: box.width * 0.6, y: 8 + band * (index + dy) } });
      await tip.waitFor({ timeout: 5_000 }).catch(() => {});
      if (await tip.count()) {
        tooltipText = await tip.innerText();
        tooltipHtml = await tip.innerHTML();
      }
      if (tooltipText.includes('加粗')) break;
    }
    // the name is there, as text
    expect(tooltipText).toContain(HOSTILE);
    expect(tooltipHtml).toContain('&lt;img');
    // and nothing of it became an element, anywhere on the page
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#injected').count()).toBe(0);
    expect(await page.locator('b', { hasText: '加粗' }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();

    // the overdue table (React) shows it as text too, if the department has overdue reports
    if (dashboard.overdue.some((o) => o.departmentId === victim.departmentId)) {
      const card = page.getByTestId('overdue-card');
      await card.getByRole('row').nth(1).waitFor();
      // the table shows 10 rows a page: turn pages until the department's row is there
      for (let i = 0; i < 30 && !(await card.innerText()).includes(HOSTILE); i++) await card.getByTitle('下一页').click();
      await card.getByText(HOSTILE).first().waitFor();
      expect(await page.locator('#injected').count()).toBe(0);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
