// Browser tier, issue 8: a plan maintained after import and taken out. The office imports seed 000
// (a copy, so it is a new plan), assigns one department to all its tasks in bulk on the plan page,
// edits a target, exports the plan to Excel and Word (both read back), prints the plan page to PDF
// with Chromium's print and the first page is the plan, not the menu; the public page at 375 px wide
// shows each target's full text (no squeezed one-character columns). Screenshots at 1440 and 375 px.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/org/seed-data/demo';
import type { ParseResponse, PlanDetailResponse } from '../src/plans/schemas';
import { autoResolve, confirmInputFrom } from '../src/plans/import';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt, ROOT } from './helpers/web-build';

const SCREENSHOTS = path.join(ROOT, '.tmp');
const SEED = path.resolve(ROOT, '../shared/seeds/000_30c67f409bbe32a9.txt');
const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);
const office = DEMO_ACCOUNTS.find((a) => a.role === 'office')!;

describe.skipIf(!chromiumPresent)('a plan maintained after import, exported, printed; the public page on a phone', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  let planId = '';

  beforeAll(async () => {
    ensureWebBuilt();
    platform = await startPlatform();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });
  const shot = (name: string, p: Page = page) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    return p.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  };
  const plan = async () => (await (await page.request.get(`${platform.url}/api/plans/${planId}`)).json()) as PlanDetailResponse;

  it('the office imports a plan and assigns a department to all its tasks in bulk', async () => {
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('用户名').fill(office.username);
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();

    // import (the same session, through the API the review screen uses): a copy of seed 000
    const bytes = Buffer.concat([fs.readFileSync(SEED), Buffer.from('\n\n')]);
    const parsed = await page.request.post(`${platform.url}/api/plans/import/parse`, { multipart: { file: { name: 'xinhe.txt', mimeType: 'text/plain', buffer: bytes } } });
    expect(parsed.status(), await parsed.text()).toBe(200);
    const review = (await parsed.json()) as ParseResponse;
    const confirm = await page.request.post(`${platform.url}/api/plans`, { data: { ...confirmInputFrom(review, autoResolve(review.departments)), allowDuplicate: true } });
    expect(confirm.status(), await confirm.text()).toBe(200);
    planId = ((await confirm.json()) as { plan: { id: string } }).plan.id;

    await page.goto(`${platform.url}/plans/${planId}`);
    await page.getByTestId('plan-title').waitFor();
    expect(await page.getByTestId('plan-written-date').innerText()).toBe('2021-06-15');
    const items = page.getByTestId('maintenance-items');
    await items.waitFor();
    const before = await plan();
    expect(before.tasks.length).toBeGreaterThan(3);
    // select every task (the header checkbox), pick 区市场监管局 from the directory, lead, assign
    await items.locator('thead .ant-checkbox-input').check();
    await page.getByTestId('assign-departments').click();
    await page.keyboard.type('区市场监管局');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^区市场监管局$/ }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('assign-button').click();
    // one version-checked PATCH per task, in turn; then the page says how many were assigned
    await page.getByText(`已为 ${before.tasks.length} 项任务指定责任部门`).waitFor({ timeout: 120_000 });
    const after = await plan();
    expect(after.tasks.filter((t) => t.departments.some((d) => d.name === '区市场监管局' && d.role === 'lead')).length).toBe(before.tasks.length);
    await shot('maintain-plan-1440.png');
  });

  it('edits a target on the plan page', async () => {
    const t = (await plan()).targets[0];
    const row = page.getByTestId('plan-targets').locator('tbody tr').filter({ hasText: t.indicator }).first();
    await row.getByRole('button', { name: '修改' }).click();
    await row.getByLabel('目标值').fill('99');
    const saved = page.waitForResponse((r) => r.url().includes(`/api/plans/${planId}/targets/`) && r.request().method() === 'PATCH');
    await row.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(200);
    await expect.poll(async () => (await plan()).targets[0].value).toBe(99);
  });

  it('exports the plan to Excel and Word, both read back', async () => {
    const xlsxHref = await page.getByTestId('export-xlsx').getAttribute('href');
    const xlsx = await page.request.get(`${platform.url}${xlsxHref}`);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const d = await plan();
    const tasks = wb.getWorksheet('任务')!;
    expect(tasks.rowCount).toBe(2 + d.tasks.length);
    for (let r = 3; r <= tasks.rowCount; r++) expect(String(tasks.getRow(r).getCell(4).value)).toContain('区市场监管局');
    expect(String(wb.getWorksheet('目标')!.getRow(3).getCell(3).value)).toContain('99');

    const docx = await page.request.get(`${platform.url}${await page.getByTestId('export-docx').getAttribute('href')}`);
    expect(docx.status()).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`${d.plan.title}执行情况`);
    expect(text).toContain('二、重点任务');
    expect(text).toContain('牵头单位：区市场监管局');
  });

  it('prints the plan page to PDF: the first page is the plan, not the menu', async () => {
    await page.emulateMedia({ media: 'print' });
    // the action column goes when the page is printed
    await expect.poll(() => page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    await page.emulateMedia({ media: 'screen' });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(doc, { mergePages: false });
    // NFKC: the PDF's font maps some characters to Kangxi radicals (⾏ for 行)
    const first = (text as string[])[0].normalize('NFKC').replace(/\s+/g, '');
    const title = (await plan()).plan.title.replace(/\s+/g, '');
    expect(first).toContain(title.slice(0, 12));
    for (const menu of ['驾驶舱', '任务督办', '系统管理', '导出Excel']) expect(first).not.toContain(menu);
    // no action column or button on any page of the paper
    const all = (text as string[]).join('').normalize('NFKC').replace(/\s+/g, '');
    for (const action of ['操作', '修改', '保存', '打印']) expect(all).not.toContain(action);
    // and back on screen, the office has its edit buttons again
    await page.getByRole('columnheader', { name: '操作' }).waitFor();
  });

  it('the public page at 375 px shows each target in full', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 812 }, reducedMotion: 'reduce' });
    const p = await phone.newPage();
    await p.goto(`${platform.url}/public`);
    await p.getByTestId('public-plan').first().waitFor();
    await p.getByTestId('public-target-card').first().waitFor();
    // nothing wider than the screen, the header included
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const header = await p.getByTestId('public-header').boundingBox();
    expect(header!.width).toBeLessThanOrEqual(375);
    // each target's text runs the width of the card, never a one-character column
    const widths = await p.getByTestId('public-target-card').evaluateAll((els) => els.slice(0, 20).map((e) => (e as HTMLElement).getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(250);
    expect(await p.getByTestId('public-plan-region').first().innerText()).toMatch(/发文地区：/);
    await shot('public-375.png', p);
    await phone.close();
    await page.goto(`${platform.url}/public`);
    await page.getByTestId('public-plan').first().waitFor();
    await shot('public-1440.png');
  });

  it('edits the plan information, adds and deletes a task, gives a target a lead and a co department, publishes and archives', async () => {
    await page.goto(`${platform.url}/plans/${planId}`);
    await page.getByTestId('maintenance-items').waitFor();

    // 编辑信息: the title
    const title = '新河镇质量提升行动工作计划（2021—2023年，修订）';
    await page.getByTestId('edit-plan').click();
    const info = page.getByRole('dialog').filter({ hasText: '编辑计划信息' });
    await info.getByLabel('计划名称').fill(title);
    await info.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('plan-title').filter({ hasText: title }).waitFor();

    // a task added by hand, then deleted after confirming
    const items = page.getByTestId('maintenance-items');
    await page.getByTestId('add-item').click();
    const add = page.getByRole('dialog').filter({ hasText: '添加任务' });
    await add.getByLabel('任务内容').fill('开展“质量月”系列活动');
    await add.getByLabel('截止日期').fill('2023-09-30');
    await add.getByRole('button', { name: '添加' }).click();
    const added = items.locator('tbody tr').filter({ hasText: '开展“质量月”系列活动' });
    await added.waitFor();
    expect((await plan()).tasks.find((t) => t.title === '开展“质量月”系列活动')?.dueDate).toBe('2023-09-30');
    await added.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await added.waitFor({ state: 'detached' });
    expect((await plan()).tasks.some((t) => t.title === '开展“质量月”系列活动')).toBe(false);

    // the first target: 区科技局 as lead, then 区经信局 as co (the directory searched, several kept)
    await page.locator('.ant-radio-button-wrapper').filter({ hasText: /^目标 \d+$/ }).click();
    const first = (await plan()).targets[0];
    const row = items.locator('tbody tr').filter({ hasText: first.indicator }).first();
    const pick = async (name: string, role: '牵头' | '配合') => {
      await row.locator('.ant-checkbox-input').check();
      const select = page.getByTestId('assign-departments');
      await select.click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: role }).check();
      await page.getByTestId('assign-button').click();
      await page.getByText('已为 1 项目标指定责任部门').last().waitFor();
      // the picker keeps its choice: clear it for the next one
      await select.locator('.ant-select-selection-item-remove').first().click();
      await page.keyboard.press('Escape');
    };
    await pick('区科技局', '牵头');
    await pick('区经信局', '配合');
    await row.getByText('配合 区经信局').waitFor();
    const target = (await plan()).targets.find((t) => t.id === first.id)!;
    expect(target.departments.map((d) => `${d.role} ${d.name}`)).toEqual(expect.arrayContaining(['lead 区科技局', 'co 区经信局']));
    await shot('maintain-target-departments.png');

    // publish, then archive (each asks first)
    await page.getByTestId('publish-plan').click();
    await page.getByRole('dialog').filter({ hasText: '确认发布该计划？' }).getByRole('button', { name: '发布' }).click();
    await page.getByTestId('plan-status').filter({ hasText: '已发布' }).waitFor();
    await page.getByTestId('archive-plan').click();
    await page.getByRole('dialog').filter({ hasText: '归档该计划？' }).getByRole('button', { name: '归档' }).click();
    await page.getByTestId('plan-status').filter({ hasText: '已归档' }).waitFor();
    expect((await plan()).plan.status).toBe('archived');
    // an archived plan is not edited any more
    expect(await page.getByTestId('edit-plan').count()).toBe(0);
    expect(await page.getByTestId('add-item').count()).toBe(0);
    await shot('maintain-archived.png');
  });
});
