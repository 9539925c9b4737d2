import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import { changePassword, getSession, hashPassword, login, logout, verifyPassword } from './service';
import { createUser, resetPassword, updateUser } from './users';
import { LoginThrottle } from '../../core/login-throttle';
import { systemActor } from './model';
import { listAudit } from '../audit/service';
import { findUserById } from './store';
import type { Db } from '../../core/db/index';

const PW = 'Secret2026pw';

async function tenantWithUser(db: Db, role: 'admin' | 'office' | 'inspector' = 'office') {
  const { tenantId, admin } = await makeTenant(db);
  const user = await createUser(db, admin, { username: 'wang', displayName: '王科长', password: PW, role });
  return { tenantId, admin, user };
}

describe('the password rule', () => {
  it('refuses short, single-class, common and keyboard passwords, the account name and the demo password', () => {
    for (const pw of ['password1', 'qwerty123', '1q2w3e4r', 'Zhiliang@2026', 'Password1', 'Qwerty123!', 'Abc12345', 'P@ssw0rd2026', 'short1A']) {
      expect(passwordProblem(pw, 'wang'), pw).not.toBeNull();
    }
    expect(passwordProblem('Zhiliang@2026', 'admin')).toBe('不能使用公开的示范密码，请设置新的密码');
    expect(passwordProblem('Wang#Secret2026', 'wang')).toBe('密码不能包含用户名');
    expect(passwordProblem('alllowercase2026', 'wang')).toBe('密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(passwordProblem('x'.repeat(129) + 'A1', 'wang')).toBe('密码不能超过 128 位');
  });

  it('accepts a long enough, varied password', () => {
    for (const pw of ['Gov#Zhoushan88', 'Secret2026pw', 'Putuo-Harbor-2026', '质量Quality2026']) {
      expect(passwordProblem(pw, 'wang'), pw).toBeNull();
    }
  });
});

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

  it('locks a name for the address that guessed it, for 15 minutes; the owner elsewhere still signs in', async () => {
    const { db } = getDb();
    const { tenantId, user } = await tenantWithUser(db);
    let now = new Date('2026-03-02T01:00:00Z');
    const clock = { now: () => now, throttle: new LoginThrottle() };
    const attempt = (password: string, address: string) => login(db, { tenantId, username: 'wang', password, address }, clock);
    for (let i = 0; i < 4; i++) {
      await expect(attempt('Wrong2026pw', '203.0.113.9')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await expect(attempt('Wrong2026pw', '203.0.113.9')).rejects.toMatchObject({
      code: 'ACCOUNT_LOCKED',
      status: 423,
      message: '账户已锁定，请在 15 分钟后再试',
    });
    // even the right password is refused from that address while locked, with the time left
    now = new Date('2026-03-02T01:06:30Z');
    await expect(attempt(PW, '203.0.113.9')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED', message: '账户已锁定，请在 9 分钟后再试' });
    // the admin's user list shows the lock
    expect((await findUserById(db, tenantId, user.id))!.lockedUntil).toEqual(new Date('2026-03-02T01:15:00Z'));
    // the owner at the office is not locked out by the guesser
    expect((await attempt(PW, '198.51.100.20')).user.id).toBe(user.id);
    now = new Date('2026-03-02T01:15:01Z');
    expect((await attempt(PW, '203.0.113.9')).user.id).toBe(user.id);
    const locks = await listAudit(db, systemActor(tenantId), { action: 'auth.locked' });
    expect(locks.items[0].after).toMatchObject({ username: 'wang', address: '203.0.113.9', scope: 'pair' });
  });

  it('guesses from many addresses hold the name back briefly; then the right password from a fresh address works', async () => {
    const { db } = getDb();
    const { tenantId, user } = await tenantWithUser(db);
    let now = new Date('2026-03-03T01:00:00Z');
    const clock = { now: () => now, throttle: new LoginThrottle() };
    const attempt = (password: string, address: string) => login(db, { tenantId, username: 'wang', password, address }, clock);
    // 10 failures spread over 5 addresses (2 each: no address reaches its own limit)
    for (let i = 0; i < 9; i++) {
      await expect(attempt('Wrong2026pw', `192.0.2.${i % 5}`)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await expect(attempt('Wrong2026pw', '192.0.2.4')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED', message: '账户已锁定，请在 1 分钟后再试' });
    await expect(attempt(PW, '198.51.100.20')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    now = new Date('2026-03-03T01:01:01Z');
    expect((await attempt(PW, '198.51.100.20')).user.id).toBe(user.id);
    // a renewed attack gets a doubled hold, never more than 5 minutes
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 10; i++) await attempt('Wrong2026pw', `192.0.2.${50 + round * 10 + i}`).catch(() => {});
      await expect(attempt(PW, '198.51.100.20')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      now = new Date(now.getTime() + 5 * 60_000 + 1000);
    }
    expect((await attempt(PW, '198.51.100.20')).user.id).toBe(user.id);
  });

  it('refuses an address that fails with many names (429), without trying the password', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    let now = new Date('2026-03-04T01:00:00Z');
    const clock = { now: () => now, throttle: new LoginThrottle() };
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      codes.push(await login(db, { tenantId, username: `guess${i}`, password: 'Wrong2026pw', address: '203.0.113.50' }, clock).then(() => 'OK', (e) => e.code));
    }
    expect(codes.slice(0, 19)).toEqual(Array(19).fill('INVALID_CREDENTIALS'));
    expect(codes[19]).toBe('TOO_MANY_ATTEMPTS');
    await expect(login(db, { tenantId, username: 'wang', password: PW, address: '203.0.113.50' }, clock)).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      status: 429,
      message: '登录失败次数过多，请在 15 分钟后再试',
    });
    await login(db, { tenantId, username: 'wang', password: PW, address: '203.0.113.51' }, clock);
    now = new Date('2026-03-04T01:15:01Z');
    await login(db, { tenantId, username: 'wang', password: PW, address: '203.0.113.50' }, clock);
  });

  it('answers an unknown name exactly like an existing one, up to the lock', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    const clock = { now: () => new Date('2026-03-05T01:00:00Z'), throttle: new LoginThrottle() };
    const outcome = (username: string) =>
      login(db, { tenantId, username, password: 'Wrong2026pw', address: '203.0.113.7' }, clock).then(
        () => 'OK',
        (e) => JSON.stringify({ status: e.status, ...e.toJSON() }),
      );
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await outcome('wang'));
      unknown.push(await outcome('nobody'));
    }
    expect(unknown).toEqual(known);
    expect(known[4]).toContain('ACCOUNT_LOCKED');
  });

  it('lets a dozen people behind one address sign in at once', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const names = Array.from({ length: 12 }, (_, i) => `staff${i}`);
    for (const username of names) await createUser(db, admin, { username, displayName: username, password: PW, role: 'office' });
    const clock = { now: () => new Date('2026-03-06T01:00:00Z'), throttle: new LoginThrottle() };
    // a few typos first, as in any office in the morning
    for (const username of names.slice(0, 4)) await login(db, { tenantId, username, password: 'Typo2026pw', address: '10.1.1.1' }, clock).catch(() => {});
    const signIn = (username: string) => login(db, { tenantId, username, password: PW, address: '10.1.1.1' }, clock);
    // All at once on PostgreSQL. The embedded database still mixes up concurrent connections
    // (issue 7, first critical item, fixed separately): there they come one after another.
    const together = async () => {
      if (getDb().tier === 'postgres') return Promise.all(names.map(signIn));
      const out = [];
      for (const username of names) out.push(await signIn(username));
      return out;
    };
    expect((await together()).map((r) => r.user.username)).toEqual(names);
    // and again (sign-ins are not counted)
    for (let round = 0; round < 3; round++) await together();
  });

  it('an administrator\'s password reset lifts the lock at once', async () => {
    const { db } = getDb();
    const { tenantId, admin, user } = await tenantWithUser(db);
    const clock = { now: () => new Date('2026-03-07T01:00:00Z'), throttle: new LoginThrottle() };
    for (let i = 0; i < 5; i++) await login(db, { tenantId, username: 'wang', password: 'Wrong2026pw', address: '10.2.2.2' }, clock).catch(() => {});
    await expect(login(db, { tenantId, username: 'wang', password: PW, address: '10.2.2.2' }, clock)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await resetPassword(db, admin, user.id, 'Reset#Zhoushan26', { throttle: clock.throttle });
    const r = await login(db, { tenantId, username: 'wang', password: 'Reset#Zhoushan26', address: '10.2.2.2' }, clock);
    expect(r.user).toMatchObject({ mustChangePassword: true, lockedUntil: null });
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

  it('ends a session idle for 30 minutes; using it keeps it alive', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    let now = new Date('2026-05-01T00:00:00Z');
    const opts = { now: () => now, idleMinutes: 30, maxHours: 12 };
    const r = await login(db, { tenantId, username: 'wang', password: PW }, opts);
    expect(r.expiresAt).toEqual(new Date('2026-05-01T00:30:00Z'));
    now = new Date('2026-05-01T00:25:00Z');
    await getSession(db, r.token, opts); // renews for 30 minutes from here
    now = new Date('2026-05-01T00:50:00Z'); // 50 min after sign-in, 25 min after last use
    await getSession(db, r.token, opts);
    now = new Date('2026-05-01T01:20:01Z'); // idle for more than 30 min
    await expect(getSession(db, r.token, opts)).rejects.toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录', status: 401 });
    await expect(getSession(db, r.token, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('ends a session 12 hours after sign-in however often it is used', async () => {
    const { db } = getDb();
    const { tenantId } = await tenantWithUser(db);
    let now = new Date('2026-05-02T00:00:00Z');
    const opts = { now: () => now, idleMinutes: 30, maxHours: 12 };
    const r = await login(db, { tenantId, username: 'wang', password: PW }, opts);
    // used every 20 minutes for 11 h 40 min
    for (let m = 20; m < 12 * 60; m += 20) {
      now = new Date(Date.parse('2026-05-02T00:00:00Z') + m * 60_000);
      const s = await getSession(db, r.token, opts);
      expect(s.expiresAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-05-02T12:00:00Z'));
    }
    now = new Date('2026-05-02T12:00:00Z');
    await expect(getSession(db, r.token, opts)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    // a lifetime shortened by configuration applies to sessions already open
    const again = await login(db, { tenantId, username: 'wang', password: PW }, opts);
    now = new Date('2026-05-02T12:20:00Z');
    await expect(getSession(db, again.token, { ...opts, idleMinutes: 10 })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
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
      message: '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类',
    });
    await expect(changePassword(db, actor, { oldPassword: PW, newPassword: 'onlyletters' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    expect((await login(db, { tenantId, username: 'wang', password: PW })).user.mustChangePassword).toBe(true);
    await changePassword(db, actor, { oldPassword: PW, newPassword: 'NewSecret2027', currentToken: here.token });
    expect((await findUserById(db, tenantId, actor.userId!))!.mustChangePassword).toBe(false);
    await expect(login(db, { tenantId, username: 'wang', password: PW })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await login(db, { tenantId, username: 'wang', password: 'NewSecret2027' });
    await getSession(db, here.token);
    await expect(getSession(db, elsewhere.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
