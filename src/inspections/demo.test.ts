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
  });
});
