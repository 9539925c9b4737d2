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
import { drawFileOf, getCampaign, listCampaigns, listDeclarations, listPublicDraws, standardsConformity } from './service';
import { verifyDrawFile, type DrawFile } from './draw';

forEachDb('inspections demo', (getDb) => {
  it('seeds the register, two items and three inspectors once, the demo inspector linked to its account', async () => {
    const { db } = getDb();
    const { tenantId } = await seedDemo(db);
    await seedInspectionsDemo(db, tenantId);
    await seedInspectionsDemo(db, tenantId); // a second start changes nothing
    const [{ n }] = await db.select({ n: count() }).from(enterprises).where(eq(enterprises.tenantId, tenantId));
    expect(Number(n)).toBe(3000);
    expect((await selectItems(db, tenantId)).map((i) => i.code)).toEqual(['SJ-01', 'SJ-02', 'SJ-03']);
    const people = await selectInspectors(db, tenantId);
    expect(people.map((p) => p.name)).toEqual(['李队长', '陈明', '刘洋']);
    const account = await findUserByUsername(db, tenantId, 'inspector');
    expect(people[0]!.userId).toBe(account!.id);
    // an inspector's year: one completed campaign, its draw public, every result published, some finding problems
    const inspector = { tenantId, userId: account!.id, username: 'inspector', displayName: '李队长', role: 'inspector' as const, departmentId: null };
    const all = await listCampaigns(db, inspector);
    expect(all.map((c) => c.state)).toEqual(['已完成', '已完成']);
    const campaigns = all.filter((c) => c.name.includes('生产许可证'));
    const page = await getCampaign(db, inspector, campaigns[0]!.id, new Date(), { page: 1, pageSize: 200, filter: 'all' });
    expect(page.counts.all).toBeGreaterThan(3);
    expect(page.counts.已公示).toBe(page.counts.all);
    expect(page.objects.map((o) => o.current!.resultCode)).toContain('通过登记的住所(经营场所)无法联系');
    const draws = await listPublicDraws(db, tenantId);
    expect(draws.find((d) => d.id === campaigns[0]!.id)).toMatchObject({ seed: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyDrawFile((await drawFileOf(db, tenantId, campaigns[0]!.id)) as DrawFile)).toMatchObject({ ok: true });
    // 企业标准自我声明: declarations of industrial enterprises, and a completed spot check drawn from them with its 符合率
    const declarations = await listDeclarations(db, inspector, { page: 1, pageSize: 100 });
    expect(declarations.total).toBe(40);
    const std = all.find((c) => c.name.includes('企业标准'))!;
    const stdPage = await getCampaign(db, inspector, std.id, new Date(), { page: 1, pageSize: 200, filter: 'all' });
    expect(stdPage.counts.all).toBeGreaterThan(2);
    expect(stdPage.counts.已公示).toBe(stdPage.counts.all);
    const conf = await standardsConformity(db, inspector, new Date(Date.now() - 60 * 86_400_000).getFullYear());
    expect(conf.total.checked).toBe(stdPage.counts.all);
    expect(conf.total.conforming).toBe(stdPage.counts.all - 1);
    expect(await verifyDrawFile((await drawFileOf(db, tenantId, std.id)) as DrawFile)).toMatchObject({ ok: true });
  });
});
