import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed';
import { getSession, login } from './auth/service';
import { listDepartments, matchDepartment } from './departments/service';
import { listAudit } from './audit/service';

async function counts(db: Parameters<typeof seedDemo>[0]) {
  const { rows } = await db.execute(sql`
    select (select count(*)::int from tenants) as tenants, (select count(*)::int from departments) as departments,
           (select count(*)::int from users) as users, (select count(*)::int from audit_log) as audit,
           (select count(*)::int from tenant_regions) as regions,
           (select string_agg(password_hash, ',' order by id) from users) as hashes`);
  return rows[0];
}

forEachDb('first-start demo seed', (getDb) => {
  it('creates 示范区 with its departments and one account per role, and a second start changes nothing', async () => {
    const { db } = getDb();
    const first = await seedDemo(db);
    expect(first.created).toBe(true);
    const after1 = await counts(db);
    expect(after1).toMatchObject({ tenants: 1, users: 4, regions: 1 });
    expect(after1.departments).toBeGreaterThanOrEqual(20);

    const second = await seedDemo(db);
    expect(second.created).toBe(false);
    expect(second.tenantId).toBe(first.tenantId);
    expect(await counts(db)).toEqual(after1);
  });

  it('every demo account signs in with the demo password and must then choose a new one; the liaison is bound to 区市场监管局', async () => {
    const { db } = getDb();
    await seedDemo(db);
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(['admin', 'department', 'inspector', 'office']);
    for (const a of DEMO_ACCOUNTS) {
      const r = await login(db, { username: a.username, password: DEMO_PASSWORD }); // single tenant: no tenant needed
      expect(r.user.role).toBe(a.role);
      // the demo password is public (README, start banner)
      expect(r.user.mustChangePassword).toBe(true);
    }
    const dept = await login(db, { username: 'dept', password: DEMO_PASSWORD });
    const { actor } = await getSession(db, dept.token);
    const names = await listDepartments(db, actor);
    expect(names.find((d) => d.id === actor.departmentId)?.name).toBe('区市场监管局');
  });

  it("the seeded directory resolves the departments the seed plans name", async () => {
    const { db } = getDb();
    const { tenantId } = await seedDemo(db);
    for (const written of ['区市场监管分局', '区经信委', '区发改委', '区农业农村局', '区住建局', '区建管委', '质监分局', '区卫健委', '区资规分局']) {
      expect((await matchDepartment(db, tenantId, written)).match, written).not.toBeNull();
    }
    expect((await matchDepartment(db, tenantId, '县市场监管局')).suggestions[0]?.department.name).toBe('区市场监管局');
    const admin = await login(db, { username: 'admin', password: DEMO_PASSWORD });
    const { actor } = await getSession(db, admin.token);
    const log = await listAudit(db, actor, { action: 'department.create', pageSize: 1 });
    expect(log.items[0].actorName).toBe('系统');
  });
});
