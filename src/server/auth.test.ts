// Signing in and out over HTTP: cookie, lockout, expiry, password change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../org/auth/model';
import { createUser } from '../org/auth/users';
import { forEachDb } from '../core/db/testing';
import { DEMO_PASSWORD } from '../org/seed';
import { listTenants } from '../org/tenancy/service';
import { seededApp, sessionCookieOf, signIn, type TestApp } from './testing';

forEachDb('HTTP auth', (getDb) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await seededApp(getDb().db);
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('signs in with an httpOnly SameSite=Lax cookie and answers /api/auth/me', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^zl_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(res.json().user).toMatchObject({ username: 'admin', role: 'admin', tenantName: '示范区', departmentId: null });

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `zl_session=${sessionCookieOf(res)}` } });
    expect(me.statusCode).toBe(200);
    const user = me.json().user;
    expect(user).toMatchObject({ username: 'admin', role: 'admin', tenantName: '示范区' });
    expect(typeof user.id).toBe('string');
    expect(typeof user.tenantId).toBe('string');

    const dept = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dept', password: DEMO_PASSWORD } });
    expect(dept.json().user).toMatchObject({ role: 'department', departmentName: '区市场监管局' });
    expect(dept.json().user.departmentId).toMatch(/^\d+$/);
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and sets no cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'wrong-password-1' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(sessionCookieOf(res)).toBeUndefined();

    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password-1' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('names a missing field in Chinese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'VALIDATION_FAILED', message: '缺少必填项「密码」' });
  });

  it('locks the account after 5 failures, even against the right password, until 15 minutes pass', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: `wrong-${i}-pass` } });
      codes.push(res.json().code);
      if (i === 4) {
        expect(res.statusCode).toBe(423);
        expect(res.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', message: '账户已锁定，请在 15 分钟后再试' });
      }
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));

    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: DEMO_PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(sessionCookieOf(right)).toBeUndefined();

    t.advance(16 * 60_000);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: DEMO_PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('answers 401 UNAUTHENTICATED without a session and for an expired one', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });

    const forged = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'zl_session=1.not-a-real-token' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('UNAUTHENTICATED');

    const cookie = await signIn(t.app, 'office', DEMO_PASSWORD);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    t.advance((t.config.sessionTtlHours + 1) * 3600_000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' });
    expect(expired.headers['x-request-id']).toBeTruthy();
  });

  it('signs out: the old cookie no longer works', async () => {
    const cookie = await signIn(t.app, 'office', DEMO_PASSWORD);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/zl_session=;/);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('changes the own password: wrong old password refused, then only the new one signs in', async () => {
    const [tenant] = await listTenants(t.db);
    await createUser(t.db, systemActor(tenant.id), { username: 'pwuser', displayName: '改密码的人', role: 'office', password: 'FirstPass123' });
    const cookie = await signIn(t.app, 'pwuser', 'FirstPass123');

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { oldPassword: 'NotMine123', newPassword: 'SecondPass456' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('WRONG_PASSWORD');

    const short = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { oldPassword: 'FirstPass123', newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toEqual({ code: 'VALIDATION_FAILED', message: '「新密码」至少 8 个字符' });

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { oldPassword: 'FirstPass123', newPassword: 'SecondPass456' },
    });
    expect(ok.statusCode).toBe(200);
    // this session stays signed in
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);

    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pwuser', password: 'FirstPass123' } });
    expect(old.statusCode).toBe(401);
    await signIn(t.app, 'pwuser', 'SecondPass456');
  });
});
