import { expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import { changePassword, getSession, hashPassword, login, logout, verifyPassword } from './service';
import { createUser, updateUser } from './users';
import { findUserById } from './store';
import type { Db } from '../../core/db/index';

const PW = 'Secret2026pw';

async function tenantWithUser(db: Db, role: 'admin' | 'office' | 'inspector' = 'office') {
  const { tenantId, admin } = await makeTenant(db);
  const user = await createUser(db, admin, { username: 'wang', displayName: '王科长', password: PW, role });
  return { tenantId, admin, user };
}

it('hashes passwords with argon2id and verifies them', async () => {
  const h = await hashPassword('质量Quality2026');
  expect(h.startsWith('$argon2id$')).toBe(true);
  expect(await verifyPassword(h, '质量Quality2026')).toBe(true);
  expect(await verifyPassword(h, '质量Quality2027')).toBe(false);
  expect(await verifyPassword('not a hash', 'x')).toBe(false);
});

forEachDb('auth: login, sessions, lockout, password change', (getDb) => {
  it('signs in with the right password and the session token gives back the user', async () => {
    const { db } = getDb();
    const { tenantId, user } = await tenantWithUser(db);
    const r = await login(db, { tenantId, username: 'wang', password: PW });
    expect(r.user).toMatchObject({ id: user.id, username: 'wang', role: 'office' });
    expect(r.user).not.toHaveProperty('passwordHash');
    const s = await getSession(db, r.token);
    expect(s.actor).toMatchObject({ tenantId, userId: user.id, role: 'office', departmentId: null });
  });

  it('answers the same Chinese error for a wrong password and an unknown user', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    await expect(login(db, { tenantId, username: 'wang', password: 'Wrong2026pw' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
      status: 401,
    });
    await expect(login(db, { tenantId, username: 'nobody', password: PW })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
    });
  });

  it('locks the account for 15 minutes after 5 failed logins, then lets the user in again', async () => {
    const { db } = getDb();
    const { tenantId, user } = await tenantWithUser(db);
    let now = new Date('2026-03-02T01:00:00Z');
    const clock = { now: () => now };
    for (let i = 0; i < 4; i++) {
      await expect(login(db, { tenantId, username: 'wang', password: 'Wrong2026pw' }, clock)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await expect(login(db, { tenantId, username: 'wang', password: 'Wrong2026pw' }, clock)).rejects.toMatchObject({
      code: 'ACCOUNT_LOCKED',
      message: '账户已锁定，请在 15 分钟后再试',
    });
    // even the right password is refused while locked, with the time left
    now = new Date('2026-03-02T01:06:30Z');
    await expect(login(db, { tenantId, username: 'wang', password: PW }, clock)).rejects.toMatchObject({
      code: 'ACCOUNT_LOCKED',
      message: '账户已锁定，请在 9 分钟后再试',
    });
    now = new Date('2026-03-02T01:15:01Z');
    const r = await login(db, { tenantId, username: 'wang', password: PW }, clock);
    expect(r.user.id).toBe(user.id);
    expect((await findUserById(db, tenantId, user.id))!.failedLogins).toBe(0);
  });

  it('a successful login clears earlier failures, so only 5 failures in a row lock', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    for (let i = 0; i < 4; i++) await login(db, { tenantId, username: 'wang', password: 'Wrong2026pw' }).catch(() => {});
    await login(db, { tenantId, username: 'wang', password: PW });
    for (let i = 0; i < 4; i++) {
      await expect(login(db, { tenantId, username: 'wang', password: 'Wrong2026pw' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });

  it('refuses a disabled account with the right password, and ends its sessions', async () => {
    const { db } = getDb();
    const { tenantId, admin, user } = await tenantWithUser(db);
    const r = await login(db, { tenantId, username: 'wang', password: PW });
    await updateUser(db, admin, user.id, { version: user.version, active: false });
    await expect(getSession(db, r.token)).rejects.toMatchObject({ status: 401 });
    await expect(login(db, { tenantId, username: 'wang', password: PW })).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    await expect(login(db, { tenantId, username: 'wang', password: 'Wrong2026pw' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('expires an idle session; using it keeps it alive', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    let now = new Date('2026-05-01T00:00:00Z');
    const opts = { now: () => now, sessionTtlHours: 2 };
    const r = await login(db, { tenantId, username: 'wang', password: PW }, opts);
    now = new Date('2026-05-01T01:30:00Z');
    await getSession(db, r.token, opts); // renews for 2 hours from here
    now = new Date('2026-05-01T03:00:00Z'); // 3 h after login, 1.5 h after last use
    await getSession(db, r.token, opts);
    now = new Date('2026-05-01T05:00:01Z'); // idle for more than 2 h
    await expect(getSession(db, r.token, opts)).rejects.toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录', status: 401 });
    await expect(getSession(db, r.token, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('logout ends the session; garbage and forged tokens are unauthorized', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    const r = await login(db, { tenantId, username: 'wang', password: PW });
    const other = await makeTenant(db);
    const forged = r.token.replace(/^\d+\./, `${other.tenantId}.`);
    await expect(getSession(db, forged)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(getSession(db, 'abc')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(getSession(db, undefined)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await logout(db, r.token);
    await expect(getSession(db, r.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("a user of one tenant cannot sign in to another tenant, and without a tenant several tenants ask which", async () => {
    const { db } = getDb();
    await tenantWithUser(db);
    const other = await makeTenant(db);
    await expect(login(db, { tenantId: other.tenantId, username: 'wang', password: PW })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(login(db, { username: 'wang', password: PW })).rejects.toMatchObject({ code: 'TENANT_REQUIRED', message: '请选择所属单位' });
  });

  it('changes the password: old one checked, strength enforced, other sessions ended, this one kept', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    const here = await login(db, { tenantId, username: 'wang', password: PW });
    const elsewhere = await login(db, { tenantId, username: 'wang', password: PW });
    const actor = (await getSession(db, here.token)).actor;
    await expect(changePassword(db, actor, { oldPassword: 'Wrong2026pw', newPassword: 'NewSecret2027' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: '原密码不正确',
    });
    await expect(changePassword(db, actor, { oldPassword: PW, newPassword: 'short1' })).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      message: '密码至少 8 位，且须同时包含字母和数字',
    });
    await expect(changePassword(db, actor, { oldPassword: PW, newPassword: 'onlyletters' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    await changePassword(db, actor, { oldPassword: PW, newPassword: 'NewSecret2027', currentToken: here.token });
    await expect(login(db, { tenantId, username: 'wang', password: PW })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await login(db, { tenantId, username: 'wang', password: 'NewSecret2027' });
    await getSession(db, here.token);
    await expect(getSession(db, elsewhere.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
