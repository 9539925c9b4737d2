import { eq } from 'drizzle-orm';
// The public plan page API (no sign-in): published plans only, their targets with status; drafts
// are 404; another tenant's plans and any internal note never leak; the tenant is the only one of
// the deployment or `?tenant=ID` when there are several.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../org/auth/model';
import { forEachDb } from '../../core/db/testing';
import { progressReports } from '../tables';
import { insertPlanFixture, supervisionApp, type PlanFixtureIds } from '../notices/fixture';
import { demoTenant, otherTenant } from '../testing';

forEachDb('public plan page', (getDb) => {
  let app: FastifyInstance;
  const now = { value: new Date('2026-10-20T02:00:00Z') };
  let tenantId: number;
  let published: PlanFixtureIds;
  let draft: PlanFixtureIds;
  let foreign: PlanFixtureIds;
  let otherId: number;

  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    tenantId = demo.tenantId;
    const market = await demo.departmentId('区市场监管局');
    published = await insertPlanFixture(db, tenantId, {
      title: '示范区质量强区建设实施方案',
      targets: [
        { key: 'pass', indicator: '产品质量监督抽查合格率', value: 95, baselineValue: 90, departments: [[market, 'lead']] },
        { key: 'brand', indicator: '新增质量品牌', value: 10, unit: '个', departments: [[market, 'lead']] },
      ],
      tasks: [{ key: 't', title: '开展质量提升行动', departments: [[market, 'lead']] }],
      periods: [{ key: 'q3', label: '2026年第3季度', start: '2026-07-01', end: '2026-09-30', due: '2026-10-13' }],
      reports: [
        {
          period: 'q3',
          department: market,
          status: 'submitted',
          submittedAt: '2026-10-09T03:00:00Z',
          values: [{ target: 'pass', value: 96, asOf: '2026-09-30' }],
          tasks: [{ task: 't', status: 'blocked', note: '内部备注：经费审批卡在财政局' }],
        },
      ],
    });
    draft = await insertPlanFixture(db, tenantId, {
      title: '尚未公开的草稿方案',
      status: 'draft',
      targets: [{ key: 'x', indicator: '草稿里的指标', value: 1, departments: [[market, 'lead']] }],
    });
    app = await supervisionApp(db, new Map<string, Actor>(), now);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the only tenant without a parameter: published plans and target status', async () => {
    const list = await get('/api/public/plans');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.tenant).toEqual({ id: String(tenantId), name: '示范区' });
    expect(body.items.map((p: { title: string }) => p.title)).toEqual(['示范区质量强区建设实施方案']);
    // the department's value is only submitted, not accepted by the office: the public does not see it
    expect(body.items[0]).toMatchObject({ targetCount: 2, statusCounts: { achieved: 0, on_track: 0, warning: 0, behind: 0, no_report: 2 } });
    expect(body.items[0].region).toBeNull();
    const before = (await get(`/api/public/plans/${published.planId}`)).json();
    expect(before.targets[0]).toMatchObject({ latestValue: null, status: 'no_report' });
    await getDb().db.update(progressReports).set({ status: 'accepted' }).where(eq(progressReports.id, published.report[0]));

    const detail = await get(`/api/public/plans/${published.planId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json();
    expect(d.plan.title).toBe('示范区质量强区建设实施方案');
    expect(d.targets.map((t: { indicator: string; goal: string; latestValue: number | null; status: string; statusLabel: string; departments: string[] }) => [t.indicator, t.goal, t.latestValue, t.status, t.statusLabel, t.departments])).toEqual([
      ['产品质量监督抽查合格率', '不低于95%', 96, 'achieved', '已达成', ['区市场监管局']],
      ['新增质量品牌', '不低于10个', null, 'no_report', '未报送', ['区市场监管局']],
    ]);
    expect(d.rules.warning).toContain('5%');
  });

  it('never shows drafts, internal notes or people', async () => {
    const draftRes = await get(`/api/public/plans/${draft.planId}`);
    expect(draftRes.statusCode).toBe(404);
    expect(draftRes.json().code).toBe('NOT_FOUND');
    const all = (await get('/api/public/plans')).body + (await get(`/api/public/plans/${published.planId}`)).body;
    expect(all).not.toContain('尚未公开的草稿方案');
    expect(all).not.toContain('草稿里的指标');
    expect(all).not.toContain('内部备注');
    expect(all).not.toContain('经费审批');
    expect(all).not.toMatch(/submittedBy|username|displayName|createdBy|bodyText|note/);
    expect((await get('/api/public/plans/999999')).statusCode).toBe(404);
  });

  it('with several tenants, needs ?tenant and keeps each tenant to its own plans', async () => {
    const { db } = getDb();
    otherId = await otherTenant(db, '公开邻区');
    foreign = await insertPlanFixture(db, otherId, {
      title: '邻区质量提升方案',
      targets: [{ key: 'y', indicator: '邻区指标', value: 1, departments: [] }],
    });
    const bare = await get('/api/public/plans');
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toEqual({ code: 'TENANT_REQUIRED', message: '本平台服务多个地区，请用 tenant 参数指定地区' });
    const tenants = (await get('/api/public/tenants')).json().items.map((t: { name: string }) => t.name);
    expect(tenants).toEqual(expect.arrayContaining(['示范区', '公开邻区']));

    const mine = (await get(`/api/public/plans?tenant=${tenantId}`)).json();
    expect(mine.items.map((p: { title: string }) => p.title)).toEqual(['示范区质量强区建设实施方案']);
    const theirs = (await get(`/api/public/plans?tenant=${otherId}`)).json();
    expect(theirs.items.map((p: { title: string }) => p.title)).toEqual(['邻区质量提升方案']);
    // a plan id of the other tenant asked under this tenant is not found, and the reverse
    expect((await get(`/api/public/plans/${foreign.planId}?tenant=${tenantId}`)).statusCode).toBe(404);
    expect((await get(`/api/public/plans/${published.planId}?tenant=${otherId}`)).statusCode).toBe(404);
    expect((await get(`/api/public/plans/${foreign.planId}?tenant=${otherId}`)).statusCode).toBe(200);
    expect((await get('/api/public/plans?tenant=999999')).statusCode).toBe(404);
    expect((await get('/api/public/plans?tenant=abc')).statusCode).toBe(404);
  });
});
