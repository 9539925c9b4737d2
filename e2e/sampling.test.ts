// Browser tier, 产品质量监督抽查 (issue 12): the demo inspector opens the sampling year of the demo
// authority, follows a 不合格 figure of the rates table to its batches, opens the failed batch whose
// 复检 window is still open, records the firm's 复检 request and the 复检 result on the reserve sample,
// and sees the final conclusion and the 后处理 step that follows.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { todayInShanghai } from '../src/org/calendar/calendar';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt, ROOT } from './helpers/web-build';

const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);

describe.skipIf(!chromiumPresent)('监督抽查 in Chromium: rates to batches, a failed batch re-tested on request', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let inspector: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    platform = await startPlatform();
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    inspector = await context.newPage();
    inspector.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    inspector.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    await inspector.goto(`${platform.url}/login`);
    await inspector.getByLabel('用户名').fill('inspector');
    await inspector.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await inspector.getByRole('button', { name: '登录', exact: true }).click();
    await inspector.getByTestId('user-menu').waitFor();
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

  it('shows the demo plans, and a 不合格 figure of the rates opens its batches', async () => {
    await inspector.goto(`${platform.url}/sampling`);
    await inspector.getByTestId('plan-row').filter({ hasText: '电热水壶' }).waitFor();
    expect(await inspector.getByTestId('plan-row').count()).toBe(3);
    await inspector.getByRole('tab', { name: '合格率' }).click();
    const total = inspector.getByTestId('rate-row').filter({ hasText: '电子电器' }).first();
    await total.waitFor();
    await total.getByRole('button', { name: '不合格批次 1' }).click();
    const dialog = inspector.getByRole('dialog');
    await dialog.getByText('电热水壶', { exact: false }).first().waitFor();
    expect(await dialog.locator('.ant-table-row').count()).toBe(1);
    await dialog.locator('.ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('a failed batch: the firm asks for a 复检 within the window, the 复检 confirms the failure as final', async () => {
    const today = todayInShanghai();
    await inspector.getByRole('tab', { name: '样品与结果' }).click();
    // the 童鞋 failure was notified a week ago: no 复检 and no 后处理 yet
    const row = inspector.locator('.ant-table-row').filter({ hasText: '童鞋' }).filter({ hasText: '不合格' }).first();
    await row.getByRole('link').click();
    await inspector.getByRole('heading', { name: /童鞋/ }).waitFor();
    await inspector.getByRole('button', { name: '登记复检申请' }).click();
    let dialog = inspector.getByRole('dialog').filter({ hasText: '登记复检申请' });
    await dialog.getByLabel('申请日期').fill(today);
    await dialog.getByLabel('申请日期').press('Enter');
    await dialog.getByLabel('复检机构').fill('浙江省产品质量检验研究院');
    await dialog.getByRole('button', { name: '保存' }).click();
    await inspector.getByText('已申请').first().waitFor();

    await inspector.getByRole('button', { name: '录入复检结果（最终结论）' }).click();
    dialog = inspector.getByRole('dialog').filter({ hasText: '录入复检结果' });
    await dialog.getByLabel('复检结论日期').fill(today);
    await dialog.getByLabel('复检结论日期').press('Enter');
    await dialog.getByTestId('item-row').locator('.ant-select').click();
    await inspector.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await dialog.getByPlaceholder('实测值').fill('41mg/kg');
    await dialog.getByText('不合格', { exact: true }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await inspector.getByText(/已完成：不合格（最终结论/).waitFor();
    // the failure is final: the firm may not sell the model until 复查合格, and 后处理 waits to be ordered
    await inspector.getByText('复查合格前，企业不得继续生产、销售同一型号产品').waitFor();
    await inspector.getByRole('button', { name: '下达责令整改通知书' }).waitFor();
    // and a follow-up task opened for 区市场监管局 in the demo's plan, linked from the sample
    const followUp = inspector.getByTestId('sample-followup');
    await followUp.waitFor();
    expect(await followUp.innerText()).toContain('区市场监管局');
    expect(await followUp.getByRole('link').getAttribute('href')).toMatch(/^\/plans\/\d+$/);
    // for the walk-through: the sample page at 1440 and 375 px, in .tmp/
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    await inspector.screenshot({ path: path.join(ROOT, '.tmp/sampling-sample-1440.png'), fullPage: true });
    await inspector.setViewportSize({ width: 375, height: 812 });
    await inspector.screenshot({ path: path.join(ROOT, '.tmp/sampling-sample-375.png'), fullPage: true });
    await inspector.setViewportSize({ width: 1440, height: 900 });
    expect(await inspector.locator('.ant-table-row').filter({ hasText: '复检' }).filter({ hasText: '41mg/kg' }).count()).toBe(1);
  });

  it("records a provincial check a firm showed; the same product's routine sampling here is then refused naming it", async () => {
    // a demo enterprise of the register and the demo's first sampling task
    const ents = await (await inspector.request.get(`${platform.url}/api/enterprises?pageSize=5`)).json();
    const ent = ents.items[4] as { id: string; creditCode: string; name: string };
    await inspector.goto(`${platform.url}/sampling`);
    await inspector.getByRole('tab', { name: '上级抽查' }).click();
    const card = inspector.getByTestId('higher-checks');
    await card.getByRole('button', { name: '登记上级抽查' }).click();
    const dialog = inspector.getByRole('dialog', { name: '登记上级监督抽查' });
    await dialog.getByLabel('企业统一社会信用代码（企业名录中）').fill(ent.creditCode);
    await dialog.getByRole('combobox', { name: '产品' }).fill('电热水壶');
    await inspector.locator('.ant-cascader-dropdown:visible').getByText('电热水壶').first().click();
    await dialog.getByLabel('商标').fill('上级牌');
    await dialog.getByLabel('规格型号').fill('E2E-H1');
    await dialog.getByLabel('组织抽查的部门').fill('浙江省市场监督管理局');
    const picker = dialog.locator('.ant-picker input');
    await picker.click();
    await picker.fill('2026-10-15');
    await picker.press('Enter');
    const saved = inspector.waitForResponse((r) => r.url().endsWith('/api/sampling/higher-checks') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '登记' }).click();
    expect((await saved).status()).toBe(200);
    const row = card.getByTestId('higher-check-row').filter({ hasText: 'E2E-H1' });
    await row.waitFor();
    expect(await row.innerText()).toContain('浙江省市场监督管理局');
    // the same product sampled here as a routine check: refused with the provincial check named
    const plans = await (await inspector.request.get(`${platform.url}/api/sampling/plans`)).json();
    const kettle = (plans.items as Array<{ id: string; productCode: string }>).find((p) => p.productCode === '010110')!;
    const planPage = await (await inspector.request.get(`${platform.url}/api/sampling/plans/${kettle.id}`)).json();
    const refused = await inspector.request.post(`${platform.url}/api/sampling/samples`, {
      data: { taskId: planPage.tasks[0].id, sampleNo: 'E2E-HIGHER-1', enterpriseId: ent.id, brand: '上级牌', model: 'e2e-h1', sampledOn: todayInShanghai(), samplers: ['张一', '李二'] },
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).message).toMatch(/经省级监督抽查（浙江省市场监督管理局）/);
    // the tab on a phone: nothing to scroll sideways
    await inspector.setViewportSize({ width: 375, height: 812 });
    try {
      expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await inspector.screenshot({ path: path.join(ROOT, '.tmp/sampling-higher-375.png'), fullPage: true });
    } finally {
      await inspector.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('the 驾驶舱 on a phone (375 px): the overdue 后处理 of the demo year, with the follow-up it opened in the plan', async () => {
    await inspector.setViewportSize({ width: 375, height: 812 });
    try {
      await inspector.goto(`${platform.url}/dashboard`);
      const card = inspector.getByTestId('disposals-due');
      const item = card.getByTestId('disposal-items').locator('.ant-list-item').filter({ hasText: '电热水壶' });
      await item.getByText(/^逾期 \d+ 日$/).waitFor();
      await item.getByText('已开后续任务').waitFor();
      expect(await item.innerText()).toContain('责令整改');
      // the card fits the phone's width: nothing to scroll sideways
      const overflow = await card.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
      await inspector.screenshot({ path: path.join(ROOT, '.tmp/sampling-dashboard-375.png'), fullPage: true });
      // the item opens its batch, which lists the follow-up task
      await item.getByRole('link', { name: /电热水壶/ }).click();
      await inspector.getByRole('heading', { name: /电热水壶/ }).waitFor();
      await inspector.getByTestId('sample-followup').first().waitFor();
    } finally {
      await inspector.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
