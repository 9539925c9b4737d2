import { expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import { listAudit } from '../audit/service';
import { createDepartment } from '../departments/service';
import { getSession, login } from './service';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './users';
import type { Actor } from './model';

const PW = 'Secret2026pw';

forEachDb('users administration', (getDb) => {
  it('an admin creates a department liaison bound to a department; the binding is required', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    const dept = await createDepartment(db, admin, { name: '区市场监管局' });
    await expect(createUser(db, admin, { username: 'liaison', displayName: '联络员', password: PW, role: 'department' })).rejects.toMatchObject({
      code: 'DEPARTMENT_REQUIRED',
      message: '责任部门联络员必须绑定一个部门',
    });
    await expect(
      createUser(db, admin, { username: 'off', displayName: '办公室', password: PW, role: 'office', departmentId: dept.id }),
    ).rejects.toMatchObject({ code: 'DEPARTMENT_NOT_ALLOWED' });
    const u = await createUser(db, admin, { username: 'liaison', displayName: '联络员', password: PW, role: 'department', departmentId: dept.id });
    expect(u).toMatchObject({ role: 'department', departmentId: dept.id, active: true });
    const page = await listUsers(db, admin, { role: 'department' });
    expect(page.items.map((x) => x.username)).toEqual(['liaison']);
  });

  it("refuses another tenant's department id for a liaison", async () => {
    const { db } = getDb();
    const a = await makeTenant(db);
    const b = await makeTenant(db);
    const deptB = await createDepartment(db, b.admin, { name: '区发改局' });
    await expect(
      createUser(db, a.admin, { username: 'x1', displayName: '某人', password: PW, role: 'department', departmentId: deptB.id }),
    ).rejects.toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' });
  });

  it('only admins manage users', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const office = await createUser(db, admin, { username: 'office1', displayName: '办公室', password: PW, role: 'office' });
    const officeActor: Actor = { tenantId, userId: office.id, username: 'office1', displayName: '办公室', role: 'office', departmentId: null };
    await expect(listUsers(db, officeActor)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403, message: '没有权限执行此操作' });
    await expect(createUser(db, officeActor, { username: 'x2', displayName: '某人', password: PW, role: 'admin' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await listUsers(db, admin)).total).toBe(1);
  });

  it('rejects duplicate usernames, bad usernames and weak passwords with Chinese messages', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    await createUser(db, admin, { username: 'zhang', displayName: '张三', password: PW, role: 'inspector' });
    await expect(createUser(db, admin, { username: 'zhang', displayName: '张三二', password: PW, role: 'inspector' })).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
      status: 409,
      message: '用户名“zhang”已存在',
    });
    await expect(createUser(db, admin, { username: '张三', displayName: '张三', password: PW, role: 'inspector' })).rejects.toMatchObject({
      code: 'INVALID_USERNAME',
    });
    await expect(createUser(db, admin, { username: 'li', displayName: '李四', password: '12345678', role: 'inspector' })).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
    });
    // the same username in another tenant is fine
    const other = await makeTenant(db);
    await createUser(db, other.admin, { username: 'zhang', displayName: '张三', password: PW, role: 'inspector' });
  });

  it('a stale edit is refused with CONFLICT and changes nothing', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    const u = await createUser(db, admin, { username: 'zhao', displayName: '赵', password: PW, role: 'inspector' });
    const v2 = await updateUser(db, admin, u.id, { version: u.version, displayName: '赵六' });
    await expect(updateUser(db, admin, u.id, { version: u.version, displayName: '赵七' })).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    expect((await getUser(db, admin, u.id)).displayName).toBe('赵六');
    expect(v2.version).toBe(u.version + 1);
  });

  it("an admin of another tenant gets not-found for this tenant's user id", async () => {
    const { db } = getDb();
    const a = await makeTenant(db);
    const b = await makeTenant(db);
    const u = await createUser(db, a.admin, { username: 'qian', displayName: '钱', password: PW, role: 'office' });
    await expect(getUser(db, b.admin, u.id)).rejects.toMatchObject({ code: 'USER_NOT_FOUND', status: 404 });
    await expect(updateUser(db, b.admin, u.id, { version: u.version, active: false })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(resetPassword(db, b.admin, u.id, 'Another2026pw')).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    expect((await getUser(db, a.admin, u.id)).active).toBe(true);
  });

  it('a password reset unlocks a locked account and ends its sessions; all of it is audited without secrets', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const u = await createUser(db, admin, { username: 'sun', displayName: '孙', password: PW, role: 'office' });
    const s = await login(db, { tenantId, username: 'sun', password: PW });
    for (let i = 0; i < 5; i++) await login(db, { tenantId, username: 'sun', password: 'Wrong2026pw' }).catch(() => {});
    await expect(login(db, { tenantId, username: 'sun', password: PW })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await resetPassword(db, admin, u.id, 'Reset2026pw');
    await expect(getSession(db, s.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await login(db, { tenantId, username: 'sun', password: 'Reset2026pw' });
    const log = await listAudit(db, admin, { entityType: 'user', entityId: String(u.id), pageSize: 50 });
    expect(log.items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'auth.locked', 'user.reset_password', 'auth.login']));
    expect(JSON.stringify(log.items)).not.toMatch(/argon2|passwordHash|Reset2026pw/);
  });

  it('an admin cannot disable or demote themself', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const me = await createUser(db, admin, { username: 'boss', displayName: '管理员', password: PW, role: 'admin' });
    const meActor: Actor = { tenantId, userId: me.id, username: 'boss', displayName: '管理员', role: 'admin', departmentId: null };
    await expect(updateUser(db, meActor, me.id, { version: me.version, active: false })).rejects.toMatchObject({ code: 'CANNOT_DEMOTE_SELF' });
    await expect(updateUser(db, meActor, me.id, { version: me.version, role: 'office' })).rejects.toMatchObject({ code: 'CANNOT_DEMOTE_SELF' });
  });
});
