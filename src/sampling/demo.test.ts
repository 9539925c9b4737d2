// First start of the demo authority: a small sampling year an inspector can open — failing batches,
// one 复检 confirmed on the reserve sample, 后处理 under way and closed, rates that add up.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { makeTenant } from '../org/testing';
import type { Actor } from '../org/auth/model';
import { insertGeneratedEnterprises } from '../inspections/demo';
import { seedSamplingDemo } from './demo';
import { getRates, getSample, listSamples } from './service';
import * as store from './store';

forEachDb('sampling demo', (getDb) => {
  it('seeds three plans and 20 batches once, with failures, one 复检 and 后处理, dated before today', async () => {
    const { db } = getDb();
    const { tenantId } = await makeTenant(db);
    await insertGeneratedEnterprises(db, tenantId, 60, { seed: 4 });
    const clock = () => new Date('2026-12-02T02:00:00Z');
    await seedSamplingDemo(db, tenantId, clock);
    await seedSamplingDemo(db, tenantId, clock); // a second start changes nothing
    const plans = await store.selectPlans(db, tenantId);
    expect(plans.map((p) => p.productName).sort()).toEqual(['电热水壶', '电线电缆', '童鞋'].sort());
    const inspector: Actor = { tenantId, userId: 9, username: 'i', displayName: '检查员', role: 'inspector', departmentId: null };
    const all = await listSamples(db, inspector, {}, 1, 100);
    expect(all.total).toBe(20);
    expect(all.items.every((i) => i.sample.sampledOn < '2026-12-02')).toBe(true);
    const failed = all.items.filter((i) => i.sample.conclusion === '不合格');
    expect(failed).toHaveLength(3);
    expect(failed.filter((f) => f.retest?.state === '已完成')).toHaveLength(1);
    expect(failed.map((f) => f.disposal?.state ?? null).sort()).toEqual(['复查合格', '整改中', null].sort());
    // the open one can still ask for a 复检 in the demo
    const open = failed.find((f) => !f.disposal)!;
    expect((await getSample(db, inspector, open.sample.id, clock)).can.requestRetest).toBe(true);
    const events = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM credit_events WHERE tenant_id = ${tenantId} AND kind = 'sampling_failed'`);
    expect(events.rows[0]!.n).toBe(2);
    const { rows } = await getRates(db, inspector, { yearFrom: 2026, yearTo: 2026, categoryLevel: 'group', regionChars: 6 });
    expect(rows.find((r) => r.category === null && r.region === null)).toMatchObject({ sampled: 20, tested: 17, failed: 3, passed: 14 });
  });
});
