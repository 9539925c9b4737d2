// Request guards that hold for every route, in one place rather than in each route's schema:
//
// - no NUL character (U+0000) in any string of a request (body, query, path parameters, and the
//   names of keys): PostgreSQL cannot store it in text and would fail with a 500;
// - state-changing requests (POST, PUT, PATCH, DELETE) from another site are refused: when the
//   Origin header is present (or, without it, the Referer) its host must be the platform's own
//   (the Host of the request, or one of `allowedOrigins`). Browsers always send Origin on a
//   cross-site POST, so a form or fetch from http://evil.example carrying the session cookie gets a
//   403 CROSS_SITE_REQUEST before any route runs. Programs that send neither header (curl, the
//   CLI, tests) are not affected: the session cookie is SameSite=Lax and httpOnly anyway;
// - every API answer (JSON, downloads) is `Cache-Control: no-store` unless the route says otherwise.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { labelFor } from './validation';
import { RequestValidationError } from './validation';

/** The path of the first string (or key) containing U+0000, or undefined. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findNul(value[i], [...path, String(i)], depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) return [...path, k];
    const p = findNul(v, [...path, k], depth + 1);
    if (p) return p;
  }
  return undefined;
}

const PARTS = [
  ['body', '请求内容'],
  ['query', '查询参数'],
  ['params', '路径参数'],
] as const;

function nulError(request: FastifyRequest): RequestValidationError | undefined {
  for (const [part, place] of PARTS) {
    const where = findNul(request[part]);
    if (!where) continue;
    const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[part === 'query' ? 'querystring' : part];
    const label = where.length ? (schema ? labelFor(schema as never, where) : where[where.length - 1]) : undefined;
    const field = label ? `「${label}」` : place;
    const message = `${field}含有不允许的空字符（\\u0000），请删除后重试`;
    return new RequestValidationError(message, [{ path: where.join('.'), message }]);
  }
  return undefined;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export interface GuardOptions {
  /** Origins (scheme://host[:port]) besides the request's own Host that may send state-changing requests. */
  allowedOrigins?: string[];
}

/** Refuses a state-changing request whose Origin (or Referer) names another site. */
export function checkSameOrigin(request: FastifyRequest, allowed: ReadonlySet<string>): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const source = origin ?? referer;
  if (source === undefined) return;
  const own = String(request.headers.host ?? '').toLowerCase();
  const host = source === 'null' ? undefined : hostOf(source);
  if (host && (host === own || allowed.has(host))) return;
  throw new AppError(
    'CROSS_SITE_REQUEST',
    `拒绝来自其他网站的请求（${origin !== undefined ? '来源' : '引用页'}：${source.slice(0, 100)}）；请在本平台页面中操作`,
    403,
  );
}

export function registerGuards(app: FastifyInstance, opts: GuardOptions = {}): void {
  const allowed = new Set((opts.allowedOrigins ?? []).map((o) => hostOf(o)).filter((h): h is string => !!h));
  app.addHook('onRequest', async (request) => {
    checkSameOrigin(request, allowed);
  });
  app.addHook('preValidation', async (request) => {
    const err = nulError(request);
    if (err) throw err;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
