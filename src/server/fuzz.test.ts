// Every route, every role, generated bad input: never a 5xx, always { code, message } on an error.
//
// The routes come from the OpenAPI document the app serves (/api/docs/json), so a route added
// later is fuzzed without touching this file (a check below fails if the document and Fastify's
// own route table disagree). Inputs are generated from each route's own schema by fast-check,
// with a fixed seed (reproducible): values of the right shape whose strings, numbers and ids are
// hostile (NUL bytes, impossible dates, 100 000 characters, SQL and LIKE metacharacters, ids out of
// range), arbitrary JSON, and broken bodies (bad JSON, wrong content types, multipart with the
// wrong boundary). Each is sent signed out and as each role of the demo authority.
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { DEMO_PASSWORD } from '../org/seed';
import { tenants } from '../org/tenancy/tables';
import { importActor, importPlanFile } from '../plans/import';
import { SEED_FILES, seedBytes } from '../plans/testing';
import { seededApp, signIn, type TestApp } from './testing';
import { eq } from 'drizzle-orm';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const SEED = 20261202;
const RUNS_PER_ROUTE = 4;

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '区\u0000',
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '2026-13-45T25:61:61Z',
  'x'.repeat(100_000),
  '',
  ' ',
  "'; drop table users; --",
  '%',
  '_',
  '%_\\',
  '\\',
  '<img src=x onerror=alert(1)>',
  '\ud800',
  '𠀀𠀁',
  '../../etc/passwd',
  '1e309',
  'NaN',
  '-1',
  '0',
  '99999999999999999999',
  'null',
  '{"a":1}',
];
const HOSTILE_NUMBERS = [0, -1, 1.5, -0.000001, 1e308, -1e308, 2 ** 53 + 1, 2 ** 63, 99999999999];
const HOSTILE_IDS = ['1', '2', '0', '-1', '999999999999999', '9999999999999999999999', 'abc', '1e3', '%00', '%E5%8C%BA', '1%20', 'null'];

function resolve(schema: Schema | undefined, doc: { components?: { schemas?: Record<string, Schema> } }): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && s.$ref; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  return s;
}

/** Values shaped by `schema`, hostile in their leaves. */
function arbFor(schema: Schema | undefined, doc: Parameters<typeof resolve>[1], depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => arbFor(a, doc, depth + 1)));
  if (s.allOf?.length) return arbFor(s.allOf[0], doc, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  const junk = fc.oneof(fc.constant(null), fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_NUMBERS), fc.boolean(), fc.constant([]), fc.constant({}));
  let shaped: fc.Arbitrary<unknown>;
  if (s.enum?.length) shaped = fc.oneof(fc.constantFrom(...s.enum), fc.constantFrom(...HOSTILE_STRINGS));
  else if (type === 'string') shaped = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...HOSTILE_IDS));
  else if (type === 'number' || type === 'integer') shaped = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  else if (type === 'boolean') shaped = fc.boolean();
  else if (type === 'array') shaped = depth > 4 ? fc.constant([]) : fc.array(arbFor(s.items, doc, depth + 1), { maxLength: 3 });
  else if (type === 'object' || s.properties) {
    if (depth > 4) return fc.constant({});
    const props = Object.entries(s.properties ?? {});
    shaped = fc
      .tuple(...props.map(([, p]) => fc.option(arbFor(p, doc, depth + 1), { freq: 4 })), fc.option(fc.dictionary(fc.string({ maxLength: 5 }), junk, { maxKeys: 2 }), { freq: 6 }))
      .map((vals) => {
        const o: Record<string, unknown> = {};
        props.forEach(([k], i) => {
          if (vals[i] !== null) o[k] = vals[i];
        });
        return Object.assign(o, vals[props.length] ?? {});
      });
  } else shaped = junk;
  // sometimes the wrong type altogether
  return fc.oneof({ arbitrary: shaped, weight: 5 }, { arbitrary: junk, weight: 1 });
}

/** A query string or path value: a string, URL-encoded. */
const paramArb = (schema: Schema | undefined, doc: Parameters<typeof resolve>[1]) =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_IDS),
    arbFor(schema, doc).map((v) => encode(typeof v === 'string' ? v.slice(0, 2000) : (JSON.stringify(v) ?? ''))),
  );

/** URL-encoded; a lone surrogate becomes its (invalid) UTF-8 bytes, which a server must survive too. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

interface Sent {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

function requestsFor(path: string, method: string, op: Operation, doc: Parameters<typeof resolve>[1]): Sent[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const json = op.requestBody?.content?.['application/json']?.schema;
  const multipart = !!op.requestBody?.content?.['multipart/form-data'] || (op as { consumes?: string[] }).consumes?.includes('multipart/form-data');
  const arb = fc.record({
    path: fc.tuple(...pathParams.map((p) => paramArb(p.schema, doc))),
    query: fc.tuple(...queryParams.map((p) => fc.option(paramArb(p.schema, doc), { freq: 2 }))),
    body: json ? fc.oneof({ arbitrary: arbFor(json, doc), weight: 4 }, { arbitrary: fc.jsonValue(), weight: 1 }) : fc.option(fc.jsonValue(), { freq: 2 }),
  });
  const samples = fc.sample(arb, { numRuns: RUNS_PER_ROUTE, seed: SEED ^ hash(`${method} ${path}`) });
  const out: Sent[] = samples.map((sample) => {
    let url = path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, String(sample.path[i]) || 'x')));
    const qs = queryParams.map((p, i) => (sample.query[i] === null ? null : `${p.name}=${sample.query[i]}`)).filter(Boolean);
    if (qs.length) url += `?${qs.join('&')}`;
    const body = sample.body;
    if (method === 'GET' || method === 'DELETE') return { method, url };
    return body === undefined || body === null ? { method, url } : { method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) };
  });
  const plain = path.replace(/\{[^}]+\}/g, '1');
  if (method !== 'GET') {
    out.push({ method, url: plain, headers: { 'content-type': 'application/json' }, payload: '{"a": ' });
    out.push({ method, url: plain, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    out.push({ method, url: plain, headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"x": 1}, "constructor": {"prototype": {}}}' });
    out.push({ method, url: plain, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: '\u0000' }) });
    out.push({
      method,
      url: plain,
      headers: { 'content-type': 'multipart/form-data; boundary=BBB' },
      payload: Buffer.from('--AAA\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.txt"\r\n\r\nx\r\n--AAA--\r\n'),
    });
  }
  if (multipart) {
    out.push({
      method,
      url: plain,
      headers: { 'content-type': 'multipart/form-data; boundary=AAA' },
      payload: Buffer.from('--AAA\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.txt"\r\n\r\n一、总体要求\r\n--AAA--\r\n'),
    });
    out.push({ method, url: plain, headers: { 'content-type': 'multipart/form-data; boundary=AAA' }, payload: Buffer.from('--AAA\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nx') });
  }
  return out;
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

forEachDb('fuzz over every route', (getDb) => {
  let t: TestApp;
  let app: FastifyInstance;
  const cookies: Record<string, string | null> = { anonymous: null };
  const fastifyRoutes = new Set<string>();

  beforeAll(async () => {
    t = await seededApp(getDb().db);
    app = t.app;
    const [demo] = await t.db.select().from(tenants).where(eq(tenants.name, '示范区'));
    await importPlanFile(t.db, importActor(demo.id), seedBytes(SEED_FILES[0]), SEED_FILES[0], { publish: true });
    for (const role of ['admin', 'office', 'dept', 'inspector']) cookies[role] = await signIn(app, role, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sends generated bad input to every route as every role: no 5xx, and every error is { code, message }', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => ({ path, method: m.toUpperCase(), op })),
    );
    expect(ops.length).toBeGreaterThan(50);
    // every API route Fastify serves is in the document (so none escapes the fuzz)
    for (const r of ops) fastifyRoutes.add(`${r.method} ${r.path.replace(/\{([^}]+)\}/g, ':$1')}`);
    const missing: string[] = [];
    for (const [method, url] of listFastifyRoutes(app)) {
      if (!url.startsWith('/api/') || url.startsWith('/api/docs') || url.startsWith('/api/test/')) continue;
      if (!fastifyRoutes.has(`${method} ${url}`)) missing.push(`${method} ${url}`);
    }
    expect(missing).toEqual([]);

    const failures: string[] = [];
    let sent = 0;
    for (const { path, method, op } of ops) {
      const requests = requestsFor(path, method, op, doc);
      for (const [role, cookie] of Object.entries(cookies)) {
        // signing out or changing the password would end the role's session for the rest of the run
        if (cookie && (path === '/api/auth/logout' || path === '/api/auth/password')) continue;
        for (const req of requests) {
          const res: LightMyRequestResponse = await app.inject({
            method: req.method as 'GET',
            url: req.url,
            headers: { ...(req.headers ?? {}), ...(cookie ? { cookie } : {}) },
            ...(req.payload !== undefined ? { payload: req.payload } : {}),
          });
          sent++;
          const what = `${role} ${req.method} ${req.url.slice(0, 120)} ${String(req.payload ?? '').slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (res.statusCode >= 500) {
            failures.push(what);
            continue;
          }
          if (res.statusCode >= 400) {
            let body: { code?: unknown; message?: unknown } | undefined;
            try {
              body = res.json();
            } catch {
              body = undefined;
            }
            if (typeof body?.code !== 'string' || typeof body.message !== 'string' || !/[\u4e00-\u9fff]/.test(body.message)) failures.push(`shape: ${what}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures.slice(0, 30)).toEqual([]);
  });
});

/** [method, url] of every route Fastify has (HEAD excluded), from its printed route tree. */
function listFastifyRoutes(app: FastifyInstance): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  // lines look like "    └── /:id (PATCH, GET, HEAD)": the indent is the depth in the tree
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.search(/[─] /);
    if (at < 0) continue;
    const depth = Math.floor((at + 2) / 4) - 1;
    const m = /^(\S+?)(?: \(([^)]+)\))?$/.exec(line.slice(at + 2).trim());
    if (!m) continue;
    stack.length = depth;
    stack[depth] = m[1];
    const url = stack.join('');
    for (const method of (m[2] ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
      if (method !== 'HEAD' && method !== 'OPTIONS') out.push([method, url]);
    }
  }
  return out;
}
