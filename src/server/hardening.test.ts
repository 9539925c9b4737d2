// What a tester tried from outside, on the real app with real sign-in: NUL bytes, impossible dates
// and broken multipart bodies are 400 (not 500), another site cannot act with the user's cookie,
// the API is not cached, and the error shape holds where the HTTP parser answers (431) and where a
// route has its own body limit (413).
import net from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { DEMO_PASSWORD } from '../org/seed';
import { tenants } from '../org/tenancy/tables';
import { autoResolve, confirmInputFrom, importActor, importPlanFile, parseUpload } from '../plans/import';
import { SEED_FILES, seedBytes } from '../plans/testing';
import { seededApp, signIn, type TestApp } from './testing';
import { eq } from 'drizzle-orm';

const expectErrorShape = (res: LightMyRequestResponse, status: number, code?: string) => {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { code: unknown; message: unknown };
  expect(typeof body.code).toBe('string');
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  if (code) expect(body.code).toBe(code);
};

forEachDb('hardening against bad input and other sites', (getDb) => {
  let t: TestApp;
  let app: FastifyInstance;
  let office: string;
  let planId: number;
  let taskId: string;
  let taskVersion: number;

  beforeAll(async () => {
    t = await seededApp(getDb().db);
    app = t.app;
    office = await signIn(app, 'office', DEMO_PASSWORD);
    const [demo] = await t.db.select().from(tenants).where(eq(tenants.name, '示范区'));
    const file = SEED_FILES[0];
    planId = (await importPlanFile(t.db, importActor(demo.id), seedBytes(file), file)).planId;
    const detail = (await app.inject({ method: 'GET', url: `/api/plans/${planId}`, headers: { cookie: office } })).json();
    taskId = detail.tasks[0].id;
    taskVersion = detail.tasks[0].version;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a NUL byte in any string is 400 with the field named: anonymous login, a query, a nested body field, a key', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'off\u0000ice', password: 'x' } });
    expectErrorShape(login, 400, 'VALIDATION_FAILED');
    expect(login.json().message).toContain('用户名');
    expect(login.json().message).toContain('空字符');
    const query = await app.inject({ method: 'GET', url: '/api/regions/search?q=%E5%8C%BA%00', headers: { cookie: office } });
    expectErrorShape(query, 400, 'VALIDATION_FAILED');
    const nested = await app.inject({
      method: 'PATCH',
      url: `/api/plans/${planId}/tasks/${taskId}`,
      headers: { cookie: office },
      payload: { version: taskVersion, title: '加强\u0000质量' },
    });
    expectErrorShape(nested, 400, 'VALIDATION_FAILED');
    expect(nested.json().message).toContain('任务名称');
    const key = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'x', ['a\u0000']: 1 } });
    expectErrorShape(key, 400, 'VALIDATION_FAILED');
  });

  it('dates that do not exist are 400: dueDate 9999-99-99, writtenDate 2026-02-30', async () => {
    for (const dueDate of ['9999-99-99', '2026-02-30', '2026-13-01', '0000-01-01']) {
      const res = await app.inject({ method: 'PATCH', url: `/api/plans/${planId}/tasks/${taskId}`, headers: { cookie: office }, payload: { version: taskVersion, dueDate } });
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      expect(res.json().message).toContain('截止日期');
    }
    const ok = await app.inject({ method: 'PATCH', url: `/api/plans/${planId}/tasks/${taskId}`, headers: { cookie: office }, payload: { version: taskVersion, dueDate: '2028-02-29' } });
    expect(ok.statusCode, ok.body).toBe(200);
    taskVersion = ok.json().version ?? taskVersion + 1;

    const [demo] = await t.db.select().from(tenants).where(eq(tenants.name, '示范区'));
    const file = SEED_FILES[1];
    const review = await parseUpload(t.db, importActor(demo.id), new Uint8Array([...seedBytes(file), 0x0a]), 'date.txt');
    const body = confirmInputFrom(review, autoResolve(review.departments));
    body.metadata.writtenDate = '2026-02-30';
    const res = await app.inject({ method: 'POST', url: '/api/plans', headers: { cookie: office }, payload: body });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(res.json().message).toContain('成文日期');
  });

  it('a plan upload whose multipart body does not match its boundary is 400', async () => {
    const payload = Buffer.from('--AAA\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n一、总体要求\r\n--AAA--\r\n');
    for (const ct of ['multipart/form-data; boundary=BBB', 'multipart/form-data', 'multipart/form-data; boundary=']) {
      const res = await app.inject({ method: 'POST', url: '/api/plans/import/parse', headers: { cookie: office, 'content-type': ct }, payload });
      expectErrorShape(res, 400);
    }
    const truncated = await app.inject({
      method: 'POST',
      url: '/api/plans/import/parse',
      headers: { cookie: office, 'content-type': 'multipart/form-data; boundary=AAA' },
      payload: payload.subarray(0, 60),
    });
    expectErrorShape(truncated, 400);
  });

  it('another site cannot act with the cookie: text/plain or JSON POSTs from Origin http://evil.example are 403, the session lives on', async () => {
    const own = await signIn(app, 'office', DEMO_PASSWORD);
    const evil = { cookie: own, origin: 'http://evil.example' };
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...evil, 'content-type': 'text/plain' }, payload: 'x' });
    expectErrorShape(logout, 403, 'CROSS_SITE_REQUEST');
    const readAll = await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { ...evil, 'content-type': 'application/json' }, payload: '{}' });
    expectErrorShape(readAll, 403, 'CROSS_SITE_REQUEST');
    // no Origin but a foreign Referer; and the opaque origin "null" of a sandboxed frame
    const byReferer = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: own, referer: 'http://evil.example/page' } });
    expectErrorShape(byReferer, 403, 'CROSS_SITE_REQUEST');
    const nullOrigin = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: own, origin: 'null' } });
    expectErrorShape(nullOrigin, 403, 'CROSS_SITE_REQUEST');
    // a lookalike host is not the same host
    const lookalike = await app.inject({ method: 'DELETE', url: `/api/plans/${planId}`, headers: { cookie: own, origin: 'http://localhost:80.evil.example', host: 'localhost:80' } });
    expectErrorShape(lookalike, 403, 'CROSS_SITE_REQUEST');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: own } })).statusCode).toBe(200);
    // reading is not refused (GET changes nothing), and the platform's own page may POST
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...evil } })).statusCode).toBe(200);
    const same = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: own, origin: 'http://zhiliang.example:8080', host: 'zhiliang.example:8080' } });
    expect(same.statusCode, same.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: own } })).statusCode).toBe(401);
  });

  it('a body that is not JSON where JSON is meant is 415, also without an Origin', async () => {
    const own = await signIn(app, 'office', DEMO_PASSWORD);
    const plain = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: own, 'content-type': 'text/plain' }, payload: 'x' });
    expectErrorShape(plain, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: own, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
    expectErrorShape(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }) });
    expectErrorShape(login, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: own } })).statusCode).toBe(200);
  });

  it('API answers are never cached: data, errors and the OpenAPI document carry Cache-Control: no-store', async () => {
    for (const [url, headers] of [
      ['/api/health', {}],
      ['/api/auth/me', { cookie: office }],
      ['/api/auth/me', {}],
      ['/api/nope', {}],
      [`/api/plans/${planId}`, { cookie: office }],
    ] as const) {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('a route with its own body limit names that limit in its 413 (POST /api/plans: 32 MB, not the 1 MB default)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { cookie: office, 'content-type': 'application/json' },
      payload: `{"x":"${'a'.repeat(33 * 1024 * 1024)}"}`,
    });
    expectErrorShape(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.json().message).toContain('32 MB');
    const small = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` });
    expectErrorShape(small, 413, 'PAYLOAD_TOO_LARGE');
    expect(small.json().message).toContain('1 MB');
  });

  it('headers too large: 431 with { code, message } from the HTTP parser', async () => {
    const { buildApp } = await import('./app');
    const live = await buildApp({ db: t.db, config: t.config, webDir: '/nonexistent' });
    await live.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (live.server.address() as net.AddressInfo).port;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=${'x'.repeat(40 * 1024)}\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (d) => (data += d.toString('utf8')));
        socket.on('close', () => resolve(data));
        socket.on('error', (e) => (data ? resolve(data) : reject(e)));
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
      expect(body).toMatchObject({ code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('请求头过大') });
    } finally {
      await live.close();
    }
  });

  it('the API document is public by decision (docs/decisions/005): it answers signed out and holds no data', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain(DEMO_PASSWORD);
    expect(res.body).not.toContain('区市场监管局');
    expect(res.json().paths['/api/plans']).toBeTruthy();
  });

  it('the region search takes % and _ literally', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/regions/search?q=%E5%8C%BA', headers: { cookie: office } })).json();
    expect(Array.isArray(all.items ?? all)).toBe(true);
    for (const q of ['%', '_', '%25', '__', '\\']) {
      const res = await app.inject({ method: 'GET', url: `/api/regions/search?q=${encodeURIComponent(q)}`, headers: { cookie: office } });
      expect(res.statusCode, res.body).toBe(200);
      const items = (res.json().items ?? res.json()) as unknown[];
      expect(items, q).toEqual([]);
    }
    const byCode = (await app.inject({ method: 'GET', url: '/api/regions/search?q=1101', headers: { cookie: office } })).json();
    expect(((byCode.items ?? byCode) as unknown[]).length).toBeGreaterThan(0);
  });
});
