// The credit API as each role: every route answers exactly what the policy table allows (the
// inspector reads credit decisions but changes none; a department user sees none); the office enters
// a penalty, reclassifies and reads the class with its reasons; the admin edits the settings.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { createClock } from '../core/clock';
import type { Actor } from '../org/auth/model';
import { can, type Action } from '../org/auth/policy';
import { makeTenant } from '../org/testing';
import { callAs, fakeSessionApp, sessionHeaders } from '../server/testing';
import type { EnterpriseCreditOut } from './schemas';
import { actorAs, insertRegister, setEnterprise } from './testing';
import { sql } from 'drizzle-orm';

function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhiliang-credit-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

forEachDb('credit routes', (getDb) => {
  let app: FastifyInstance;
  let tenantId: number;
  let ids: number[];
  const sessions = new Map<string, Actor>();
  const roles = ['admin', 'office', 'department', 'inspector'] as const;

  beforeAll(async () => {
    const { db } = getDb();
    ({ tenantId } = await makeTenant(db));
    ids = await insertRegister(db, tenantId, 30);
    for (const id of ids) await setEnterprise(db, tenantId, id, { status: '存续', registeredOn: '2012-03-01' });
    for (const role of roles) sessions.set(role, actorAs(tenantId, role));
    sessions.set('other', actorAs((await makeTenant(db)).tenantId, 'office'));
    app = await fakeSessionApp(db, sessions, { clock: createClock(() => new Date('2026-12-02T02:00:00Z')).now });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the office enters a penalty, reclassifies, and reads the class with the reasons', async () => {
    const e = ids[0];
    const add = await callAs(app, 'office', 'POST', `/api/enterprises/${e}/credit/events`, { kind: 'penalty', occurredOn: '2026-11-02', decisionNo: '义市监罚〔2026〕12号', heavy: true, publication: 'long' });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ kindLabel: '行政处罚', publicationEndsOn: '2029-11-02', enteredByName: '测试office' });
    const run = await callAs(app, 'office', 'POST', '/api/credit/reclassify');
    expect(run.statusCode, run.body).toBe(200); // no queue in this app: done at once
    expect(run.json()).toMatchObject({ state: 'done', enterprises: 30 });
    const c = (await callAs(app, 'inspector', 'GET', `/api/enterprises/${e}/credit`)).json() as EnterpriseCreditOut;
    expect([c.class, c.classLabel, c.points]).toEqual(['C', '信用风险较高', 55]);
    expect(c.firedRules.map((f) => `${f.label} ${f.points}`)).toEqual(['受到较重行政处罚 40', '受到行政处罚 15']);
    expect(c.events[0]).toMatchObject({ kind: 'penalty', decisionNo: '义市监罚〔2026〕12号' });
    expect(c.history.map((h) => [h.fromClass, h.toClass])).toEqual([[null, 'C']]); // its first classification
  });

  it('bad input gets a Chinese reason; another tenant’s enterprise is not found', async () => {
    const bad = await callAs(app, 'office', 'POST', `/api/enterprises/${ids[1]}/credit/events`, { kind: 'penalty', occurredOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/日期/);
    const reason = await callAs(app, 'office', 'POST', `/api/enterprises/${ids[1]}/credit/lists`, { list: 'abnormal', reason: '随便', listedOn: '2026-11-01' });
    expect(reason.statusCode).toBe(400);
    expect(reason.json().message).toContain('四种法定情形');
    expect((await callAs(app, 'other', 'GET', `/api/enterprises/${ids[1]}/credit`)).statusCode).toBe(404);
    const settings = (await callAs(app, 'admin', 'GET', '/api/credit/settings')).json();
    const wrong = await callAs(app, 'admin', 'PUT', '/api/credit/settings', { version: settings.version, settings: { ...settings.settings, cutoffs: { B: 50, C: 40, D: 60 } } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('B < C < D');
  });

  it('every route answers each role as the policy table says', async () => {
    const e = ids[2];
    const listing = await callAs(app, 'office', 'POST', `/api/enterprises/${e}/credit/lists`, { list: 'abnormal', reason: 'annual_report', groundsOn: '2026-11-25' });
    expect(listing.statusCode, listing.body).toBe(201);
    const m = listing.json();
    const settings = (await callAs(app, 'admin', 'GET', '/api/credit/settings')).json();
    const runId = (await callAs(app, 'office', 'POST', '/api/credit/reclassify')).json().id;
    const routes: { method: 'GET' | 'POST' | 'PUT'; url: string; body?: () => unknown; action: Action; ok: number }[] = [
      { method: 'GET', url: `/api/enterprises/${e}/credit`, action: 'credit:read', ok: 200 },
      { method: 'GET', url: `/api/enterprises/${e}/credit/events`, action: 'credit:read', ok: 200 },
      { method: 'POST', url: `/api/enterprises/${e}/credit/events`, body: () => ({ kind: 'complaint', occurredOn: '2026-11-30' }), action: 'credit:manage', ok: 201 },
      { method: 'POST', url: `/api/enterprises/${e}/credit/lists`, body: () => ({ list: 'serious', reason: '情节严重', groundsOn: '2026-11-30' }), action: 'credit:manage', ok: 201 },
      { method: 'POST', url: `/api/credit/lists/${m.id}/decisions`, body: () => ({ action: 'objection', on: '2026-11-30', version: m.version }), action: 'credit:manage', ok: 200 },
      { method: 'POST', url: '/api/credit/reclassify', action: 'credit:reclassify', ok: 200 },
      { method: 'GET', url: '/api/credit/runs/latest', action: 'credit:reclassify', ok: 200 },
      { method: 'GET', url: `/api/credit/runs/${runId}`, action: 'credit:reclassify', ok: 200 },
      { method: 'GET', url: '/api/credit/deadlines', action: 'credit:deadlines', ok: 200 },
      { method: 'GET', url: '/api/credit/settings', action: 'credit:settings', ok: 200 },
      { method: 'PUT', url: '/api/credit/settings', body: () => ({ settings: settings.settings, version: settings.version }), action: 'credit:settings', ok: 200 },
    ];
    // the refused roles first: a refusal must change nothing (the decision's version stays valid)
    const order = [...roles].sort((a, b) => Number(can(sessions.get(a), 'credit:manage')) - Number(can(sessions.get(b), 'credit:manage')));
    for (const route of routes) {
      for (const who of order) {
        const allowed = can(sessions.get(who), route.action);
        if (allowed && route.method !== 'GET' && who !== order.find((w) => can(sessions.get(w), route.action))) continue; // one write per route
        const res = await callAs(app, who, route.method, route.url, route.body?.());
        expect(res.statusCode, `${who} ${route.method} ${route.url}: ${res.body}`).toBe(allowed ? route.ok : 403);
      }
      expect((await callAs(app, null, route.method, route.url, route.body?.())).statusCode).toBe(401);
    }
    // the roles as the brief has them
    expect(can(sessions.get('inspector'), 'credit:read')).toBe(true);
    expect(can(sessions.get('inspector'), 'credit:manage')).toBe(false);
    expect(can(sessions.get('department'), 'credit:read')).toBe(false);
    expect(can(sessions.get('admin'), 'credit:settings')).toBe(true);
  });

  it('the 驾驶舱 card lists the listing decision that is due', async () => {
    const e = ids[3];
    await callAs(app, 'office', 'POST', `/api/enterprises/${e}/credit/lists`, { list: 'abnormal', reason: 'unreachable', groundsOn: '2026-11-16' });
    const d = (await callAs(app, 'office', 'GET', '/api/credit/deadlines')).json();
    const mine = d.items.find((i: { enterpriseId: string }) => i.enterpriseId === String(e));
    expect(mine).toMatchObject({ kindLabel: '作出列入决定', dueOn: '2026-11-30', state: 'overdue', workingDaysLeft: -2, listLabel: '经营异常名录' });
    expect(d.overdue).toBeGreaterThanOrEqual(1);
  });

  it('the office imports credit records from a file and downloads the refused rows; the list filters by class and list', async () => {
    const codes = (await getDb().db.execute(sql`select credit_code from enterprises where tenant_id = ${tenantId} order by id`)).rows as Array<{ credit_code: string }>;
    const csv = ['统一社会信用代码,记录类型,决定日期,决定书文号,较重行政处罚', `${codes[5]!.credit_code},行政处罚,2026-11-03,义市监罚〔2026〕31号,是`, `${codes[6]!.credit_code},罚没,2026-11-03,,`].join('\r\n');
    const m = multipart('信用记录.csv', Buffer.from(csv));
    const as = async (who: string) => app.inject({ method: 'POST', url: '/api/credit/events/import', payload: m.payload, headers: { ...m.headers, ...sessionHeaders(who) } });
    // only the office changes credit records (the policy table's credit:manage); signed out: 401
    for (const who of ['inspector', 'department', 'admin']) expect((await as(who)).statusCode, who).toBe(can(sessions.get(who), 'credit:manage') ? 200 : 403);
    expect((await app.inject({ method: 'POST', url: '/api/credit/events/import', payload: m.payload, headers: m.headers })).statusCode).toBe(401);
    const res = await as('office');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ imported: 1, unchanged: 0, refusedCount: 1, refused: [{ row: 3, reason: expect.stringMatching(/记录类型“罚没”无法识别/) }] });
    const x = await callAs(app, 'office', 'GET', `/api/credit/imports/${body.jobId}/refusals`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    for (const who of ['inspector', 'department', 'admin']) {
      expect((await callAs(app, who, 'GET', `/api/credit/imports/${body.jobId}/refusals`)).statusCode, who).toBe(can(sessions.get(who), 'credit:manage') ? 200 : 403);
    }
    expect((await callAs(app, 'other', 'GET', `/api/credit/imports/${body.jobId}/refusals`)).statusCode).toBe(404);
    const notAFile = multipart('x.pdf', Buffer.from('%PDF-1.4'));
    const pdf = await app.inject({ method: 'POST', url: '/api/credit/events/import', payload: notAFile.payload, headers: { ...notAFile.headers, ...sessionHeaders('office') } });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().message).toContain('不是可导入的电子表格');

    // the enterprise list's credit filters through the API
    await callAs(app, 'office', 'POST', '/api/credit/reclassify');
    const d = (await callAs(app, 'inspector', 'GET', '/api/enterprises?riskClass=C')).json();
    expect(d.items.map((i: { id: string }) => i.id)).toContain(String(ids[5]));
    const bad = await callAs(app, 'inspector', 'GET', '/api/enterprises?riskClass=E');
    expect(bad.statusCode).toBe(400);
    expect((await callAs(app, 'inspector', 'GET', '/api/enterprises?list=abnormal')).json().items.map((i: { id: string }) => i.id)).not.toContain(String(ids[5]));
  });
});
