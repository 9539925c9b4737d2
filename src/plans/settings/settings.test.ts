// /api/plan-settings over HTTP: who may read and change the plan loop's settings (the admin and the
// office change them, departments only read them, inspectors and visitors get nothing), with the
// version check, the limits in Chinese, and the unit names cleaned.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../org/auth/model';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../../org/testing';
import { callAs, fakeSessionApp } from '../../server/testing';
import type { PlanSettingsResponse } from './schemas';

forEachDb('plan settings routes', (getDb) => {
  let app: FastifyInstance;
  const sessions = new Map<string, Actor>();
  const call = (who: string | null, method: 'GET' | 'PUT', payload?: unknown) => callAs(app, who, method, '/api/plan-settings', payload);

  beforeAll(async () => {
    const { db } = getDb();
    const { tenantId } = await makeTenant(db);
    const other = await makeTenant(db);
    const actor = (tenantId: number, role: Actor['role'], departmentId: number | null = null): Actor => ({ tenantId, userId: null, username: role, displayName: role, role, departmentId });
    sessions.set('admin', actor(tenantId, 'admin'));
    sessions.set('office', actor(tenantId, 'office'));
    sessions.set('department', actor(tenantId, 'department', 1));
    sessions.set('inspector', actor(tenantId, 'inspector'));
    sessions.set('otherOffice', actor(other.tenantId, 'office'));
    app = await fakeSessionApp(db, sessions);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts at the defaults, with the rule of each setting in words', async () => {
    const res = await call('office', 'GET');
    expect(res.statusCode).toBe(200);
    const body = res.json() as PlanSettingsResponse;
    expect(body.settings).toEqual({ reportingGraceDays: 0, unitNames: [], version: 0 });
    expect(body.rules.reportingGraceDays).toContain('宽限期');
  });

  it('the office and the admin save, each on the version they read; a stale save gets 409', async () => {
    const saved = await call('office', 'PUT', { version: 0, reportingGraceDays: 30, unitNames: [' 支行 ', '区委宣传部', '支行'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as PlanSettingsResponse).settings).toEqual({ reportingGraceDays: 30, unitNames: ['支行', '区委宣传部'], version: 1 });
    const stale = await call('admin', 'PUT', { version: 0, reportingGraceDays: 10, unitNames: [] });
    expect(stale.statusCode).toBe(409);
    const byAdmin = await call('admin', 'PUT', { version: 1, reportingGraceDays: 10, unitNames: ['支行'] });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect((await call('department', 'GET')).json().settings).toMatchObject({ reportingGraceDays: 10, version: 2 });
    // another authority keeps its own
    expect((await call('otherOffice', 'GET')).json().settings.version).toBe(0);
  });

  it('refuses what is out of range, in Chinese', async () => {
    const res = await call('office', 'PUT', { version: 2, reportingGraceDays: 400, unitNames: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('366');
  });

  it('departments read but do not change; inspectors and visitors get nothing', async () => {
    expect((await call('department', 'PUT', { version: 2, reportingGraceDays: 5, unitNames: [] })).statusCode).toBe(403);
    expect((await call('inspector', 'GET')).statusCode).toBe(403);
    expect((await call('inspector', 'PUT', { version: 2, reportingGraceDays: 5, unitNames: [] })).statusCode).toBe(403);
    expect((await call(null, 'GET')).statusCode).toBe(401);
    expect((await call(null, 'PUT', { version: 2, reportingGraceDays: 5, unitNames: [] })).statusCode).toBe(401);
  });
});
