// Browser tier, 双随机、一公开 (issue 12): the office sets up an item and an inspector, creates a campaign,
// publishes its frame and commitment (the seed still hidden), draws (the seed revealed, SHA-256 of it is
// the commitment); the public page lists the draw and its download, which `zhiliang draw verify`
// accepts; the demo inspector enters a result, the office returns it, the inspector corrects it (a new
// version) and the office publishes it. Phone width for the public page.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runDrawVerify } from '../src/cli/draw';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt } from './helpers/web-build';

const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);

describe.skipIf(!chromiumPresent)('双随机抽查 in Chromium: setup, committed draw, public verification, results', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let office: Page;
  let inspector: Page;
  let pageErrors: string[] = [];
  let campaignUrl = '';
  let commitment = '';
  let seed = '';
  let enterprise = '';

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  beforeAll(async () => {
    ensureWebBuilt();
    platform = await startPlatform();
    browser = await launchChromium();
    office = await signedIn('office');
    inspector = await signedIn('inspector');
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await platform?.stop();
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  it('the office adds an item to the list and an inspector to the library', async () => {
    await office.getByRole('menuitem', { name: '双随机抽查' }).click();
    await office.waitForURL('**/inspections');
    await office.getByRole('tab', { name: '抽查事项清单' }).click();
    // the demo authority's list is there
    await office.getByTestId('item-row').filter({ hasText: 'SJ-01 企业公示信息情况检查' }).waitFor();
    await office.getByRole('button', { name: '新增事项' }).click();
    const dialog = office.getByRole('dialog').filter({ hasText: '新增抽查事项' });
    await dialog.getByLabel('事项编号').fill('SJ-09');
    await dialog.getByLabel('事项名称').fill('广告发布情况检查');
    await dialog.getByLabel('抽查依据').fill('《广告法》第四十九条');
    await dialog.getByLabel('抽查主体').fill('区市场监管局');
    await dialog.getByLabel('B类比例').fill('4');
    await dialog.getByRole('button', { name: '保存' }).click();
    await office.getByTestId('item-row').filter({ hasText: 'SJ-09 广告发布情况检查' }).waitFor();
    expect(await office.getByTestId('item-row').filter({ hasText: 'SJ-09' }).innerText()).toContain('B类 4%');
    // edited in place: the ratio changes, the rest of the item stays
    await office.getByTestId('item-row').filter({ hasText: 'SJ-09' }).getByRole('button', { name: '修改' }).click();
    const edit = office.getByRole('dialog').filter({ hasText: '修改抽查事项：SJ-09' });
    expect(await edit.getByLabel('抽查依据').inputValue()).toBe('《广告法》第四十九条');
    await edit.getByLabel('B类比例').fill('5');
    await edit.getByRole('button', { name: '保存' }).click();
    await office.getByTestId('item-row').filter({ hasText: 'B类 5%' }).waitFor();
    expect(await office.getByTestId('item-row').filter({ hasText: 'SJ-09' }).innerText()).toContain('广告发布情况检查');

    await office.getByRole('tab', { name: '检查人员名录库' }).click();
    await office.getByTestId('inspector-row').filter({ hasText: '李队长' }).waitFor();
    await office.getByRole('button', { name: '新增人员' }).click();
    const d2 = office.getByRole('dialog').filter({ hasText: '新增执法检查人员' });
    await d2.getByLabel('姓名').fill('周敏');
    await d2.getByLabel('所在部门').fill('区市场监管局');
    await d2.getByLabel('执法证号').fill('33090200109');
    await d2.getByLabel('SJ-09 广告发布情况检查').check();
    await d2.getByRole('button', { name: '保存' }).click();
    await office.getByTestId('inspector-row').filter({ hasText: '周敏' }).waitFor();
    // and an inspector edited: the certificate number corrected, the qualification kept
    await office.getByTestId('inspector-row').filter({ hasText: '周敏' }).getByRole('button', { name: '修改' }).click();
    const d3 = office.getByRole('dialog').filter({ hasText: '修改执法检查人员：周敏' });
    expect(await d3.getByLabel('SJ-09 广告发布情况检查').isChecked()).toBe(true);
    await d3.getByLabel('执法证号').fill('33090200119');
    await d3.getByRole('button', { name: '保存' }).click();
    await office.getByTestId('inspector-row').filter({ hasText: '33090200119' }).waitFor();
  });

  it('publishes the frame and the commitment before the draw, and the seed after it', async () => {
    await office.getByRole('tab', { name: '抽查任务' }).click();
    await office.getByRole('button', { name: '新建抽查任务' }).click();
    const dialog = office.getByRole('dialog').filter({ hasText: '新建抽查任务' });
    await dialog.getByLabel('任务名称').fill('2026年企业公示信息双随机抽查');
    await dialog.getByRole('combobox', { name: '抽查事项' }).click();
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'SJ-01' }).click();
    // a multiple select stays open after a choice, and with the demo's longer list it covers the button
    await dialog.getByLabel('任务名称').click();
    await office.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: '新建' }).click();
    await office.getByTestId('campaign-row').filter({ hasText: '2026年企业公示信息双随机抽查' }).getByRole('link').click();
    await office.waitForURL('**/inspections/campaigns/*');
    campaignUrl = office.url();

    await office.getByRole('button', { name: '生成并公布抽查框' }).click();
    await office.getByTestId('commitment').waitFor();
    commitment = (await office.getByTestId('commitment').innerText()).trim();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(await office.getByTestId('seed-hidden').innerText()).toBe('抽取后公开');
    expect(await office.getByTestId('frame-card').innerText()).toContain('未分类（按B类比例）');

    await office.getByRole('button', { name: '抽取', exact: true }).click();
    await office.locator('.ant-popconfirm').getByRole('button', { name: '抽取' }).click();
    await office.getByTestId('seed').waitFor();
    seed = (await office.getByTestId('seed').innerText()).trim();
    expect(crypto.createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')).toBe(commitment);
    expect(await office.getByTestId('commitment').innerText()).toBe(commitment);
    expect(await office.getByTestId('campaign-state').innerText()).toBe('已抽取');
    expect(await office.getByTestId('object-row').count()).toBeGreaterThan(1);
    // no second draw once the seed is out
    expect(await office.getByRole('button', { name: '抽取', exact: true }).count()).toBe(0);
  });

  it('the public page (375 px, no sign-in) lists the draw; its download verifies', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${platform.url}/public`);
    const draw = page.getByTestId('public-draw').filter({ hasText: '2026年企业公示信息双随机抽查' });
    await draw.waitFor();
    expect(await draw.getByTestId('public-draw-seed').innerText()).toContain(seed);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, 'no sideways scrolling at 375 px').toBeLessThanOrEqual(375);
    const href = await draw.getByTestId('public-draw-download').getAttribute('href');
    const res = await fetch(`${platform.url}${href}`);
    expect(res.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zl-e2e-draw-')), 'draw.json');
    fs.writeFileSync(file, await res.text());
    let out = '';
    expect(await runDrawVerify(file, { write: (s: string) => (out += s) }, { write: (s: string) => (out += s) })).toBe(0);
    expect(out).toMatch(/^OK 核验通过/);
    // one character of the seed changed: verification fails
    const tampered = JSON.parse(fs.readFileSync(file, 'utf8'));
    tampered.seed = tampered.seed.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'));
    fs.writeFileSync(file, JSON.stringify(tampered));
    expect(await runDrawVerify(file, { write: () => undefined }, { write: () => undefined })).toBe(1);
  });

  it('the inspector enters a result, the office returns it, the corrected version is published', async () => {
    await inspector.goto(campaignUrl);
    const row = inspector.getByTestId('object-row').filter({ has: inspector.getByRole('button', { name: '录入结果' }) }).first();
    enterprise = (await row.locator('td').nth(1).locator('div').first().innerText()).trim();
    // a photo taken on site goes with the result being prepared
    await row.getByTestId('object-evidence').click();
    const evidence = inspector.getByRole('dialog').filter({ hasText: '证据材料：' });
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 1)]);
    await evidence.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: photo });
    await evidence.getByTestId('evidence-row').filter({ hasText: '现场照片.png' }).getByText('待随结果提交').waitFor();
    await evidence.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await row.getByRole('button', { name: '录入结果' }).click();
    const dialog = inspector.getByRole('dialog').filter({ hasText: '录入检查结果' });
    await dialog.getByRole('combobox', { name: '检查结果' }).click();
    await inspector.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '发现问题已责令改正' }).click();
    await dialog.getByLabel('检查情况', { exact: true }).fill('2025年度报告未公示');
    await dialog.getByLabel('后续处置', { exact: true }).fill('责令限期补报');
    await dialog.getByRole('button', { name: '提交审核' }).click();
    const mine = inspector.getByTestId('object-row').filter({ hasText: enterprise });
    await mine.getByText('待审核').waitFor();
    // the one who entered it cannot review it
    expect(await mine.getByRole('button', { name: '通过并公示' }).count()).toBe(0);

    await office.goto(campaignUrl);
    const inOffice = office.getByTestId('object-row').filter({ hasText: enterprise });
    // the reviewer sees the photo submitted with version 1
    await inOffice.getByTestId('object-evidence').filter({ hasText: '（1）' }).click();
    const seen = office.getByRole('dialog').filter({ hasText: '证据材料：' });
    await seen.getByTestId('evidence-row').filter({ hasText: '现场照片.png' }).getByText('第 1 版').waitFor();
    expect(await seen.getByRole('button', { name: '删除' }).count()).toBe(0);
    await seen.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await inOffice.getByRole('button', { name: '退回' }).click();
    const back = office.getByRole('dialog').filter({ hasText: '退回检查结果' });
    await back.getByLabel('退回理由').fill('请写明补报期限');
    await back.getByRole('button', { name: '退回' }).click();
    await inOffice.getByText('退回理由：请写明补报期限').waitFor();

    await inspector.reload();
    await mine.getByRole('button', { name: '修改后重新提交' }).click();
    const again = inspector.getByRole('dialog').filter({ hasText: '录入检查结果' });
    await again.getByText('已退回：请写明补报期限').waitFor();
    await again.getByLabel('后续处置', { exact: true }).fill('责令于2026年12月20日前补报年度报告');
    await again.getByRole('button', { name: '提交审核' }).click();
    await mine.getByText('第 2 版').waitFor();

    await office.reload();
    await inOffice.getByRole('button', { name: '通过并公示' }).click();
    await inOffice.getByText('已公示').waitFor();
    expect(await inOffice.innerText()).toContain('责令于2026年12月20日前补报年度报告');
    expect(await inOffice.innerText()).toContain('第 2 版');
  });

  it('the published problem opened a follow-up task in a plan, linked both ways; the quality file shows the result and its credit record', async () => {
    const inOffice = office.getByTestId('object-row').filter({ hasText: enterprise });
    const task = inOffice.getByTestId('object-followup');
    await task.waitFor();
    expect(await task.innerText()).toContain('区市场监管局');
    expect(await task.innerText()).toContain('办理中');
    await task.getByRole('link').click();
    await office.waitForURL('**/plans/*');
    await office.getByRole('tab', { name: /后续任务/ }).click();
    const row = office.getByTestId('followup-row').filter({ hasText: enterprise });
    await row.waitFor();
    expect(await row.innerText()).toContain('后续处置未完成');
    expect(await row.innerText()).toContain('尚不能办结');
    expect(await row.getByRole('button', { name: '办结' }).count()).toBe(0);
    // the task's record: the campaign page showing that one object
    await row.getByTestId('followup-source').getByRole('link').click();
    await office.waitForURL('**/inspections/campaigns/*?object=*');
    await office.getByText('只显示后续任务所指的检查对象').waitFor();
    await expect.poll(() => office.getByTestId('object-row').count()).toBe(1);
    // its quality file: the result and the credit record it wrote
    await office.getByTestId('object-enterprise').click();
    await office.waitForURL('**/enterprises/*');
    const timeline = office.getByTestId('timeline');
    await timeline.getByText('双随机抽查结果：发现问题已责令改正').waitFor();
    expect(await timeline.innerText()).toContain('双随机抽查发现问题：发现问题已责令改正');
  });

  it('the demo inspector’s year holds a completed campaign with published results', async () => {
    await inspector.goto(`${platform.url}/inspections`);
    const done = inspector.getByTestId('campaign-row').filter({ hasText: '工业产品生产许可证' });
    await done.waitFor();
    await done.getByRole('link').click();
    await inspector.waitForURL('**/inspections/campaigns/*');
    await inspector.getByTestId('seed').waitFor();
    expect(await inspector.getByTestId('object-row').count()).toBeGreaterThan(0);
    expect(await inspector.getByTestId('object-result').filter({ hasText: '已公示' }).count()).toBe(await inspector.getByTestId('object-row').count());
  });
});
