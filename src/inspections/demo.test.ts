// First start of the demo authority: a register to draw from, a small item list and inspectors, the
// demo `inspector` account among them (so a newcomer signed in as inspector can enter results).
import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { seedDemo } from '../org/seed';
import { findUserByUsername } from '../org/auth/store';
import { enterprises } from '../enterprises/tables';
import { seedInspectionsDemo } from './demo';
import { selectInspectors, selectItems } from './store';
import { drawFileOf, getCampaign, listCampaigns, listPublicDraws } from './service';
import { verifyDrawFile, type DrawFile } from './draw';

forEachDb('inspections demo', (getDb) => {
  it('seeds the register, two items and three inspectors once, the demo inspector linked to its account', async () => {
    const { db } = getDb();
    const { tenantId } = await seedDemo(db);
    await seedInspectionsDemo(db, tenantId);
    await seedInspectionsDemo(db, tenantId); // a second start changes nothing
    const [{ n }] = await db.select({ n: count() }).from(enterprises).where(eq(enterprises.tenantId, tenantId));
    expect(Number(n)).toBe(3000);
    expect((await selectItems(db, tenantId)).map((i) => i.code)).toEqual(['SJ-01', 'SJ-02']);
    const people = await selectInspectors(db, tenantId);
    expect(people.map((p) => p.name)).toEqual(['李队长', '陈明', '刘洋']);
    const account = await findUserByUsername(db, tenantId, 'inspector');
    expect(people[0]!.userId).toBe(account!.id);
    // an inspector's year: one completed campaign, its draw public, every result published, some finding problems
    const inspector = { tenantId, userId: account!.id, username: 'inspector', displayName: '李队长', role: 'inspector' as const, departmentId: null };
    const campaigns = await listCampaigns(db, inspector);
    expect(campaigns.map((c) => c.state)).toEqual(['已完成']);
    const page = await getCampaign(db, inspector, campaigns[0]!.id, new Date(), { page: 1, pageSize: 200, filter: 'all' });
    expect(page.counts.all).toBeGreaterThan(3);
    expect(page.counts.已公示).toBe(page.counts.all);
    expect(page.objects.map((o) => o.current!.resultCode)).toContain('通过登记的住所(经营场所)无法联系');
    const draws = await listPublicDraws(db, tenantId);
    expect(draws[0]).toMatchObject({ id: campaigns[0]!.id, seed: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyDrawFile((await drawFileOf(db, tenantId, campaigns[0]!.id)) as DrawFile)).toMatchObject({ ok: true });
  });
});
