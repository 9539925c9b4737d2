// Browser tier: the office imports seed 002 through the UI (upload → review → confirm → publish),
// corrects one target on the way, sees the plan page with the corrected value, gets the duplicate
// warning on re-upload, and the public page (no sign-in) shows the published plan.
// The real server (embedded database in a temp dir) and the built web app, driven through Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/org/seed-data/demo';
import type { ParseResponse } from '../src/plans/schemas';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from './helpers/browser';
import { E2E_PASSWORD, startPlatform, type Platform } from './helpers/server';
import { ensureWebBuilt, ROOT } from './helpers/web-build';

const SCREENSHOTS = path.join(ROOT, '.tmp');
const SEED = path.resolve(ROOT, '../shared/seeds/002_7c1dfc64210a4129.txt');
const chromiumPresent = hasChromium();
if (!chromiumPresent) console.warn(CHROMIUM_MISSING_MESSAGE);

const office = DEMO_ACCOUNTS.find((a) => a.role === 'office')!;

describe.skipIf(!chromiumPresent)('plan import, review, publish and the public page in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  /** Shared between the steps (they run in order, like one user's session). */
  let planId = '';
  let firstIndicator = '';

  beforeAll(async () => {
    ensureWebBuilt();
    platform = await startPlatform();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    // React reports an error it recovered from with the original error as `cause`: log the cause too.
    await context.addInitScript(() => {
      window.addEventListener('error', (e) => {
        const cause = (e.error as { cause?: { message?: string; stack?: string } } | undefined)?.cause;
        if (cause) console.error(`caused by: ${cause.message ?? String(cause)} ${cause.stack?.split('\n').slice(0, 4).join(' | ') ?? ''}`);
      });
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // 4xx answers are logged by the browser as failed resources; the steps check those answers themselves.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
    });
    // a fresh start plus the demo accounts' first sign-in (argon2, the password rule) on a loaded machine
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  afterEach(() => {
    const seen = pageErrors;
    pageErrors = [];
    expect(seen, 'errors in the browser console').toEqual([]);
  });

  function screenshot(name: string, p: Page = page) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    return p.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  }

  /** Drops the seed on the upload area and returns the server's parse answer. */
  async function uploadSeed(): Promise<ParseResponse> {
    await page.getByText('将计划文件拖到此处，或点击选择文件').waitFor();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/plans/import/parse'));
    await page.locator('input[type="file"]').setInputFiles(SEED);
    const response = await answered;
    expect(response.status(), 'parse of seed 002').toBe(200);
    const parsed = (await response.json()) as ParseResponse;
    await page.getByRole('heading', { name: '审核导入内容' }).waitFor();
    return parsed;
  }

  it('office imports seed 002: review, highlight the source, correct a target, confirm, publish', async () => {
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('用户名').fill(office.username);
    await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();

    // 行动计划 is open in the menu; the list has the import button.
    await page.getByRole('menuitem', { name: '行动计划' }).click();
    await page.waitForURL('**/plans');
    await page.getByRole('heading', { name: '行动计划' }).waitFor();
    // The demo authority's plans (imported on first start) are listed with status and counts.
    await page.getByTestId('plans-table').locator('tbody tr').filter({ hasText: '已发布' }).first().waitFor();
    await screenshot('plans-list.png');
    await page.getByRole('button', { name: '导入计划文件' }).click();
    await page.waitForURL('**/plans/import');

    const parsed = await uploadSeed();
    const ex = parsed.extraction;
    expect(ex.targets.length).toBeGreaterThan(5);
    await screenshot('plans-review.png');

    // The review screen shows the extraction: the document text, and one row per target.
    expect(await page.getByTestId('source-text').innerText()).toContain('普陀区质量提升三年行动计划');
    const targetRows = page.getByTestId('review-targets').locator('tbody tr[data-row-key]');
    expect(await targetRows.count()).toBe(ex.targets.length);
    // At 1440 px the target table (with each target's 责任部门) fits beside the source text: no sideways scroll.
    const targetsBody = page.getByTestId('review-targets').locator('.ant-table-body');
    const widths = await targetsBody.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll, 'target table needs no sideways scroll at 1440 px').toBeLessThanOrEqual(widths.client);
    // On a phone the indicator stays a readable box (the table scrolls sideways inside its card instead of
    // squeezing the name into a column one character wide)
    await page.setViewportSize({ width: 375, height: 800 });
    // (the layout settles after the resize: the box is measured until it is laid out again)
    const phoneBox = targetRows.first().locator('textarea').first();
    await expect
      .poll(async () => (await phoneBox.boundingBox())?.width ?? 0, { message: 'indicator box width at 375 px', timeout: 10_000 })
      .toBeGreaterThanOrEqual(150);
    await screenshot('plans-review-375.png');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The demo authority imported the seeds on first start: the same file is flagged as imported already.
    const dupWarning = page.getByTestId('duplicate-warning');
    if (parsed.duplicateOf) {
      await dupWarning.waitFor();
      expect(await page.getByTestId('duplicate-link').getAttribute('href')).toBe(`/plans/${parsed.duplicateOf.id}`);
      expect(await page.getByTestId('confirm-import').isDisabled()).toBe(true);
    } else {
      expect(await dupWarning.count()).toBe(0);
    }

    // Clicking a target marks its source sentence in the text, and scrolls the text panel to it.
    const first = ex.targets[0];
    firstIndicator = first.indicator;
    await targetRows.first().locator('td').last().click({ position: { x: 2, y: 2 } });
    const mark = page.getByTestId('source-highlight');
    await mark.waitFor();
    expect(await mark.innerText()).toBe(ex.text.slice(first.span[0], first.span[1]));
    await expect.poll(async () => {
      const box = await page.getByTestId('source-text').boundingBox();
      const m = await mark.boundingBox();
      return !!box && !!m && m.y >= box.y && m.y + m.height <= box.y + box.height;
    }, { message: 'the highlighted sentence is scrolled into the text panel' }).toBe(true);
    // Another target moves the mark.
    const third = ex.targets[2];
    await targetRows.nth(2).locator('td').first().click({ position: { x: 2, y: 2 } });
    await expect.poll(() => mark.innerText()).toBe(ex.text.slice(third.span[0], third.span[1]));
    await screenshot('plans-review-highlight.png');

    // Correct the first target's value (2.4 → 2.6).
    expect(first.value).not.toBe(2.6);
    const valueInput = page.getByLabel('第 1 项目标值');
    await valueInput.fill('2.6');
    await valueInput.blur();

    // The first target gets a responsible department from the directory, in the 责任部门 box under its indicator.
    const targetDepts = page.getByTestId('target-departments-0');
    await targetDepts.click();
    await page.keyboard.type('区财政局');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^区财政局$/ }).first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => targetDepts.innerText()).toContain('区财政局·牵头');

    // A cleared indicator is refused in place, before anything is sent.
    const indicator = page.getByLabel('第 2 项指标名称');
    const indicatorBefore = await indicator.inputValue();
    await indicator.fill('');
    if (parsed.duplicateOf) await page.getByTestId('allow-duplicate').click();
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('field-error').filter({ hasText: '请填写指标名称' }).waitFor();
    expect(await page.getByTestId('review-error').innerText()).toContain('请填写指标名称');
    await indicator.fill(indicatorBefore);

    // Department names: each one is linked, to be created, or waits for the user to confirm a near match.
    await page.getByRole('tab', { name: /责任部门/ }).click();
    const deptTable = page.getByTestId('review-departments');
    await deptTable.waitFor();
    const usedNames = new Set(ex.tasks.flatMap((t) => t.departments.map((d) => d.name.trim())));
    for (const m of parsed.departments.filter((d) => usedNames.has(d.name))) {
      const row = deptTable.locator(`tr[data-row-key="${m.name}"]`);
      if (m.status === 'alias' && m.match) expect(await row.innerText()).toContain(m.match.department.name);
      if (m.status === 'suggested') {
        // Confirm the suggested near match with the select.
        await row.getByRole('combobox').click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      }
    }
    // Unit names the directory does not know wait for an explicit 新建 (issue 8): create them all at once.
    if (await page.getByTestId('create-unmatched-units').count()) await page.getByTestId('create-unmatched-units').click();
    await screenshot('plans-review-departments.png');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await page.getByTestId('confirm-import').click();
    const confirmResponse = await created;
    expect(confirmResponse.status(), await confirmResponse.text()).toBe(200);
    const confirmed = (await confirmResponse.json()) as { plan: { id: string }; departmentsCreated?: { name: string }[] };
    planId = confirmed.plan.id;
    expect((confirmed.departmentsCreated ?? []).map((d) => d.name)).not.toContain('区财政局');
    await page.waitForURL(`**/plans/${planId}`);

    // The plan page: a draft with the corrected value.
    await page.getByTestId('plan-status').filter({ hasText: '草稿' }).waitFor();
    expect(await page.getByTestId('plan-title').innerText()).toBe(ex.metadata.title);
    const row = page.getByTestId('plan-targets').locator('tbody tr').filter({ hasText: first.indicator }).first();
    expect(await row.getByTestId('target-goal').innerText()).toBe(`≥ 2.6 ${first.unit}`);
    // the department chosen in review is the target's, linked to the directory's 区财政局 (not a new one)
    expect(await row.innerText()).toContain('区财政局');
    // seed 002 runs 2021–2023: its deadlines have passed, with no accepted value the status is final 未达成
    expect(await row.getByTestId('target-status').innerText()).toBe('未达成');

    // Publish, with confirmation.
    await page.getByTestId('publish-plan').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '确认发布该计划？' });
    const published = page.waitForResponse((r) => r.url().endsWith(`/api/plans/${planId}/publish`));
    await dialog.getByRole('button', { name: '发布' }).click();
    expect((await published).status()).toBe(200);
    await page.getByTestId('plan-status').filter({ hasText: '已发布' }).waitFor();
    expect(await page.getByTestId('publish-plan').count()).toBe(0);

    // The status rules are one click away.
    await page.getByTestId('status-rules-button').click();
    await page.getByTestId('status-rules').waitFor();
    await screenshot('plans-plan-page.png');
    await page.keyboard.press('Escape');
  });

  it('a stale inline edit of a target gets the conflict message instead of overwriting', async () => {
    expect(planId).not.toBe('');
    await page.goto(`${platform.url}/plans/${planId}`);
    const row = page.getByTestId('plan-targets').locator('tbody tr').filter({ hasText: firstIndicator }).first();
    await row.getByRole('button', { name: '修改' }).click();

    // Meanwhile someone else changes the same target (same session, straight to the API).
    const detail = (await (await page.request.get(`${platform.url}/api/plans/${planId}`)).json()) as { targets: { id: string; indicator: string; version: number }[] };
    const target = detail.targets.find((t) => t.indicator === firstIndicator)!;
    const other = await page.request.patch(`${platform.url}/api/plans/${planId}/targets/${target.id}`, { data: { version: target.version, unit: '%' } });
    expect(other.status()).toBe(200);

    await row.getByLabel('目标值').fill('2.8');
    const saved = page.waitForResponse((r) => r.url().includes(`/api/plans/${planId}/targets/`) && r.request().method() === 'PATCH');
    await row.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(409);
    await page.getByText('数据已被他人修改，请刷新后重试').waitFor();

    // After the refresh the value is still the corrected one, not the stale edit.
    await page.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => row.getByTestId('target-goal').innerText()).toBe('≥ 2.6 %');
  });

  it('a file the server cannot read gets its Chinese error, and no review screen', async () => {
    await page.goto(`${platform.url}/plans/import`);
    await page.getByText('将计划文件拖到此处，或点击选择文件').waitFor();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/plans/import/parse'));
    await page.locator('input[type="file"]').setInputFiles({ name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const response = await answered;
    expect(response.status()).toBeGreaterThanOrEqual(400);
    const body = (await response.json()) as { code: string; message: string };
    const alert = page.getByTestId('import-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(body.message);
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByRole('heading', { name: '审核导入内容' }).count()).toBe(0);
    await screenshot('plans-import-error.png');
  });

  it('uploading the same file again warns and links to the existing plan', async () => {
    await page.goto(`${platform.url}/plans/import`);
    const parsed = await uploadSeed();
    expect(parsed.duplicateOf).not.toBeNull();
    await page.getByTestId('duplicate-warning').waitFor();
    expect(await page.getByTestId('duplicate-warning').innerText()).toContain('该文件已于');
    const href = await page.getByTestId('duplicate-link').getAttribute('href');
    expect(href).toBe(`/plans/${parsed.duplicateOf!.id}`);
    expect(await page.getByTestId('confirm-import').isDisabled()).toBe(true);
    await screenshot('plans-duplicate.png');
    await page.getByTestId('duplicate-link').click();
    await page.waitForURL(`**${href}`);
    await page.getByTestId('plan-title').waitFor();
  });

  it('the public page, reached from the sign-in page without signing in, shows the published plan and its targets', async () => {
    const visitor = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', viewport: { width: 1366, height: 900 } });
    try {
      const p = await visitor.newPage();
      p.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
      await p.goto(`${platform.url}/login`);
      await p.getByTestId('public-link').click();
      await p.waitForURL('**/public');
      await p.getByRole('heading', { name: '质量提升行动计划进展' }).waitFor();
      // The plan imported above (its first target corrected to 2.6), beside the demo's copy of the same document (2.4).
      const corrected = p.locator('tbody tr').filter({ hasText: firstIndicator }).filter({ has: p.getByTestId('public-target-goal').filter({ hasText: '2.6' }) });
      const card = p.getByTestId('public-plan').filter({ has: corrected });
      await card.waitFor();
      expect(await card.getByTestId('public-target-status').count()).toBeGreaterThan(5);
      // a 2021–2023 plan: its deadlines have passed with no accepted value, final 未达成 (issue 8)
      expect(await corrected.getByTestId('public-target-status').innerText()).toBe('未达成');
      expect(await card.getByTestId('public-plan-region').innerText()).toContain('普陀区');
      await screenshot('plans-public.png', p);
    } finally {
      await visitor.close();
    }
  });
});

if (!chromiumPresent) {
  describe('plan import in Chromium', () => {
    it.skip(CHROMIUM_MISSING_MESSAGE, () => {});
  });
}
