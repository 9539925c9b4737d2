// Administration over HTTP: roles, tenants, departments, users, regions, the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../org/auth/model';
import { createUser } from '../org/auth/users';
import { forEachDb } from '../core/db/testing';
import { DEMO_PASSWORD } from '../org/seed';
import { createTenant, listTenants } from '../org/tenancy/service';
import { createDepartment } from '../org/departments/service';
import { seededApp, signIn, type TestApp } from './testing';

interface Dept {
  id: string;
  name: string;
  active: boolean;
  version: number;
}

forEachDb('HTTP administration', (getDb) => {
  let t: TestApp;
  let tenant1: number;
  let tenant2: number;
  let admin: string; // cookie of 示范区's admin
  let dept: string; // cookie of 示范区's department liaison
  let admin2: string; // cookie of the other authority's admin
  let otherDeptId: number; // a department of the other authority

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const departments = async (cookie: string): Promise<Dept[]> => (await get('/api/departments?includeInactive=true', cookie)).json().items;
  const auditTotal = async () => (await get('/api/admin/audit?pageSize=1', admin)).json().total as number;

  beforeAll(async () => {
    t = await seededApp(getDb().db);
    tenant1 = (await listTenants(t.db))[0].id;
    // A second authority in the same database, with its own admin and a department.
    const other = await createTenant(t.db, { name: '另一区', regionCode: '330902' });
    tenant2 = other.id;
    const sys2 = systemActor(tenant2);
    otherDeptId = (await createDepartment(t.db, sys2, { name: '另一区市场监管局' })).id;
    await createUser(t.db, sys2, { username: 'admin2', displayName: '另一区管理员', role: 'admin', password: 'OtherAdmin123', mustChangePassword: false });
    // With two authorities, sign-in names the authority.
    admin = await signIn(t.app, 'admin', DEMO_PASSWORD, tenant1);
    dept = await signIn(t.app, 'dept', DEMO_PASSWORD, tenant1);
    admin2 = await signIn(t.app, 'admin2', 'OtherAdmin123', tenant2);
  });
  afterAll(async () => {
    await t?.app.close();
  });

  describe('roles', () => {
    it('lets every signed-in role read the department directory, and nobody signed out', async () => {
      const res = await get('/api/departments', dept);
      expect(res.statusCode).toBe(200);
      const names = res.json().items.map((d: Dept) => d.name);
      expect(names).toContain('区市场监管局');
      expect(names).toContain('区经信局');
      expect(names).not.toContain('另一区市场监管局');
      expect(res.json().items[0].id).toMatch(/^\d+$/);

      const anon = await t.app.inject({ method: 'GET', url: '/api/departments' });
      expect(anon.statusCode).toBe(401);
      expect(anon.json().code).toBe('UNAUTHENTICATED');
    });

    it('refuses a department liaison on admin routes with 403 FORBIDDEN and changes nothing', async () => {
      const before = await departments(admin);
      const auditBefore = await auditTotal();
      const target = before.find((d) => d.name === '区经信局')!;

      const attempts = [
        await send('POST', '/api/admin/departments', dept, { name: '越权新建的部门' }),
        await send('PATCH', `/api/admin/departments/${target.id}`, dept, { version: target.version, name: '越权改名' }),
        await send('DELETE', `/api/admin/departments/${target.id}`, dept),
        await send('POST', '/api/admin/users', dept, { username: 'sneaky', displayName: '越权', role: 'admin', password: 'Sneaky12345' }),
        await get('/api/admin/users', dept),
        await get('/api/admin/audit', dept),
        await send('POST', '/api/admin/regions', dept, { code: '330921' }),
      ];
      for (const res of attempts) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '没有权限执行此操作' });
      }
      expect(await departments(admin)).toEqual(before);
      expect(await auditTotal()).toBe(auditBefore);
      const users = (await get('/api/admin/users?q=sneaky', admin)).json();
      expect(users.total).toBe(0);
    });
  });

  describe('another authority\'s records', () => {
    it('answers 404 NOT_FOUND for another tenant\'s department id, exactly like a missing one, and changes nothing', async () => {
      const mine = (await departments(admin)).find((d) => d.name === '区发改局')!;
      const auditBefore = await auditTotal();

      const patch = await send('PATCH', `/api/admin/departments/${mine.id}`, admin2, { version: mine.version, name: '被另一区改掉' });
      expect(patch.statusCode).toBe(404);
      expect(patch.json().code).toBe('NOT_FOUND');
      const missing = await send('PATCH', '/api/admin/departments/999999999', admin2, { version: 1, name: '不存在' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(patch.json());

      const del = await send('DELETE', `/api/admin/departments/${mine.id}`, admin2);
      expect(del.statusCode).toBe(404);
      expect(del.json().code).toBe('NOT_FOUND');

      const after = (await departments(admin)).find((d) => d.id === mine.id)!;
      expect(after).toEqual(mine);
      expect(await auditTotal()).toBe(auditBefore);
    });

    it('answers 404 for another tenant\'s user id and keeps that user as it was', async () => {
      const users = (await get('/api/admin/users?q=dept', admin)).json().items as { id: string; displayName: string; version: number }[];
      const liaison = users.find((u) => u.displayName.includes('联络员'))!;
      const res = await send('PATCH', `/api/admin/users/${liaison.id}`, admin2, { version: liaison.version, active: false, password: 'Hijacked123' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      // the liaison still signs in with the old password
      await signIn(t.app, 'dept', DEMO_PASSWORD, tenant1);
    });

    it('does not let a department of another tenant be bound to a user', async () => {
      const res = await send('POST', '/api/admin/users', admin, {
        username: 'crossbind',
        displayName: '跨单位',
        role: 'department',
        departmentId: String(otherDeptId),
        password: 'CrossBind123',
      });
      expect(res.statusCode).toBe(400);
      expect((await get('/api/admin/users?q=crossbind', admin)).json().total).toBe(0);
    });
  });

  describe('departments', () => {
    it('creates, renames with version check, and deactivates a department; each change is in the audit log', async () => {
      const created = await send('POST', '/api/admin/departments', admin, {
        name: '区数据局',
        shortName: '数据局',
        aliases: ['区大数据发展管理局'],
      });
      expect(created.statusCode, created.body).toBe(200);
      const d = created.json().department as Dept & { aliases: string[] };
      expect(d).toMatchObject({ name: '区数据局', aliases: ['区大数据发展管理局'], active: true, version: 1 });

      const dup = await send('POST', '/api/admin/departments', admin, { name: '区数据局' });
      expect(dup.statusCode).toBe(409);

      const renamed = await send('PATCH', `/api/admin/departments/${d.id}`, admin, { version: 1, name: '区数据资源局' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().department).toMatchObject({ name: '区数据资源局', version: 2 });

      const stale = await send('PATCH', `/api/admin/departments/${d.id}`, admin, { version: 1, name: '过期的修改' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toEqual({ code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' });

      const removed = await send('DELETE', `/api/admin/departments/${d.id}?version=2`, admin);
      expect(removed.statusCode).toBe(200);
      expect(removed.json().department.active).toBe(false);
      const visible = (await get('/api/departments', dept)).json().items.map((x: Dept) => x.id);
      expect(visible).not.toContain(d.id);

      const audit = (await get(`/api/admin/audit?entityType=department&pageSize=50`, admin)).json();
      const mine = audit.items.filter((a: { entityId: string }) => a.entityId === d.id);
      expect(mine.map((a: { action: string }) => a.action).sort()).toEqual(['department.create', 'department.deactivate', 'department.update']);
      const update = mine.find((a: { action: string }) => a.action === 'department.update');
      expect(update.before.name).toBe('区数据局');
      expect(update.after.name).toBe('区数据资源局');
      expect(update.actorName).toBe('系统管理员');
      expect(update.requestId).toBe(renamed.headers['x-request-id']);
    });

    it('validates ids in the path', async () => {
      const res = await send('PATCH', '/api/admin/departments/abc', admin, { version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'VALIDATION_FAILED', message: '「编号」应为正整数编号' });
    });
  });

  describe('users', () => {
    it('creates a liaison bound to a department, resets the password (which unlocks), and audits both', async () => {
      const market = (await departments(admin)).find((d) => d.name === '区市场监管局')!;
      const created = await send('POST', '/api/admin/users', admin, {
        username: 'liaison2',
        displayName: '赵联络',
        role: 'department',
        departmentId: market.id,
        password: 'Start#Harbor26',
      });
      expect(created.statusCode, created.body).toBe(200);
      const u = created.json().user;
      expect(u).toMatchObject({ username: 'liaison2', role: 'department', departmentId: market.id, departmentName: '区市场监管局', active: true });

      // lock the account, then reset its password
      for (let i = 0; i < 5; i++) {
        await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'liaison2', password: 'bad-guess-1', tenantId: String(tenant1) } });
      }
      const listed = (await get('/api/admin/users?q=liaison2', admin)).json().items[0];
      expect(listed.lockedUntil).not.toBeNull();

      const reset = await send('PATCH', `/api/admin/users/${u.id}`, admin, { version: listed.version, password: 'Reset#Harbor26' });
      expect(reset.statusCode, reset.body).toBe(200);
      expect(reset.json().user.lockedUntil).toBeNull();
      // the administrator knows this password: the liaison must choose a new one before anything else
      expect(reset.json().user.mustChangePassword).toBe(true);
      const cookie = await signIn(t.app, 'liaison2', 'Reset#Harbor26', tenant1);
      const blocked = await get('/api/departments', cookie);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');

      const stale = await send('PATCH', `/api/admin/users/${u.id}`, admin, { version: listed.version, displayName: '旧版本' });
      expect(stale.statusCode).toBe(409);

      const actions = (await get('/api/admin/audit?entityType=user&pageSize=50', admin)).json().items
        .filter((a: { entityId: string }) => a.entityId === u.id)
        .map((a: { action: string }) => a.action);
      expect(actions).toContain('user.create');
      expect(actions).toContain('user.reset_password');
    });

    it('names the invalid field when creating a user', async () => {
      const res = await send('POST', '/api/admin/users', admin, { username: 'x y', displayName: '某人', role: 'office', password: 'Good#Person26' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().message).toContain('「用户名」');
      const role = await send('POST', '/api/admin/users', admin, { username: 'someone', displayName: '某人', role: 'boss', password: 'Good#Person26' });
      expect(role.json().message).toBe('「角色」取值无效，可选值：admin、office、department、inspector');
    });
  });

  describe('regions', () => {
    it('lists, adds and removes the authority\'s regions, and searches the reference table', async () => {
      const list = (await get('/api/admin/regions', admin)).json().items.map((r: { code: string }) => r.code);
      expect(list).toContain('330903');

      const added = await send('POST', '/api/admin/regions', admin, { code: '330921' });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json().region.name).toBe('岱山县');
      expect((await send('POST', '/api/admin/regions', admin, { code: '330921' })).statusCode).toBe(409);
      expect((await get('/api/admin/regions', admin)).json().items.map((r: { code: string }) => r.code)).toContain('330921');

      const removed = await send('DELETE', '/api/admin/regions/330921', admin);
      expect(removed.statusCode).toBe(200);
      expect((await get('/api/admin/regions', admin)).json().items.map((r: { code: string }) => r.code)).not.toContain('330921');

      const bad = await send('POST', '/api/admin/regions', admin, { code: '33x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('「行政区划代码」');

      const search = await get(`/api/regions/search?q=${encodeURIComponent('普陀')}`, dept);
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((r: { code: string }) => r.code)).toContain('330903');
    });
  });

  describe('audit log', () => {
    it('filters by action and pages with a total', async () => {
      const all = (await get('/api/admin/audit?action=department.create&pageSize=200', admin)).json();
      expect(all.total).toBeGreaterThan(3);
      expect(all.items.every((a: { action: string }) => a.action === 'department.create')).toBe(true);
      const page2 = (await get('/api/admin/audit?action=department.create&pageSize=2&page=2', admin)).json();
      expect(page2.total).toBe(all.total);
      expect(page2.items).toHaveLength(2);
      expect(page2.items[0].id).toBe(all.items[2].id);

      const future = (await get('/api/admin/audit?from=2999-01-01', admin)).json();
      expect(future).toEqual({ items: [], total: 0 });
    });

    it('never shows another authority\'s entries', async () => {
      const mine = (await get('/api/admin/audit?pageSize=200&entityType=department', admin2)).json();
      expect(mine.items.every((a: { after: { tenantId?: number } | null }) => a.after?.tenantId === undefined || a.after.tenantId === tenant2)).toBe(true);
      expect(mine.items.some((a: { after: { name?: string } | null }) => a.after?.name === '区市场监管局')).toBe(false);
    });
  });
});
