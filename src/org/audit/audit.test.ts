import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import { pgErrorMessage } from '../../core/db/index';
import { createDepartment, updateDepartment } from '../departments/service';
import { createUser } from '../auth/users';
import { departments } from '../departments/tables';
import { auditLog } from './tables';
import { listAudit, writeAudit } from './service';
import type { Actor } from '../auth/model';

forEachDb('audit log', (getDb) => {
  it('records who changed what, with before and after', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    const d = await createDepartment(db, admin, { name: '区住建局' });
    await updateDepartment(db, admin, d.id, { version: d.version, aliases: ['区建住局'] });
    const page = await listAudit(db, admin, { entityType: 'department', entityId: String(d.id) });
    expect(page.total).toBe(2);
    const [upd, crt] = page.items;
    expect(crt).toMatchObject({ action: 'department.create', actorName: '测试管理员', before: null });
    expect(upd).toMatchObject({ action: 'department.update', before: { aliases: [] }, after: { aliases: ['区建住局'] } });
    expect(upd.at).toBeInstanceOf(Date);
  });

  it('is written in the same transaction: a change that fails leaves no audit record', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const before = (await listAudit(db, admin, {})).total;
    await expect(
      db.transaction(async (tx) => {
        const [row] = await tx.insert(departments).values({ tenantId, name: '区临时局' }).returning();
        await writeAudit(tx, { actor: admin, action: 'department.create', entityType: 'department', entityId: row.id, after: row });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await listAudit(db, admin, {})).total).toBe(before);
    // a real failing change through a service: duplicate name, nothing written
    await createDepartment(db, admin, { name: '区教育局' });
    const mid = (await listAudit(db, admin, {})).total;
    await expect(createDepartment(db, admin, { name: '区教育局' })).rejects.toMatchObject({ code: 'DEPARTMENT_EXISTS' });
    expect((await listAudit(db, admin, {})).total).toBe(mid);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    await createDepartment(db, admin, { name: '区民政局' });
    const refusal = async (p: Promise<unknown>) => pgErrorMessage(await p.then(() => null, (e: unknown) => e));
    expect(await refusal(db.update(auditLog).set({ action: 'forged' }).where(sql`${auditLog.tenantId} = ${tenantId}`))).toMatch(/审计日志只能追加/);
    expect(await refusal(db.delete(auditLog).where(sql`${auditLog.tenantId} = ${tenantId}`))).toMatch(/审计日志只能追加/);
    expect(await refusal(db.execute(sql`truncate audit_log`))).toMatch(/审计日志只能追加/);
    const page = await listAudit(db, admin, {});
    expect(page.items.map((e) => e.action)).toEqual(['department.create']);
  });

  it('filters by actor, action, entity type and time, pages, and shows only the own tenant', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const other = await makeTenant(db);
    await createDepartment(db, other.admin, { name: '区财政局' });
    const u = await createUser(db, admin, { username: 'ops', displayName: '运维管理员', password: 'Secret2026pw', role: 'admin' });
    const ops: Actor = { tenantId, userId: u.id, username: 'ops', displayName: '运维管理员', role: 'admin', departmentId: null };
    for (const name of ['区卫健局', '区商务局', '区司法局']) await createDepartment(db, ops, { name });
    const all = await listAudit(db, admin, {});
    expect(all.total).toBe(4);
    expect(all.items.every((e) => e.tenantId === tenantId)).toBe(true);
    expect((await listAudit(db, admin, { actor: '运维' })).total).toBe(3);
    expect((await listAudit(db, admin, { actorUserId: u.id })).total).toBe(3);
    expect((await listAudit(db, admin, { action: 'user.create' })).total).toBe(1);
    expect((await listAudit(db, admin, { action: 'department' })).total).toBe(3);
    expect((await listAudit(db, admin, { entityType: 'user' })).total).toBe(1);
    const p2 = await listAudit(db, admin, { pageSize: 3, page: 2 });
    expect(p2.items).toHaveLength(1);
    expect(p2.items[0].action).toBe('user.create'); // newest first: the oldest is last
    expect((await listAudit(db, admin, { from: new Date(Date.now() + 60_000) })).total).toBe(0);
    expect((await listAudit(db, admin, { to: new Date(Date.now() + 60_000) })).total).toBe(4);
    await expect(listAudit(db, admin, { pageSize: 1000 })).rejects.toMatchObject({ code: 'INVALID_PAGE' });
  });

  it('only admins read it', async () => {
    const { db } = getDb();
    const { tenantId } = await makeTenant(db);
    const office: Actor = { tenantId, userId: 1, username: 'o', displayName: 'o', role: 'office', departmentId: null };
    await expect(listAudit(db, office, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
