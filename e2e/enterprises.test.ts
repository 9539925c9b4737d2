// 企业 in Chromium: the administrator imports a generated register (CSV) with two bad rows, sees the
// counts and downloads the refused rows with their reasons; the office finds an enterprise by three
// characters of its name, opens its quality file and sees its risk class with the reasons (a heavy
// penalty entered and the register reclassified through the credit room's service, as the office
// would in the panel); both pages are photographed at 1440 and 375 px.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/core/config';
import { startServer, type RunningServer } from '../src/server/start';
import { tenants } from '../src/org/tenancy/tables';
import { DEMO_ACCOUNTS, DEMO_TENANT } from '../src/org/seed-data/demo';
import { actorAs } from '../src/credit/testing';
import { addEvent, runReclassification, todayInShanghai } from '../src/credit/service';
import { generateEnterprises } from '../src/enterprises/generate';
import { generatorAreas } from '../src/enterprises/generate-areas';
import { registerCells, writeRegisterCsv } from '../src/enterprises/register-file';
import { syntheticToInput } from '../src/enterprises/service';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { completeFirstSignIns, E2E_PASSWORD } from './helpers/server';
import { ensureWebBuilt } from './helpers/web-build';

const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);
const username = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.username;
const COUNT = 300;

describe.skipIf(!chromiumPresent)('企业 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let shots: string;
  let registerFile: string;
  let tenantId: number;
  let pageErrors: string[] = [];
  const rows = [...generateEnterprises({ count: COUNT, areas: generatorAreas(DEMO_TENANT.regionCode), seed: 11, firstSerial: 700_000 })].map(syntheticToInput);
  const target = rows.find((e, i) => i > 10 && e.name.length >= 8 && e.status === '存续')!;
  const url = () => server.url.replace('localhost', '127.0.0.1');

  beforeAll(async () => {
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-e2e-ent-'));
    shots = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-e2e-ent-shots-'));
    // two bad rows: a wrong 18th check character, a date that is not a date
    const wrongCheck = registerCells(rows[3]!);
    const last = wrongCheck[0]!.slice(-1);
    wrongCheck[0] = wrongCheck[0]!.slice(0, 17) + (last === '0' ? '1' : '0');
    const badDate = registerCells(rows[7]!);
    badDate[5] = '2021年13月45日';
    registerFile = path.join(dataDir, '登记名录.csv');
    await writeRegisterCsv(registerFile, [...rows.slice(0, 3), wrongCheck, ...rows.slice(4, 7), badDate, ...rows.slice(8)]);
    // in this process, so that the test can enter a credit record as the office would
    server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', ZHILIANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ZHILIANG_DEMO_ENTERPRISES: '0' }), { print: () => {} });
    await server.demoLoaded;
    await completeFirstSignIns(url());
    const [demo] = await server.handle.db.select().from(tenants).where(eq(tenants.name, DEMO_TENANT.name));
    tenantId = demo.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    console.info(`screenshots: ${shots}`);
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  async function signedIn(role: string, width = 1440): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(`${url()}/login`);
    await page.getByLabel('用户名').fill(username(role));
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  it('the administrator imports the register, sees the counts and downloads the refused rows with their reasons', async () => {
    const page = await signedIn('admin');
    await page.getByRole('menuitem', { name: '企业' }).click();
    await page.getByRole('button', { name: '导入名录' }).click();
    await page.locator('input[type="file"]').setInputFiles(registerFile);
    const job = page.getByTestId('import-job');
    await job.getByText('导入完成').waitFor();
    expect(await page.getByTestId('count-imported').locator('.ant-statistic-content-value').innerText()).toBe(String(COUNT - 2));
    expect(await page.getByTestId('count-refused').locator('.ant-statistic-content-value').innerText()).toBe('2');
    expect(await job.getByText(/行\/秒/).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, 'import-1440.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载未导入行/ }).click()]);
    expect(download.suggestedFilename()).toBe('登记名录-未导入的行.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0]!;
    const refused = [2, 3].map((n) => ({ row: sheet.getRow(n).getCell(1).value, reason: String(sheet.getRow(n).getCell(2).value) }));
    // file rows count the header as row 1
    expect(refused[0]).toMatchObject({ row: 5 });
    expect(refused[0]!.reason).toContain('第18位校验码错误');
    expect(refused[1]).toMatchObject({ row: 9 });
    expect(refused[1]!.reason).toContain('成立日期');

    // the same file again: nothing new
    await page.locator('input[type="file"]').setInputFiles(registerFile);
    await expect.poll(() => page.getByTestId('count-unchanged').locator('.ant-statistic-content-value').innerText(), { timeout: 60_000 }).toBe(String(COUNT - 2));
    expect(await page.getByTestId('count-imported').locator('.ant-statistic-content-value').innerText()).toBe('0');
    await page.context().close();
  });

  it('the office finds an enterprise by three characters of its name and sees its quality file with the risk class and the reasons', async () => {
    const page = await signedIn('office');
    await page.getByRole('menuitem', { name: '企业' }).click();
    const table = page.getByTestId('enterprises-table');
    await table.getByRole('link').first().waitFor();
    const fragment = target.name.slice(2, 5);
    await page.getByLabel('搜索企业').fill(fragment);
    await page.getByLabel('搜索企业').press('Enter');
    const link = table.getByRole('link', { name: target.name, exact: true });
    await link.waitFor();
    const names = await table.getByRole('link').allInnerTexts();
    expect(names.every((n) => n.includes(fragment))).toBe(true);
    await page.screenshot({ path: path.join(shots, 'list-1440.png'), fullPage: true });
    await link.click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await page.getByTestId('identity').getByText(target.creditCode).waitFor();

    // a heavy administrative penalty, then the register is reclassified
    await addEvent(server.handle.db, actorAs(tenantId, 'office'), id, { kind: 'penalty', occurredOn: '2026-11-16', decisionNo: '示市监处罚〔2026〕88号', heavy: true, publication: 'long' });
    await runReclassification(server.handle.db, tenantId, todayInShanghai(), 'manual', 'e2e');
    await page.reload();
    const cls = page.getByTestId('risk-class');
    await expect.poll(() => cls.innerText()).toBe('C 类');
    const reasons = (await page.getByTestId('fired-rule').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    expect(reasons).toContain('受到较重行政处罚 +40 分');
    await page.getByTestId('timeline').getByText(/行政处罚/).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'file-1440.png'), fullPage: true });
    await page.context().close();

    // 375 px wide: the list and the quality file fit the screen
    const phone = await signedIn('office', 375);
    for (const [where, shot] of [
      [`/enterprises`, 'list-375.png'],
      [`/enterprises/${id}`, 'file-375.png'],
      [`/credit/enterprise/${id}`, null],
    ] as const) {
      await phone.goto(`${url()}${where}`);
      if (where === '/enterprises') await phone.getByTestId('enterprises-table').getByRole('link').first().waitFor();
      else {
        await phone.waitForURL(new RegExp(`/enterprises/${id}$`));
        await phone.getByTestId('risk-class').waitFor();
        expect(await phone.getByTestId('risk-class').innerText()).toBe('C 类');
      }
      if (!shot) continue;
      await phone.screenshot({ path: path.join(shots, shot), fullPage: true });
      const wide = await phone.evaluate(() => {
        const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('.ant-card, .ant-card-head *, .ant-card-body > *:not(.ant-table-wrapper), h3, .ant-descriptions-item-content')]
          .filter((e) => e.getBoundingClientRect().right > w + 0.5)
          .slice(0, 5)
          .map((e) => `${e.tagName}.${String(e.className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}`);
      });
      expect(wide, `${where}: elements wider than the screen`).toEqual([]);
    }
    await phone.context().close();
  });

  it('the office imports credit records from a file, and filters the list by risk class and by list membership', async () => {
    const page = await signedIn('office');
    await page.getByRole('menuitem', { name: '企业' }).click();
    await page.getByTestId('enterprises-table').getByRole('link').first().waitFor();
    // one heavy penalty for another enterprise, and a row whose kind is not importable
    const other = rows[40]!;
    const listed = rows[41]!;
    const creditFile = path.join(dataDir, '信用记录.csv');
    fs.writeFileSync(
      creditFile,
      ['统一社会信用代码,企业名称,记录类型,决定日期,决定书文号,较重行政处罚', `${other.creditCode},${other.name},行政处罚,2026-11-18,示市监处罚〔2026〕90号,是`, `${listed.creditCode},${listed.name},列入经营异常名录,2026-11-18,,`].join('\r\n'),
    );
    await page.getByRole('button', { name: '导入信用记录' }).click();
    await page.getByTestId('credit-import-file').locator('input[type="file"]').setInputFiles(creditFile);
    const result = page.getByTestId('credit-import-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/新记录\s*1/);
    await result.getByText(/第 3 行：列入、移出名录是有办理时限的决定/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: /下载未导入的行/ }).click()]);
    expect(download.suggestedFilename()).toBe('信用记录-未导入的行.xlsx');
    await page.getByRole('button', { name: '关闭' }).first().click();

    // the 经营异常 listing as the office decides it in the list workflow, then the monthly reclassification
    const db = server.handle.db;
    const { openListing } = await import('../src/credit/service');
    const { searchEnterprises } = await import('../src/enterprises/service');
    const idOf = async (code: string) => (await searchEnterprises(db, actorAs(tenantId, 'office'), { q: code })).items[0]!.id;
    await openListing(db, actorAs(tenantId, 'office'), await idOf(listed.creditCode), { list: 'abnormal', reason: 'unreachable', listedOn: '2026-11-20' });
    await runReclassification(db, tenantId, todayInShanghai(), 'manual', 'e2e');
    await page.reload();
    const table = page.getByTestId('enterprises-table');
    await table.getByRole('link').first().waitFor();
    const pick = async (label: string, option: string) => {
      await page.getByLabel(label).click();
      await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
    };
    const office = actorAs(tenantId, 'office');
    const firstPage = async (f: { riskClass?: 'C'; list?: 'abnormal' }) => (await searchEnterprises(db, office, { ...f, pageSize: 20 })).items.map((e) => e.name);
    const search = page.getByLabel('搜索企业');
    // class C (30 points and more): the page shows the same enterprises as the service, and with a code typed
    // in, the penalised enterprise from the file (the demo's own credit history puts others in C too)
    await pick('风险分类', 'C 信用风险较高');
    const classC = await firstPage({ riskClass: 'C' });
    await expect.poll(async () => table.getByRole('link').allInnerTexts()).toEqual(classC);
    await page.screenshot({ path: path.join(shots, 'list-class-1440.png'), fullPage: true });
    for (const e of [other, target]) {
      await search.fill(e.creditCode);
      await search.press('Enter');
      await expect.poll(async () => table.getByRole('link').allInnerTexts()).toEqual([e.name]);
    }
    await page.reload(); // the filters start empty again
    await table.getByRole('link').first().waitFor();
    await pick('在列名录', '经营异常名录');
    await expect.poll(async () => table.getByRole('link').allInnerTexts()).toEqual(await firstPage({ list: 'abnormal' }));
    await search.fill(listed.creditCode);
    await search.press('Enter');
    await expect.poll(async () => table.getByRole('link').allInnerTexts()).toEqual([listed.name]);
    // on no list: the penalised enterprise is not found under 经营异常名录
    await search.fill(other.creditCode);
    await search.press('Enter');
    await page.getByText('没有符合条件的企业').waitFor();
    await page.context().close();
  });
});
