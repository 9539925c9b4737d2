// The HTTP shell: health, the one error shape, security headers, OpenAPI, the web app at `/`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../core/config';
import { forEachDb } from '../core/db/testing';
import { buildApp } from './app';

const config = loadConfig({});

function tempWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="root">SPA-INDEX</div></body></html>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log("app")');
  return dir;
}

forEachDb('HTTP shell', (getDb) => {
  let app: FastifyInstance;
  let webDir: string;

  beforeAll(async () => {
    webDir = tempWebDir();
    app = await buildApp({ db: getDb().db, config, webDir, bodyLimit: 64 * 1024 });
    // Two routes that exist only in this test: one that validates, one that fails unexpectedly.
    app.post(
      '/api/test/echo',
      { schema: { body: z.object({ username: z.string().min(1).meta({ title: '用户名' }), count: z.number().int().optional() }) } },
      async (request) => request.body,
    );
    app.get('/api/test/boom', async () => {
      throw new Error('database password is hunter2 at /srv/secret.ts:42');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('answers /api/health with {"status":"ok"} and a request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe('{"status":"ok"}');
  });

  it('sends security headers, with a CSP that allows the app but no foreign scripts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers malformed JSON with INVALID_JSON in Chinese', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('treats an empty JSON body as no body: a bodiless POST works, a required body is named as missing', async () => {
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(logout.statusCode).toBe(200);
    expect(logout.json()).toEqual({ ok: true });
    const empty = await app.inject({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses prototype poisoning in JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"a","__proto__":{"isAdmin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_JSON');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(70 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    const body = res.json();
    expect(body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.message).toContain('64 KB');
  });

  it('names the invalid field in Chinese on VALIDATION_FAILED', async () => {
    const missing = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { count: 1 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ code: 'VALIDATION_FAILED', message: '缺少必填项「用户名」' });

    const wrongType = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { username: 'a', count: 'many' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toBe('「count」应为数字');
  });

  it('answers an unknown API route with 404 NOT_FOUND, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/no/such/thing?x=1' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: `接口不存在：${method} /api/no/such/thing` });
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('answers an unexpected failure with 500 INTERNAL_ERROR naming the request id, without internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.message).toContain(String(res.headers['x-request-id']));
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('secret.ts');
  });

  it('serves the built web app at / and falls back to index.html for client routes', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('SPA-INDEX');

    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log("app")');
    expect(asset.headers['cache-control']).toContain('immutable');

    const clientRoute = await app.inject({ method: 'GET', url: '/admin/departments', headers: { accept: 'text/html' } });
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.body).toContain('SPA-INDEX');

    // A missing asset is a 404, not the page (the browser would try to run HTML as a script).
    const oldAsset = await app.inject({ method: 'GET', url: '/assets/app-old999.js' });
    expect(oldAsset.statusCode).toBe(404);
    expect(oldAsset.json().code).toBe('NOT_FOUND');

    // A missing API path under GET is still the JSON 404, never the page.
    const api = await app.inject({ method: 'GET', url: '/api/departmentz' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('NOT_FOUND');
  });

  it('publishes the OpenAPI document at /api/docs/json listing the platform routes, and the UI at /api/docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/password',
      '/api/admin/users',
      '/api/admin/users/{id}',
      '/api/departments',
      '/api/admin/departments',
      '/api/admin/departments/{id}',
      '/api/admin/regions',
      '/api/admin/regions/{code}',
      '/api/regions/search',
      '/api/admin/audit',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema).toBeTruthy();

    const ui = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});

describe('HTTP shell without a built web app', () => {
  it('answers / with a Chinese page saying to run npm run build:web', async () => {
    const app = await buildApp({ db: undefined as never, config, webDir: path.join(os.tmpdir(), 'zhiliang-no-such-web-dir') });
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('npm run build:web');
      expect(res.body).toContain('网页界面尚未构建');
    } finally {
      await app.close();
    }
  });
});
