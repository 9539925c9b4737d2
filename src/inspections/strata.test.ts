// The draw's strata follow the risk class the credit room computed: an enterprise classed D is drawn
// at the D ratio, one without a class stays in 未分类 (at B's ratio).
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Actor } from '../org/auth/model';
import { makeTenant } from '../org/testing';
import { callAs, fakeSessionApp } from '../server/testing';
import type { CampaignOut } from './schemas';
import { insertEnterprises } from './testing';

forEachDb('inspections strata', (getDb) => {
  let app: FastifyInstance;
  let tenantId: number;
  const sessions = new Map<string, Actor>();

  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    await insertEnterprises(db, tenantId, 120, { seed: 5 });
    // 30 operating enterprises classed D by the credit room
    await db.execute(sql`
      INSERT INTO credit_risk_classes (tenant_id, enterprise_id, class, points, fired_rules, fired_points, as_of)
      SELECT tenant_id, id, 'D', 80, ARRAY['serious-list'], ARRAY[80], DATE '2026-12-01'
      FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续', '在业') ORDER BY id LIMIT 30`);
    sessions.set('office', { tenantId, userId: 1, username: 'office', displayName: '办公室', role: 'office', departmentId: null });
    app = await fakeSessionApp(db, sessions, { clock: () => new Date('2026-12-02T02:00:00Z') });
  });
  afterAll(async () => app?.close());

  it('puts the enterprises classed D in the D stratum at the D ratio, the rest in 未分类', async () => {
    const item = await callAs(app, 'office', 'POST', '/api/inspections/items', { code: 'SJ-S-01', name: '分层抽查', legalBasis: '依据', department: '区市场监管局' });
    expect(item.statusCode, item.body).toBe(200);
    for (const [i, name] of ['张一', '李二'].entries()) {
      const r = await callAs(app, 'office', 'POST', '/api/inspections/inspectors', { name, department: '区市场监管局', certificateNo: `S${i}`, qualifiedItemIds: [item.json().id], conflicts: [] });
      expect(r.statusCode, r.body).toBe(200);
    }
    const created = await callAs(app, 'office', 'POST', '/api/inspections/campaigns', { name: '分层', year: 2026, itemIds: [item.json().id], departments: ['区市场监管局'] });
    expect(created.statusCode, created.body).toBe(200);
    const framed = await callAs(app, 'office', 'POST', `/api/inspections/campaigns/${created.json().id}/frame`);
    expect(framed.statusCode, framed.body).toBe(200);
    const strata = (framed.json() as CampaignOut).frame!.strata;
    const d = strata.find((s) => s.key === 'D');
    const none = strata.find((s) => s.key === '未分类');
    expect(d?.size).toBe(30);
    expect(none?.size).toBeGreaterThan(0);
    expect(d!.ratio).toBeGreaterThan(none!.ratio);
  });
});
