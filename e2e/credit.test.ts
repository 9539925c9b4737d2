// 企业信用 in Chromium: the office opens an enterprise's credit (the register's rows are inserted
// straight into the database, as the directory's import would), enters a heavy administrative
// penalty, reclassifies the register (a job on the queue), and sees the class go from A to C with the
// rules that fired; the inspector reads it without the forms; the 驾驶舱 shows a listing decision due;
// the page also works 375 px wide.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/core/config';
import { startServer, type RunningServer } from '../src/server/start';
import { tenants } from '../src/org/tenancy/tables';
import { DEMO_ACCOUNTS, DEMO_TENANT } from '../src/org/seed-data/demo';
import { insertRegister, setEnterprise, actorAs } from '../src/credit/testing';
import { openListing, runReclassification } from '../src/credit/service';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { completeFirstSignIns, E2E_PASSWORD } from './helpers/server';
import { ensureWebBuilt } from './helpers/web-build';

const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);
const username = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.username;

describe.skipIf(!chromiumPresent)('企业信用 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let enterpriseId: number;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-e2e-credit-'));
    // in this process, so that the test can write the register's rows into the embedded database
    server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', ZHILIANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), { print: () => {} });
    await server.demoLoaded;
    await completeFirstSignIns(server.url.replace('localhost', '127.0.0.1'));
    const db = server.handle.db;
    const [demo] = await db.select().from(tenants).where(eq(tenants.name, DEMO_TENANT.name));
    const ids = await insertRegister(db, demo.id, 50);
    for (const id of ids) await setEnterprise(db, demo.id, id, { status: '存续', registeredOn: '2016-04-01' });
    enterpriseId = ids[0];
    await runReclassification(db, demo.id, new Date().toISOString().slice(0, 10), 'manual', 'e2e');
    // a listing whose decision is overdue: grounds 30 working days ago
    await openListing(db, actorAs(demo.id, 'office'), ids[1], { list: 'abnormal', reason: 'unreachable', groundsOn: '2026-01-05' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  async function signedIn(role: string, width = 1440): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width, height: 900 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    const url = server.url.replace('localhost', '127.0.0.1');
    await page.goto(`${url}/login`);
    await page.getByLabel('用户名').fill(username(role));
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  it('the office adds a heavy penalty, reclassifies, and sees the class change with the reason', async () => {
    const page = await signedIn('office');
    await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/credit/enterprise/${enterpriseId}`);
    const cls = page.getByTestId('risk-class');
    await expect.poll(() => cls.innerText()).toBe('A 类');
    expect(await page.getByText('未触发任何风险规则').count()).toBe(1);

    await page.getByRole('button', { name: '录入信用记录' }).click();
    const dialog = page.getByRole('dialog', { name: '录入信用记录' });
    await dialog.getByLabel('发生或决定日期').fill('2026-11-16');
    await dialog.getByLabel('决定书文号').fill('示市监处罚〔2026〕21号');
    await dialog.getByText('较重行政处罚（从重罚款').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '示市监处罚〔2026〕21号' }).waitFor();
    // the rules already say C; the class changes when the register is reclassified
    await page.getByText('下次重新分类后应为 C 类').waitFor();
    expect(await cls.innerText()).toBe('A 类');

    await page.getByRole('button', { name: '重新分类' }).click();
    await expect.poll(() => cls.innerText(), { timeout: 60_000 }).toBe('C 类');
    const reasons = await page.getByTestId('fired-rule').allInnerTexts();
    expect(reasons.map((r) => r.replace(/\s+/g, ' '))).toEqual(['受到较重行政处罚 +40 分', '受到行政处罚 +15 分']);
    expect(await page.getByText('信用风险较高').count()).toBe(1);
    await page.context().close();
  });

  it('the inspector reads the class and the records but gets no forms', async () => {
    const page = await signedIn('inspector');
    await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/credit/enterprise/${enterpriseId}`);
    await page.getByTestId('risk-class').waitFor();
    await page.getByRole('cell', { name: '示市监处罚〔2026〕21号' }).waitFor();
    expect(await page.getByRole('button', { name: '录入信用记录' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '列入名单' }).count()).toBe(0);
    await page.context().close();
  });

  it('the 驾驶舱 shows the overdue listing decision; the credit page fits 375 px', async () => {
    const page = await signedIn('office', 375);
    const card = page.locator('.ant-card').filter({ hasText: '信用名单期限' });
    // this test's listing, and the demo campaign's 住所无法联系 proposal when it is past its decision deadline
    await card.getByText('作出列入决定').first().waitFor();
    expect(await card.getByText(/逾期 \d+ 个工作日/).count()).toBeGreaterThan(0);
    await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/credit/enterprise/${enterpriseId}`);
    await page.getByTestId('risk-class').waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'zhiliang-credit-375.png'), fullPage: true });
    const wide = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      // the credit cards and what is in them, outside the tables' own horizontal scroll
      return [...document.querySelectorAll('.ant-card, .ant-card-head *, .ant-card-body > *:not(.ant-table-wrapper), h3')]
        .filter((e) => e.getBoundingClientRect().right > w + 0.5)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${String(e.className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}`);
    });
    expect(wide, 'elements wider than the screen').toEqual([]);
    // (the shell's header is 5 px wider than 375 px with the office's user menu: the layout's, not this page's)
    await page.context().close();
  });

  it('信用设置 shows the 双随机 rule and its look-back window (24 months by default) at 1440 and 375 px', async () => {
    for (const width of [1440, 375]) {
      const page = await signedIn('admin', width);
      await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/admin/credit`);
      await page.getByRole('cell', { name: '双随机抽查发现问题', exact: true }).waitFor();
      await page.getByRole('cell', { name: '多次双随机抽查发现问题（2次及以上）' }).waitFor();
      const win = page.getByLabel('双随机抽查发现问题回溯期（月）');
      expect(await win.inputValue()).toBe('24');
      await page.screenshot({ path: path.join(os.tmpdir(), `zhiliang-credit-settings-${width}.png`), fullPage: true });
      await page.context().close();
    }
  });
});
