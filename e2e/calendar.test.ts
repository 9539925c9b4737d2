// 工作日历 in Chromium: on 2 November 2026 (the server's test clock) the office's and the admin's
// 驾驶舱 warn that 2027's State Council schedule is missing; the admin follows the warning to the
// calendar page, sees 2027 estimated from the law, enters the notice (文号 and a 调休 Saturday), and
// the warning is gone; a deadline across 国庆节 follows the entered schedule.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/org/seed-data/demo';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt } from './helpers/web-build';

const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);
const username = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.username;

describe.skipIf(!chromiumPresent)('工作日历 in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let api: APIRequestContext;
  let pageErrors: string[] = [];
  const previousClockEnv = process.env.ZHILIANG_TEST_CLOCK;

  beforeAll(async () => {
    ensureWebBuilt();
    process.env.ZHILIANG_TEST_CLOCK = '1';
    platform = await startPlatform();
    browser = await launchChromium();
    api = await request.newContext({ baseURL: platform.url });
    expect((await api.post('/api/auth/login', { data: { username: username('admin'), password: E2E_PASSWORD } })).status()).toBe(200);
    expect((await api.post('/api/test/clock', { data: { now: '2026-11-02T09:00:00+08:00' } })).status()).toBe(200);
  });

  afterAll(async () => {
    if (previousClockEnv === undefined) delete process.env.ZHILIANG_TEST_CLOCK;
    else process.env.ZHILIANG_TEST_CLOCK = previousClockEnv;
    await api?.dispose();
    await browser?.close();
    await platform?.stop();
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  async function signedIn(role: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('用户名').fill(username(role));
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  it('warns the office on the 驾驶舱 that 2027 is not entered', async () => {
    const page = await signedIn('office');
    const warning = page.getByTestId('calendar-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('2027 年的国务院放假安排尚未录入');
    expect(await warning.getByRole('button').count()).toBe(0); // the office cannot enter it
    await page.context().close();
  });

  it('lets the admin enter 2027 from the warning, and the warning goes', async () => {
    const page = await signedIn('admin');
    await page.getByTestId('calendar-warning').getByRole('button', { name: '录入2027年安排' }).click();
    await page.waitForURL('**/admin/calendar?year=2027');
    await page.getByTestId('calendar-status').filter({ hasText: '法定节假日推算' }).waitFor();
    // the estimate: 元旦 on Friday 2027-01-01, marked as such
    const newYear = page.getByRole('row').filter({ hasText: '2027-01-01' });
    expect(await newYear.innerText()).toContain('法定节假日推算');

    await page.getByRole('button', { name: '录入官方安排' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('录入 2027 年国务院放假安排').waitFor();
    expect(await dialog.getByTestId('holiday-block').count()).toBe(7); // prefilled from the law: 元旦 … 国庆节
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写通知的文号').waitFor(); // nothing sent without the 文号

    await dialog.getByLabel('文号').fill('国办发明电〔2026〕99号');
    // the 国庆节 block: 10-01 … 10-07 off, Saturday 10-09 worked
    const national = dialog.getByTestId('holiday-block').last();
    const range = national.locator('.ant-picker-range input');
    await range.first().click();
    await range.first().fill('2027-10-01');
    await range.last().fill('2027-10-07');
    await range.last().press('Enter');
    const workday = national.locator('.ant-picker').last();
    await workday.click();
    await page.locator('.ant-picker-dropdown:visible').getByTitle('2027-10-09').first().click();
    await dialog.getByText('录入 2027 年国务院放假安排').click(); // close the picker
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/admin/calendar/2027/official'));
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(200);

    await page.getByTestId('calendar-status').filter({ hasText: '已有官方安排' }).waitFor();
    await page.getByText('国办发明电〔2026〕99号').waitFor();
    const sat = page.getByRole('row').filter({ hasText: '2027-10-09' });
    expect(await sat.innerText()).toContain('调休上班');
    expect(await page.getByRole('row').filter({ hasText: '2027-10-06' }).innerText()).toContain('官方安排');

    // the deadline a day after 2027-09-30 is now Friday 10-08, not Monday 10-04
    const day = await api.get('/api/calendar/days/2027-10-04');
    expect(await day.json()).toMatchObject({ working: false, sourceLabel: '官方安排' });

    await page.goto(`${platform.url}/dashboard`);
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('calendar-warning').count()).toBe(0);
    await page.context().close();
  });
});
